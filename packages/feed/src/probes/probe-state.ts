/**
 * What one probe concludes from its checks in a row, so one slow or failed answer does not
 * flap a service's status: `failuresBeforeDown` failures in a row make it `down`;
 * `successesBeforeUp` successes in a row end `down` (or the `unknown` of the start), making it
 * `up` when those checks were all fast and `degraded` otherwise; after that it moves between
 * `up` and `degraded` when that many successes in a row agree on their speed.
 */
import type { ProbeSettings, Status } from '@statuskit/model';
import type { CheckFailure } from './http-check.js';

export type ProbeVerdict = 'unknown' | 'up' | 'degraded' | 'down';

export interface CheckResult {
  readonly ok: boolean;
  readonly slow: boolean;
  readonly durationMs: number;
  readonly failure?: CheckFailure;
}

export class ProbeState {
  #verdict: ProbeVerdict = 'unknown';
  #failures = 0;
  #successes = 0;
  #fast = 0;
  #slow = 0;
  #last: CheckResult | undefined;
  #lastFailure: CheckFailure | undefined;

  constructor(
    private readonly settings: Pick<ProbeSettings, 'failuresBeforeDown' | 'successesBeforeUp'>,
  ) {}

  get verdict(): ProbeVerdict {
    return this.#verdict;
  }

  /** The last check: its duration explains `degraded`. */
  get last(): CheckResult | undefined {
    return this.#last;
  }

  /** Why the last failed check failed: explains `down`. */
  get lastFailure(): CheckFailure | undefined {
    return this.#lastFailure;
  }

  observe(check: CheckResult): ProbeVerdict {
    this.#last = check;
    const { failuresBeforeDown, successesBeforeUp } = this.settings;
    if (!check.ok) {
      this.#lastFailure = check.failure;
      this.#successes = this.#fast = this.#slow = 0;
      this.#failures += 1;
      if (this.#failures >= failuresBeforeDown) this.#verdict = 'down';
      return this.#verdict;
    }
    this.#failures = 0;
    this.#successes += 1;
    if (check.slow) {
      this.#slow += 1;
      this.#fast = 0;
    } else {
      this.#fast += 1;
      this.#slow = 0;
    }
    if (this.#fast >= successesBeforeUp) this.#verdict = 'up';
    else if (this.#slow >= successesBeforeUp) this.#verdict = 'degraded';
    else if (this.#successes >= successesBeforeUp && !this.#answering()) this.#verdict = 'degraded';
    return this.#verdict;
  }

  #answering(): boolean {
    return this.#verdict === 'up' || this.#verdict === 'degraded';
  }
}

const RANK: Readonly<Record<ProbeVerdict, number>> = { up: 0, degraded: 1, unknown: 2, down: 3 };

/**
 * A service's status from its probes: the worst of their verdicts. `undefined` (write nothing)
 * while one of them is still unknown, unless another already found it down.
 */
export function serviceStatusFrom(verdicts: readonly ProbeVerdict[]): Status | undefined {
  const worst = verdicts.reduce<ProbeVerdict>(
    (current, verdict) => (RANK[verdict] > RANK[current] ? verdict : current),
    'up',
  );
  switch (worst) {
    case 'down':
      return 'major_outage';
    case 'unknown':
      return undefined;
    case 'degraded':
      return 'degraded';
    case 'up':
      return verdicts.length === 0 ? undefined : 'operational';
  }
}
