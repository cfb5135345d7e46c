/** The parts of `plan-window --json` (`POST /v1/admin/plan-window`) the console shows. */
export interface PlannedWindow {
  readonly rank?: number;
  readonly start: string;
  readonly end: string;
  /** `Sun 2026-03-15 03:00–05:00`, in the service's time zone. */
  readonly local: string;
  readonly visitors: number;
  readonly requests: number;
  readonly percentOfBusiest?: number;
}

export interface PlanReport {
  readonly timeZone: string;
  readonly durationMinutes: number;
  readonly input: {
    readonly requests: number;
    readonly from: string | null;
    readonly to: string | null;
  };
  readonly windows: readonly PlannedWindow[];
  readonly busiest: PlannedWindow | null;
}
