/**
 * What an alert says about a service: which one (a label), how bad (`severity`), and the title
 * and message people read (annotations `summary` and `description`, `_<lang>` for other
 * languages). Label and annotation values are untrusted plain text: cleaned and cut to the
 * model's lengths, never interpreted.
 */
import {
  closestIds,
  didYouMean,
  isLocaleTag,
  LONG_TEXT_MAX,
  SHORT_TEXT_MAX,
  type IncidentImpact,
  type LocalizedText,
  type StatusDocument,
} from '@statuskit/model';
import { badRequest } from '../http/http-error.js';
import type { ReceivedAlert } from './received-alert.js';

export interface AlertIntent {
  readonly alert: ReceivedAlert;
  readonly service: string;
  readonly impact: IncidentImpact;
  readonly title: LocalizedText;
  readonly message: LocalizedText;
}

/** The usual severity label values; anything else (or none) is `major`. */
const IMPACT_OF_SEVERITY: Readonly<Record<string, IncidentImpact>> = {
  critical: 'critical',
  major: 'major',
  error: 'major',
  page: 'major',
  warning: 'minor',
  minor: 'minor',
  info: 'minor',
};

export function impactOf(severity: string | undefined): IncidentImpact {
  return IMPACT_OF_SEVERITY[severity?.trim().toLowerCase() ?? ''] ?? 'major';
}

/** 400 naming the alert and label when the service is missing or unknown. */
export function mapAlert(
  alert: ReceivedAlert,
  document: StatusDocument,
  serviceLabel: string,
  defaultLocale: string,
): AlertIntent {
  const service = alert.labels[serviceLabel];
  const path = `${alert.path}.labels.${serviceLabel}`;
  const ids = document.services.map((entry) => entry.id);
  if (service === undefined) {
    throw badRequest([
      {
        path,
        message: `is missing: label each alert sent here with the id of the service it concerns (label "${serviceLabel}")`,
      },
    ]);
  }
  if (!ids.includes(service)) {
    throw badRequest([
      {
        path,
        message: `names no service of this feed: "${service.slice(0, 100)}"${didYouMean(closestIds(service, ids))}`,
      },
    ]);
  }
  const title =
    localized(alert.annotations, 'summary', defaultLocale, SHORT_TEXT_MAX) ??
    fallbackTitle(alert, defaultLocale);
  const message =
    localized(alert.annotations, 'description', defaultLocale, LONG_TEXT_MAX) ?? title;
  return { alert, service, impact: impactOf(alert.labels['severity']), title, message };
}

function fallbackTitle(alert: ReceivedAlert, defaultLocale: string): LocalizedText {
  const name = alert.labels['alertname'];
  const text = name === undefined ? undefined : plainText(name, SHORT_TEXT_MAX);
  if (text === undefined) {
    throw badRequest([
      {
        path: `${alert.path}.annotations.summary`,
        message: 'is missing, and so is the label "alertname": one of them gives the title',
      },
    ]);
  }
  return { [defaultLocale]: text };
}

/** `summary` in the default language, `summary_en` or `summary_en_GB` in others. */
function localized(
  annotations: Readonly<Record<string, string>>,
  name: string,
  defaultLocale: string,
  max: number,
): LocalizedText | undefined {
  const text: Record<string, string> = {};
  for (const [key, value] of Object.entries(annotations)) {
    const tag =
      key === name
        ? defaultLocale
        : key.startsWith(`${name}_`)
          ? key.slice(name.length + 1).replaceAll('_', '-')
          : undefined;
    if (tag === undefined || !isLocaleTag(tag)) continue;
    const clean = plainText(value, max);
    // The plain annotation wins over a suffixed one naming the default language.
    if (clean !== undefined && (key === name || text[tag] === undefined)) text[tag] = clean;
  }
  return Object.keys(text).length > 0 ? text : undefined;
}

// Control characters garble screen readers and logs; newlines and tabs are kept.
const CONTROL = /(?![\t\n])\p{Cc}/gu;

/** The text as the model accepts it: no control characters, at most `max` code points. */
export function plainText(value: string, max: number): string | undefined {
  const text = value.replaceAll('\r\n', '\n').replace(CONTROL, ' ').trim();
  if (text === '') return undefined;
  // Code points, as the model counts them (an emoji counts once).
  const points = Array.from(text);
  return points.length <= max ? text : `${points.slice(0, max - 1).join('')}…`;
}
