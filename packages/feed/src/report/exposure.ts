import { isWorse, type Status } from '@statuskit/model';
import type { StatusSpan } from './timeline.js';

/**
 * What users of one service met during a period, from its status spans.
 *
 * - **unavailable**: effective status `major_outage` or `maintenance`: the service cannot be used.
 *   - **planned**: `maintenance` inside an announced window (see `StatusSpan.planned`);
 *   - **unplanned**: the rest (outages, overruns, unannounced maintenance).
 * - **impaired**: `degraded` or `partial_outage`: usable, with trouble; not counted as unavailable.
 * - **unknown**: no fresh data; neither available nor unavailable in the figures' eyes, but
 *   counted as observed time, as users could still use the service as far as anyone knows.
 * - **observed**: time inside the period when the feed had history for the service (from the
 *   first journal record, while the service was in the catalogue).
 */
export interface Exposure {
  readonly observedMs: number;
  readonly unavailableMs: number;
  readonly plannedMs: number;
  readonly unplannedMs: number;
  readonly impairedMs: number;
  readonly unknownMs: number;
  /** The longest unbroken stretch of unplanned unavailability, cut to the period. */
  readonly longestOutage: { readonly start: number; readonly end: number } | undefined;
  /** Worst status met, `undefined` when nothing was observed. */
  readonly worst: Status | undefined;
  readonly incidents: ReadonlySet<string>;
  readonly maintenance: ReadonlySet<string>;
}

export function isUnavailable(status: StatusSpan['status']): boolean {
  return status === 'major_outage' || status === 'maintenance';
}

/** Index of the span covering `instant`, or -1 when it is before the first. */
function spanAt(spans: readonly StatusSpan[], instant: number): number {
  let low = 0;
  let high = spans.length - 1;
  let found = -1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    if ((spans[middle]?.start ?? Infinity) <= instant) {
      found = middle;
      low = middle + 1;
    } else {
      high = middle - 1;
    }
  }
  return found;
}

/** Exposure during `[from, to)`. */
export function measure(spans: readonly StatusSpan[], from: number, to: number): Exposure {
  let observedMs = 0;
  let plannedMs = 0;
  let unplannedMs = 0;
  let impairedMs = 0;
  let unknownMs = 0;
  let worst: Status | undefined;
  let longest: { start: number; end: number } | undefined;
  let run: { start: number; end: number } | undefined;
  const incidents = new Set<string>();
  const maintenance = new Set<string>();

  for (let index = Math.max(0, spanAt(spans, from)); index < spans.length; index += 1) {
    const span = spans[index];
    if (!span || span.start >= to) break;
    const start = Math.max(from, span.start);
    const end = Math.min(to, spans[index + 1]?.start ?? Infinity);
    if (end <= start) continue;
    const length = end - start;
    const { status } = span;
    const unplanned = isUnavailable(status) && !span.planned;
    if (!unplanned && run) {
      if (!longest || run.end - run.start > longest.end - longest.start) longest = run;
      run = undefined;
    }
    if (status === 'absent') continue;
    observedMs += length;
    if (!worst || isWorse(status, worst)) worst = status;
    for (const id of span.incidents) incidents.add(id);
    for (const id of span.maintenance) maintenance.add(id);
    if (unplanned) {
      unplannedMs += length;
      if (run) run.end = end;
      else run = { start, end };
    } else if (isUnavailable(status)) plannedMs += length;
    else if (status === 'degraded' || status === 'partial_outage') impairedMs += length;
    else if (status === 'unknown') unknownMs += length;
  }
  if (run && (!longest || run.end - run.start > longest.end - longest.start)) longest = run;
  return {
    observedMs,
    unavailableMs: plannedMs + unplannedMs,
    plannedMs,
    unplannedMs,
    impairedMs,
    unknownMs,
    longestOutage: longest,
    worst,
    incidents,
    maintenance,
  };
}

/** Availability as users met it: planned maintenance counts as unavailable. Percent. */
export function experiencedAvailability(exposure: Exposure): number | undefined {
  if (exposure.observedMs <= 0) return undefined;
  return (1 - exposure.unavailableMs / exposure.observedMs) * 100;
}

/**
 * Availability in the usual service-level sense: announced maintenance windows are taken out of
 * the period (neither up nor down); everything else that made the service unusable counts.
 */
export function slaAvailability(exposure: Exposure): number | undefined {
  const base = exposure.observedMs - exposure.plannedMs;
  if (base <= 0) return exposure.observedMs > 0 ? 100 : undefined;
  return (1 - exposure.unplannedMs / base) * 100;
}

/** Percent rounded down to `digits` decimals, so 99.4999 never shows as a met 99.5. */
export function floorPercent(value: number, digits = 3): number {
  const factor = 10 ** digits;
  return Math.floor(value * factor + 1e-9) / factor;
}
