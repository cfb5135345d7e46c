import { resolveText, type Maintenance, type StatusDocument } from '@statuskit/model';

/**
 * iCalendar (RFC 5545) of scheduled and in-progress maintenance, so users and agencies can
 * subscribe. UIDs are the maintenance id at the feed's host: stable across requests, so a calendar
 * updates an event instead of adding a copy.
 */
export interface CalendarOptions {
  readonly host: string;
  readonly locale: string;
  readonly now: Date;
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
    `X-WR-CALNAME:${escapeText('Planned maintenance')}`,
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
      `UID:${window.id}@${options.host}`,
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
