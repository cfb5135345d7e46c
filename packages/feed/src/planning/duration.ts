import { DAY_MS, HOUR_MS, MINUTE_MS } from './zoned-time.js';

const UNIT_MS: Readonly<Record<string, number>> = {
  m: MINUTE_MS,
  min: MINUTE_MS,
  h: HOUR_MS,
  d: DAY_MS,
  w: 7 * DAY_MS,
};

/**
 * `2h`, `90m`, `1h30m`, `14d`, `2w` in ms; `undefined` when the text is not such a duration.
 * A bare number is not accepted: `2` could mean hours or days.
 */
export function parseDuration(text: string): number | undefined {
  const trimmed = text.trim().toLowerCase();
  if (!/^(\d+(\.\d+)?\s*(min|m|h|d|w)\s*)+$/.test(trimmed)) return undefined;
  let total = 0;
  for (const match of trimmed.matchAll(/(\d+(?:\.\d+)?)\s*(min|m|h|d|w)/g)) {
    total += Number(match[1]) * (UNIT_MS[match[2] ?? ''] ?? Number.NaN);
  }
  return Number.isFinite(total) && total > 0 ? Math.round(total) : undefined;
}

/** `2 h`, `1 h 30 min`, `45 min`, `3 d 4 h`: for people reading reports. */
export function formatDuration(ms: number): string {
  const negative = ms < 0;
  let minutes = Math.round(Math.abs(ms) / MINUTE_MS);
  const days = Math.floor(minutes / 1440);
  minutes -= days * 1440;
  const hours = Math.floor(minutes / 60);
  minutes -= hours * 60;
  const parts: string[] = [];
  if (days > 0) parts.push(`${days} d`);
  if (hours > 0) parts.push(`${hours} h`);
  if (minutes > 0 || parts.length === 0) parts.push(`${minutes} min`);
  return `${negative ? '−' : ''}${parts.join(' ')}`;
}
