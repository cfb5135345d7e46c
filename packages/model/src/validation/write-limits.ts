/**
 * Size limits on admin writes, so one authority cannot grow the document (and every
 * subscriber's snapshot) without bound. Text lengths per value are fixed by the format
 * (`SHORT_TEXT_MAX`, `LONG_TEXT_MAX`); these limits are the ones a feed may configure.
 */
import type { Alternative, Incident, LocalizedText } from '../types.js';
import { fieldPath, itemPath, type Issues } from './reader.js';
import type { ValidationIssue } from './result.js';

export interface WriteLimits {
  /** Entries in one incident's `updates` history, the opening entry included. */
  readonly maxUpdatesPerIncident: number;
  /** Languages in one localized text (title, message, label, …). */
  readonly maxLanguagesPerText: number;
  /** Alternatives on one incident, maintenance window or service. */
  readonly maxAlternatives: number;
}

export const WRITE_LIMIT_DEFAULTS: WriteLimits = {
  maxUpdatesPerIncident: 200,
  // The EU's 24 official languages and a few regional ones (Greenlandic, Faroese, Sámi).
  maxLanguagesPerText: 30,
  maxAlternatives: 20,
};

/** What a write is judged against besides its own content: the feed's clock and limits. */
export interface WriteContext {
  /** The feed's clock; without it, nothing is judged against the present. */
  readonly now?: Date;
  readonly limits?: WriteLimits;
}

/**
 * An issue that a limit, not a malformed value, caused. `limit` names the setting
 * (`limits.maxUpdatesPerIncident`), so a feed can answer 422 and the operator knows what to raise.
 */
export function limitIssue(path: string, message: string, limit: string): ValidationIssue {
  return { path, message, limit };
}

/** Whether every issue is a limit: the request is well formed but too big (422, not 400). */
export function onlyLimits(issues: readonly ValidationIssue[]): boolean {
  return issues.length > 0 && issues.every((issue) => issue.limit !== undefined);
}

interface LimitedFields {
  readonly title?: LocalizedText;
  readonly message?: LocalizedText;
  readonly alternatives?: readonly Alternative[];
}

function checkLanguages(
  text: LocalizedText | undefined,
  path: string,
  limits: WriteLimits,
  issues: Issues,
): void {
  if (text === undefined) return;
  const count = Object.keys(text).length;
  if (count <= limits.maxLanguagesPerText) return;
  issues.push(
    limitIssue(
      path,
      `has ${count} languages, over the limit of ${limits.maxLanguagesPerText} (limits.maxLanguagesPerText)`,
      'limits.maxLanguagesPerText',
    ),
  );
}

/** Languages per text and the number of alternatives, on the fields a write gives. */
export function checkWriteLimits(fields: LimitedFields, limits: WriteLimits, issues: Issues): void {
  checkLanguages(fields.title, 'title', limits, issues);
  checkLanguages(fields.message, 'message', limits, issues);
  const { alternatives } = fields;
  if (alternatives === undefined) return;
  if (alternatives.length > limits.maxAlternatives) {
    issues.push(
      limitIssue(
        'alternatives',
        `has ${alternatives.length} alternatives, over the limit of ${limits.maxAlternatives} (limits.maxAlternatives)`,
        'limits.maxAlternatives',
      ),
    );
  }
  alternatives.forEach((alternative, index) => {
    const path = itemPath('alternatives', index);
    checkLanguages(alternative.label, fieldPath(path, 'label'), limits, issues);
    checkLanguages(alternative.detail, fieldPath(path, 'detail'), limits, issues);
    checkLanguages(alternative.hours, fieldPath(path, 'hours'), limits, issues);
  });
}

/** One more update must fit in the incident's history. */
export function checkUpdateCount(incident: Incident, limits: WriteLimits, issues: Issues): void {
  const count = incident.updates.length;
  if (count < limits.maxUpdatesPerIncident) return;
  issues.push(
    limitIssue(
      'updates',
      `incident "${incident.id}" has ${count} updates, the limit (limits.maxUpdatesPerIncident); ` +
        'resolve it and open a new incident to go on reporting',
      'limits.maxUpdatesPerIncident',
    ),
  );
}
