/**
 * Turns the alerts of one notification into incident changes, per alert fingerprint. Pure: the
 * caller stores what it returns. Every POST carries the whole group, so an alert already
 * reflected in the document yields no change, and the same payload twice writes nothing.
 *
 * An alert's incident has the id `alert-<fingerprint>-<startsAt, UTC, to the second>`: the id
 * itself marks the incident as automatic, and only such ids are ever touched, so an incident a
 * person opened is never changed or closed by an alert. A firing alert opens its incident, or
 * updates the open one with that fingerprint when what it says changed; its resolution resolves
 * that incident only. A resolution whose incident does not exist (the firing was never
 * delivered, or arrives later) is recorded as an incident that is already over, from
 * `startsAt` to `endsAt`; a firing that then arrives late finds its incident over and changes
 * nothing.
 */
import type {
  Change,
  Incident,
  IncidentUpdateInput,
  LocalizedText,
  NewIncident,
  StatusDocument,
} from '@statuskit/model';
import { inDefaultLanguage } from '../feed-wording.js';
import { openIncident, updateIncident } from '../commands.js';
import type { AlertIntent } from './alert-mapping.js';
import type { AlertSource } from './received-alert.js';

export type AlertOutcome = 'opened' | 'updated' | 'resolved' | 'recorded' | 'unchanged';

export interface AlertWrite {
  /** `alertmanager:<fingerprint>`: who made the change, in the journal and in reports. */
  readonly actor: string;
  readonly change: Extract<Change, { type: 'incident' }>;
}

export interface AlertResult {
  readonly fingerprint: string;
  readonly incident: string;
  readonly outcome: AlertOutcome;
}

/**
 * How a planned change is checked before it is stored; throws the 4xx that explains why not.
 * `create` and `update` get the document as the earlier changes of this group left it.
 */
export interface IncidentChecks {
  create(input: NewIncident, document: StatusDocument): NewIncident;
  update(
    input: IncidentUpdateInput,
    incident: Incident,
    document: StatusDocument,
  ): IncidentUpdateInput;
}

export interface ReconcileContext {
  readonly source: AlertSource;
  readonly now: Date;
  readonly defaultLocale: string;
  /** Whether an incident id was used before and has left the live document. */
  readonly retired: (id: string) => boolean;
  readonly checks: IncidentChecks;
  readonly apply: (document: StatusDocument, change: Change) => StatusDocument;
}

/** The incident an alert episode (fingerprint and start) is reported under. */
export function alertIncidentId(fingerprint: string, startsAt: Date): string {
  const second = startsAt.toISOString().slice(0, 19).replaceAll(/[-:T]/g, '');
  return `${alertIncidentPrefix(fingerprint)}${second}`;
}

function alertIncidentPrefix(fingerprint: string): string {
  return `alert-${fingerprint}-`;
}

export function reconcileAlerts(
  document: StatusDocument,
  intents: readonly AlertIntent[],
  context: ReconcileContext,
): { writes: AlertWrite[]; results: AlertResult[] } {
  const writes: AlertWrite[] = [];
  const results: AlertResult[] = [];
  let current = document;
  for (const intent of intents) {
    const { fingerprint } = intent.alert;
    const planned = planFor(current, intent, context);
    results.push({ fingerprint, incident: planned.incident, outcome: planned.outcome });
    if (!planned.change) continue;
    writes.push({ actor: `${context.source}:${fingerprint}`, change: planned.change });
    current = context.apply(current, planned.change);
  }
  return { writes, results };
}

interface Planned {
  readonly incident: string;
  readonly outcome: AlertOutcome;
  readonly change?: AlertWrite['change'];
}

function planFor(
  document: StatusDocument,
  intent: AlertIntent,
  context: ReconcileContext,
): Planned {
  const { alert } = intent;
  const prefix = alertIncidentPrefix(alert.fingerprint);
  const open = document.incidents.find(
    (incident) => incident.id.startsWith(prefix) && incident.state !== 'resolved',
  );
  const id = alertIncidentId(alert.fingerprint, alert.startsAt);
  const episodeKnown =
    document.incidents.some((incident) => incident.id === id) || context.retired(id);
  const now = context.now;
  const { checks } = context;
  if (alert.firing) {
    if (open) {
      if (saysTheSame(open, intent)) return { incident: open.id, outcome: 'unchanged' };
      const input = checks.update(
        {
          state: open.state,
          message: intent.message,
          impact: intent.impact,
          title: intent.title,
        },
        open,
        document,
      );
      return {
        incident: open.id,
        outcome: 'updated',
        change: incidentChange(updateIncident(open, input, now)),
      };
    }
    if (episodeKnown) return { incident: id, outcome: 'unchanged' };
    const incident = openIncident(
      document,
      checks.create(newIncident(id, intent, now), document),
      now,
    );
    return { incident: id, outcome: 'opened', change: incidentChange(incident) };
  }
  // Resolved: only the open incident of this fingerprint, and only by an end after its start.
  const endsAt = alert.endsAt && alert.endsAt < now ? alert.endsAt : now;
  if (open) {
    if (endsAt < new Date(open.startedAt)) return { incident: open.id, outcome: 'unchanged' };
    const input = checks.update(
      {
        state: 'resolved',
        message: resolutionMessage(context.defaultLocale),
        time: endsAt.toISOString(),
      },
      open,
      document,
    );
    return {
      incident: open.id,
      outcome: 'resolved',
      change: incidentChange(updateIncident(open, input, now)),
    };
  }
  if (episodeKnown) return { incident: id, outcome: 'unchanged' };
  const opened = openIncident(document, checks.create(newIncident(id, intent, now), document), now);
  const over = endsAt < alert.startsAt ? alert.startsAt : endsAt;
  const input = checks.update(
    {
      state: 'resolved',
      message: resolutionMessage(context.defaultLocale),
      time: over.toISOString(),
    },
    opened,
    context.apply(document, incidentChange(opened)),
  );
  return {
    incident: id,
    outcome: 'recorded',
    change: incidentChange(updateIncident(opened, input, now)),
  };
}

function incidentChange(incident: Incident): AlertWrite['change'] {
  return { type: 'incident', incident };
}

function newIncident(id: string, intent: AlertIntent, now: Date): NewIncident {
  // A sender's clock ahead of ours must not start an incident in the future.
  const startedAt = intent.alert.startsAt < now ? intent.alert.startsAt : now;
  return {
    id,
    services: [intent.service],
    impact: intent.impact,
    title: intent.title,
    message: intent.message,
    startedAt: startedAt.toISOString(),
  };
}

/**
 * Whether the open incident already says what the alert says (so nothing is written). Services
 * are not compared: the service label is part of the fingerprint, and a person may have added
 * services to the incident.
 */
function saysTheSame(incident: Incident, intent: AlertIntent): boolean {
  return (
    incident.impact === intent.impact &&
    sameText(incident.title, intent.title) &&
    sameText(incident.message, intent.message)
  );
}

function sameText(a: LocalizedText, b: LocalizedText): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((key) => a[key] === b[key]);
}

const RESOLVED_TEXT = {
  da: 'Løst: overvågningen melder ikke længere fejl.',
  en: 'Resolved: monitoring no longer reports the problem.',
  fi: 'Ratkaistu: valvonta ei enää ilmoita ongelmasta.',
  sv: 'Löst: övervakningen rapporterar inte längre problemet.',
};

/** The resolution's message, in the feed's default language when known, else in English. */
export function resolutionMessage(defaultLocale: string): LocalizedText {
  return inDefaultLanguage(defaultLocale, RESOLVED_TEXT);
}
