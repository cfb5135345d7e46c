import {
  resolveText,
  type Incident,
  type Maintenance,
  type StatusDocument,
} from '@statuskit/model';
import type { HistoryEvents } from '../routes/availability.js';
import type { AtomWords, EntryEvent } from './atom-wording.js';

/** One Atom entry, before rendering: texts already in the reader's language. */
export interface HistoryEntry {
  /** Stable path under the feed's tag URI: `incident/{id}/{update index}` or `maintenance/{id}/{event}`. */
  readonly key: string;
  readonly title: string;
  /** Plain text lines: the message, then the services (and a window's times). */
  readonly lines: readonly string[];
  readonly published: string;
  readonly updated: string;
  readonly services: readonly string[];
  /** Names of the authorities owning the services. */
  readonly authors: readonly string[];
}

/** At most this many entries, newest first, and none older than `MAX_AGE_DAYS`. */
export const MAX_ENTRIES = 100;
export const MAX_AGE_DAYS = 90;
const DAY_MS = 86_400_000;

export interface EntryOptions {
  readonly document: StatusDocument;
  /** The services a filtered feed covers (the named ones and what they depend on). */
  readonly scope: ReadonlySet<string> | undefined;
  readonly locale: string;
  readonly words: AtomWords;
  readonly now: Date;
}

/**
 * Announcements, updates and resolutions of incidents (one entry per update, the first being the
 * announcement), and the announcement, start, end or cancellation of maintenance, newest first.
 * Planned work has an entry as soon as it is announced, its window in the text.
 */
export function historyEntries(events: HistoryEvents, options: EntryOptions): HistoryEntry[] {
  const { scope } = options;
  const touches = (services: readonly string[]): boolean =>
    !scope || services.some((id) => scope.has(id));
  const entries = [
    ...events.incidents
      .filter((i) => touches(i.services))
      .flatMap((i) => incidentEntries(i, options)),
    ...events.maintenance
      .filter((m) => touches(m.services))
      .flatMap((m) => maintenanceEntries(m, events.changedAt('maintenance', m.id), options)),
  ];
  const oldest = options.now.getTime() - MAX_AGE_DAYS * DAY_MS;
  // Each entity's entries are built oldest first: at equal times, the later one comes first.
  return entries
    .map((entry, position) => ({ entry, position, time: Date.parse(entry.updated) }))
    .filter(({ time }) => time >= oldest)
    .sort((a, b) => b.time - a.time || b.position - a.position)
    .slice(0, MAX_ENTRIES)
    .map(({ entry }) => entry);
}

function incidentEntries(incident: Incident, options: EntryOptions): HistoryEntry[] {
  const text = texts(options);
  const title = text(incident.title);
  const updates =
    incident.updates.length > 0
      ? incident.updates
      : [{ time: incident.startedAt, state: incident.state, message: incident.message }];
  return updates.map((update, index) => ({
    key: `incident/${incident.id}/${index}`,
    title: `${options.words.event(update.state)}: ${title}`,
    lines: [text(update.message), servicesLine(incident.services, options)].filter(Boolean),
    published: update.time,
    updated: update.time,
    services: incident.services,
    authors: owners(incident.services, options),
  }));
}

function maintenanceEntries(
  window: Maintenance,
  changedAt: string | undefined,
  options: EntryOptions,
): HistoryEntry[] {
  const text = texts(options);
  const title = text(window.title);
  const lines = [
    text(window.message),
    `${options.words.window}: ${formatWindow(window, options)}`,
    servicesLine(window.services, options),
  ].filter(Boolean);
  const entry = (event: EntryEvent, time: string): HistoryEntry => ({
    key: `maintenance/${window.id}/${event}`,
    title: `${options.words.event(event)}: ${title}`,
    lines,
    published: time,
    updated: time,
    services: window.services,
    authors: owners(window.services, options),
  });
  const entries = [entry('announced', window.announcedAt)];
  if (window.actualStart !== undefined) entries.push(entry('started', window.actualStart));
  if (window.actualEnd !== undefined) entries.push(entry('completed', window.actualEnd));
  if (window.state === 'cancelled')
    entries.push(entry('cancelled', changedAt ?? window.announcedAt));
  return entries;
}

function texts(options: EntryOptions): (text: Parameters<typeof resolveText>[0]) => string {
  return (text) => resolveText(text, options.locale, options.document.defaultLocale);
}

function servicesLine(ids: readonly string[], options: EntryOptions): string {
  const text = texts(options);
  const names = ids.map(
    (id) => text(options.document.services.find((service) => service.id === id)?.name) || id,
  );
  return `${options.words.services}: ${names.join(', ')}`;
}

function owners(ids: readonly string[], options: EntryOptions): string[] {
  const { document } = options;
  const text = texts(options);
  const names = ids.flatMap((id) => {
    const owner = document.services.find((service) => service.id === id)?.owner;
    if (owner === undefined) return [];
    const authority = document.authorities?.find((candidate) => candidate.id === owner);
    return [authority ? text(authority.name) || owner : owner];
  });
  return [...new Set(names)];
}

/** The window in the feed's time zone and the reader's language: "14 Mar 2030, 22:00 – 02:00". */
function formatWindow(window: Maintenance, options: EntryOptions): string {
  const format = new Intl.DateTimeFormat(options.locale, {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: options.document.timeZone,
  });
  return format.formatRange(new Date(window.scheduledStart), new Date(window.scheduledEnd));
}
