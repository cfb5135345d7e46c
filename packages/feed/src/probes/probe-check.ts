/**
 * One finished check of one probe: what the probe runner hands to whoever keeps results (the
 * measured availability's hourly buckets). Contract between the two.
 */
export interface ProbeCheck {
  /** The probe's id (`probes[].id` in the config). */
  readonly probe: string;
  readonly service: string;
  /** When the check started. */
  readonly at: Date;
  /** Whether the answer met the expectation (status, body) within the timeout. */
  readonly ok: boolean;
  /** From sending the request to the end of the body read (or the timeout). */
  readonly durationMs: number;
  /** A successful check slower than the probe's `degradedAboveMs`. */
  readonly slow: boolean;
}

/** Takes every finished check; must not throw or block (the runner does not wait for it). */
export interface ProbeCheckSink {
  record(check: ProbeCheck): void;
}
