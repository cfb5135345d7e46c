import { parseDuration } from './duration.js';
import { DAY_MS, MINUTE_MS, parseLocalDate } from './zoned-time.js';

/**
 * The planning parameters `plan-window` and the console's `POST /v1/admin/plan-window` share:
 * one parser, so the command and the endpoint accept and refuse exactly the same values.
 */
export interface PlanParameters {
  readonly durationMs: number;
  readonly withinMs: number;
  readonly top: number;
  /** Local dates (`2026-03-15`) to keep free. */
  readonly avoid: readonly string[];
}

export interface PlanParameterInput {
  readonly duration: string | undefined;
  readonly within: string | undefined;
  readonly top: string | undefined;
  /** Each entry may list several dates separated by commas. */
  readonly avoid: readonly string[];
}

export type PlanParameter = 'duration' | 'within' | 'top' | 'avoid';

/** One parameter that is missing or out of range; `reason` reads after the parameter and value. */
export class PlanParameterError extends Error {
  override name = 'PlanParameterError';
  constructor(
    readonly parameter: PlanParameter,
    readonly value: string | undefined,
    readonly reason: string,
  ) {
    super(`${parameter} ${value ?? ''} ${reason}`);
  }
}

export const PLAN_DEFAULTS = { within: '14d', top: '5' } as const;

/** `nameOf` says how the parameters are called where they came from (`--duration` or `duration`). */
export function parsePlanParameters(
  input: PlanParameterInput,
  nameOf: (parameter: PlanParameter) => string = (parameter) => parameter,
): PlanParameters {
  if (input.duration === undefined) {
    throw new PlanParameterError('duration', undefined, 'is needed, e.g. 2h');
  }
  const durationMs = parseDuration(input.duration);
  if (durationMs === undefined || durationMs < 15 * MINUTE_MS || durationMs > 7 * DAY_MS) {
    throw new PlanParameterError(
      'duration',
      input.duration,
      'must be between 15m and 7d, e.g. 2h or 90m',
    );
  }
  const within = input.within ?? PLAN_DEFAULTS.within;
  const withinMs = parseDuration(within);
  if (withinMs === undefined || withinMs < durationMs || withinMs > 366 * DAY_MS) {
    throw new PlanParameterError(
      'within',
      within,
      `must be a period from ${nameOf('duration')} up to 366d, e.g. 14d`,
    );
  }
  const topText = input.top ?? PLAN_DEFAULTS.top;
  const top = Number(topText);
  if (!Number.isInteger(top) || top < 1 || top > 100) {
    throw new PlanParameterError('top', topText, 'must be a whole number from 1 to 100');
  }
  const avoid = input.avoid.flatMap((entry) => entry.split(',')).map((date) => date.trim());
  for (const date of avoid) {
    if (!parseLocalDate(date)) {
      throw new PlanParameterError('avoid', date, 'is not a date like 2026-03-15');
    }
  }
  return { durationMs, withinMs, top, avoid };
}
