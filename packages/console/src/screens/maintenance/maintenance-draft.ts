import type { Alternative, LocalizedText, Maintenance } from '@statuskit/model';

/** What the new-maintenance form holds; sent as the body of `POST /v1/admin/maintenance`. */
export interface MaintenanceDraft {
  readonly service: string;
  /** ISO 8601, from a planned window or typed in by hand. */
  readonly scheduledStart: string;
  readonly scheduledEnd: string;
  readonly title: LocalizedText;
  readonly message: LocalizedText;
  readonly alternatives: readonly Alternative[];
  readonly keepsWork: boolean;
}

export const EMPTY_MAINTENANCE: MaintenanceDraft = {
  service: '',
  scheduledStart: '',
  scheduledEnd: '',
  title: {},
  message: {},
  alternatives: [],
  keepsWork: false,
};

/** The write's body: optional parts left out when empty, as an operator would with curl. */
export function maintenanceBody(draft: MaintenanceDraft): Record<string, unknown> {
  return {
    services: draft.service === '' ? [] : [draft.service],
    title: draft.title,
    message: draft.message,
    scheduledStart: draft.scheduledStart,
    scheduledEnd: draft.scheduledEnd,
    ...(draft.alternatives.length > 0 && { alternatives: draft.alternatives }),
    ...(draft.keepsWork && { keepsWork: true }),
  };
}

/** Takes over the texts and alternatives of an earlier window, keeping service and times. */
export function reuse(draft: MaintenanceDraft, earlier: Maintenance): MaintenanceDraft {
  return {
    ...draft,
    title: earlier.title,
    message: earlier.message,
    alternatives: earlier.alternatives ?? [],
    keepsWork: earlier.keepsWork ?? false,
  };
}

/** How far `timeZone`'s wall clock is ahead of UTC at `instant`, in ms. */
function offsetMs(instant: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(instant);
  const part = (type: Intl.DateTimeFormatPartTypes): number =>
    Number(parts.find((entry) => entry.type === type)?.value);
  const wall = Date.UTC(
    part('year'),
    part('month') - 1,
    part('day'),
    part('hour'),
    part('minute'),
    part('second'),
  );
  return wall - Math.floor(instant / 1000) * 1000;
}

/**
 * `<input type="datetime-local">`'s value for an ISO time, on the feed's wall clock: operators
 * plan in the time zone the feed publishes in, wherever their browser is.
 */
export function toLocalInput(iso: string, timeZone: string): string {
  const instant = Date.parse(iso);
  if (Number.isNaN(instant)) return '';
  return new Date(instant + offsetMs(instant, timeZone)).toISOString().slice(0, 16);
}

/**
 * An ISO time (UTC) from a `datetime-local` value read on `timeZone`'s wall clock; '' if empty.
 * A time the clock skips (spring forward) comes out an hour later, as the clock would show it;
 * one it shows twice (fall back) is read as the second.
 */
export function fromLocalInput(value: string, timeZone: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(value);
  if (!match) return value;
  const [, year = 0, month = 1, day = 1, hour = 0, minute = 0] = match.map(Number);
  const wall = Date.UTC(year, month - 1, day, hour, minute);
  const guess = wall - offsetMs(wall, timeZone);
  return new Date(wall - offsetMs(guess, timeZone)).toISOString();
}
