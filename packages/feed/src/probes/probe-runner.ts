/**
 * Runs the config's probes in the process that holds the probe lease: checks on schedule, hands
 * every result to the sink, keeps each probe's verdict and the readings for `/metrics`, and
 * stores a service's status when its probes conclude something the document does not say.
 */
import type { ProbeSettings, Status, ServiceStatusChange } from '@statuskit/model';
import type { ProbeCheckSink } from './probe-check.js';
import type { ProbeConclusions } from './probe-conclusions.js';
import type { ProbeLease } from './probe-lease.js';
import type { ProbeReading } from './probe-metrics.js';
import { checkOnce, type CheckOutcome } from './http-check.js';
import { probeMessage } from './probe-message.js';
import { ProbeScheduler } from './probe-schedule.js';
import { ProbeState, serviceStatusFrom, type ProbeVerdict } from './probe-state.js';
import { writeProbeStatus, type ProbeWriterDependencies } from './probe-writer.js';

export interface ProbeRunnerOptions {
  readonly probes: readonly ProbeSettings[];
  readonly deps: ProbeWriterDependencies;
  readonly sink: ProbeCheckSink;
  readonly lease: ProbeLease;
  /**
   * Every probe checks this often instead of its `intervalSeconds` (tests and benchmarks; the
   * config keeps its 10 s floor). Absent: each probe's own interval.
   */
  readonly intervalMs?: number;
}

/** Takes nothing: the default sink until measured availability keeps results. */
export const discardChecks: ProbeCheckSink = { record: () => undefined };

interface Watched {
  readonly settings: ProbeSettings;
  state: ProbeState;
  reading: {
    up?: 0 | 1;
    durationSeconds?: number;
    certificateExpiry?: number;
    readonly checks: Map<string, number>;
  };
}

const RANK: Readonly<Record<ProbeVerdict, number>> = { up: 0, degraded: 1, unknown: 2, down: 3 };

export class ProbeRunner implements ProbeConclusions {
  readonly #options: ProbeRunnerOptions;
  readonly #probes = new Map<string, Watched>();
  readonly #byService = new Map<string, Watched[]>();
  readonly #scheduler: ProbeScheduler;
  readonly #writing = new Set<string>();
  #held = false;

  constructor(options: ProbeRunnerOptions) {
    this.#options = options;
    for (const settings of options.probes) {
      const watched: Watched = {
        settings,
        state: new ProbeState(settings),
        reading: { checks: new Map() },
      };
      this.#probes.set(settings.id, watched);
      this.#byService.set(settings.service, [
        ...(this.#byService.get(settings.service) ?? []),
        watched,
      ]);
    }
    this.#scheduler = new ProbeScheduler({
      probes: options.probes.map(({ id, intervalSeconds }) => ({
        id,
        intervalMs: options.intervalMs ?? intervalSeconds * 1000,
      })),
      run: (id) => this.#check(id),
      now: () => options.deps.now().getTime(),
    });
  }

  start(): void {
    if (this.#probes.size === 0) return;
    this.#options.lease.start((held) => {
      this.#held = held;
      if (held) {
        this.#scheduler.start();
        return;
      }
      void this.#scheduler.stop();
      // Another process probes now: what this one saw is no longer current.
      for (const watched of this.#probes.values()) {
        watched.state = new ProbeState(watched.settings);
        const { checks } = watched.reading;
        watched.reading = { checks };
      }
    });
  }

  async stop(): Promise<void> {
    await this.#scheduler.stop();
    await this.#options.lease.stop();
  }

  watches(service: string): boolean {
    return this.#byService.has(service);
  }

  conclusion(service: string): ServiceStatusChange | undefined {
    return this.#concluded(service)?.conclusion;
  }

  readings(): ProbeReading[] {
    return [...this.#probes.values()].map(({ settings, reading }) => ({
      probe: settings.id,
      service: settings.service,
      ...reading,
    }));
  }

  #concluded(
    service: string,
  ): { readonly conclusion: ServiceStatusChange; readonly probe: string } | undefined {
    const watchers = this.#byService.get(service);
    if (!this.#held || !watchers) return undefined;
    const status: Status | undefined = serviceStatusFrom(watchers.map((w) => w.state.verdict));
    if (status === undefined) return undefined;
    // The probe that decided it names the actor and explains the status.
    const worst = watchers.reduce((a, b) =>
      RANK[b.state.verdict] > RANK[a.state.verdict] ? b : a,
    );
    const { defaultLocale } = this.#options.deps.config;
    return {
      conclusion: {
        status,
        message: probeMessage(status, worst.state, worst.settings, defaultLocale),
      },
      probe: worst.settings.id,
    };
  }

  async #check(id: string): Promise<void> {
    const watched = this.#probes.get(id);
    if (!watched) return;
    const { settings } = watched;
    const at = this.#options.deps.now();
    const outcome = await checkOnce(settings);
    // The lease moved on while this check ran: its result belongs to no one.
    if (!this.#held) return;
    const slow =
      outcome.ok &&
      settings.degradedAboveMs !== undefined &&
      outcome.durationMs > settings.degradedAboveMs;
    this.#note(watched, outcome, slow);
    const before = watched.state.verdict;
    const after = watched.state.observe({
      ok: outcome.ok,
      slow,
      durationMs: outcome.durationMs,
      ...(outcome.failure && { failure: outcome.failure }),
    });
    try {
      this.#options.sink.record({
        probe: id,
        service: settings.service,
        at,
        ok: outcome.ok,
        durationMs: outcome.durationMs,
        slow,
      });
    } catch (error) {
      this.#options.deps.log({
        level: 'error',
        msg: 'probe result not kept',
        probe: id,
        error: String(error),
      });
    }
    if (after !== before) {
      this.#options.deps.log({
        level: after === 'up' ? 'info' : 'warn',
        msg: `probe ${after}`,
        probe: id,
        service: settings.service,
        url: settings.url,
        durationMs: Math.round(outcome.durationMs),
        ...(outcome.failure && { failure: outcome.failure.kind, detail: outcome.failure.detail }),
      });
    }
    await this.#store(settings.service);
  }

  #note(watched: Watched, outcome: CheckOutcome, slow: boolean): void {
    const { reading } = watched;
    reading.up = outcome.ok ? 1 : 0;
    reading.durationSeconds = outcome.durationMs / 1000;
    if (outcome.certificateExpiresAt !== undefined) {
      reading.certificateExpiry = Math.floor(outcome.certificateExpiresAt / 1000);
    }
    const result = outcome.failure?.kind ?? (slow ? 'slow' : 'ok');
    reading.checks.set(result, (reading.checks.get(result) ?? 0) + 1);
  }

  /** Stores what the service's probes conclude; one write per service at a time. */
  async #store(service: string): Promise<void> {
    if (this.#writing.has(service)) return;
    const concluded = this.#concluded(service);
    if (!concluded) return;
    this.#writing.add(service);
    try {
      await writeProbeStatus(this.#options.deps, service, concluded.conclusion, concluded.probe);
    } catch (error) {
      // The next check tries again: the document still differs from what the probes conclude.
      this.#options.deps.log({
        level: 'warn',
        msg: 'probe status not stored; the next check tries again',
        service,
        probe: concluded.probe,
        error: String(error),
      });
    } finally {
      this.#writing.delete(service);
    }
  }
}
