import {
  resolveText,
  type LocalizedText,
  type Maintenance,
  type StatusDocument,
} from '@statuskit/model';

/**
 * iCalendar (RFC 5545) of scheduled and in-progress maintenance, so users and agencies can
 * subscribe. UIDs are the maintenance id at the feed's domain: stable across requests, so a
 * calendar updates an event instead of adding a copy.
 */
export interface CalendarOptions {
  /** The right-hand side of every UID; see `calendarDomain`. */
  readonly domain: string;
  /** Shown after the calendar's name, so two subscribed feeds can be told apart. */
  readonly feedName?: string;
  readonly locale: string;
  readonly now: Date;
}

/** The UID domain when no `publicUrl` is configured: reserved, so it can never be someone's. */
export const FALLBACK_CALENDAR_DOMAIN = 'statuskit.invalid';

/**
 * The domain of the feed's UIDs: the host of its configured public address. Never the request's
 * Host header, which any client can set: UIDs must not change with the way a feed is reached.
 */
export function calendarDomain(publicUrl: string | undefined): string {
  return publicUrl === undefined ? FALLBACK_CALENDAR_DOMAIN : new URL(publicUrl).hostname;
}

/** The calendar's own name in the languages the elements speak; English for any other. */
const CALENDAR_NAME: LocalizedText = {
  en: 'Planned maintenance',
  da: 'Planlagt vedligeholdelse',
  sv: 'Planerat underhåll',
  nb: 'Planlagt vedlikehold',
  no: 'Planlagt vedlikehold',
  nn: 'Planlagt vedlikehald',
  is: 'Fyrirhugað viðhald',
  fi: 'Suunnitellut huoltokatkot',
};

export function calendarName(locale: string, feedName: string | undefined): string {
  const name = resolveText(CALENDAR_NAME, locale, 'en');
  return feedName === undefined ? name : `${name} – ${feedName}`;
}

export function maintenanceCalendar(
  document: StatusDocument,
  windows: readonly Maintenance[],
  options: CalendarOptions,
): string {
  const text = (value: Parameters<typeof resolveText>[0]): string =>
    resolveText(value, options.locale, document.defaultLocale);
  const serviceName = (id: string): string =>
    text(document.services.find((service) => service.id === id)?.name) || id;

  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Statuskit//Status feed//EN',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `X-WR-CALNAME:${escapeText(calendarName(options.locale, options.feedName))}`,
    `X-WR-TIMEZONE:${document.timeZone}`,
    'REFRESH-INTERVAL;VALUE=DURATION:PT1H',
    'X-PUBLISHED-TTL:PT1H',
  ];
  const stamp = formatUtc(options.now.toISOString());
  for (const window of windows) {
    if (window.state !== 'scheduled' && window.state !== 'in_progress') continue;
    const affected = window.services.map(serviceName).join(', ');
    lines.push(
      'BEGIN:VEVENT',
      `UID:${window.id}@${options.domain}`,
      `DTSTAMP:${stamp}`,
      `DTSTART:${formatUtc(window.scheduledStart)}`,
      `DTEND:${formatUtc(window.scheduledEnd)}`,
      `SUMMARY:${escapeText(text(window.title))}`,
      `DESCRIPTION:${escapeText(`${text(window.message)}\n\n${affected}`)}`,
      'STATUS:CONFIRMED',
      'TRANSP:TRANSPARENT',
      'CATEGORIES:MAINTENANCE',
      'END:VEVENT',
    );
  }
  lines.push('END:VCALENDAR');
  return lines.map(foldLine).join('\r\n') + '\r\n';
}

/** `20260314T210000Z`: every time in UTC, so no VTIMEZONE is needed. */
export function formatUtc(timestamp: string): string {
  return new Date(timestamp)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

/** TEXT escaping, RFC 5545 section 3.3.11. */
export function escapeText(value: string): string {
  return value
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r\n|\r|\n/g, '\\n');
}

/** Lines longer than 75 octets are folded (section 3.1), never inside a UTF-8 sequence. */
export function foldLine(line: string): string {
  const parts: string[] = [];
  let current = '';
  let octets = 0;
  for (const char of line) {
    const size = Buffer.byteLength(char, 'utf8');
    // Continuation lines begin with a space, which counts towards their 75 octets.
    const limit = parts.length === 0 ? 75 : 74;
    if (octets + size > limit) {
      parts.push(current);
      current = '';
      octets = 0;
    }
    current += char;
    octets += size;
  }
  parts.push(current);
  return parts.join('\r\n ');
}
