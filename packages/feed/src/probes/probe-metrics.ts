/**
 * The probes' series in `/metrics`, read at scrape time from what the runner last saw. Names
 * follow the blackbox exporter's where one exists (`probe_success`,
 * `probe_ssl_earliest_cert_expiry`), with the feed's prefix.
 */
import { Counter, Gauge, type Registry } from 'prom-client';

/** What one probe's last check showed; kept by the runner, read by a scrape. */
export interface ProbeReading {
  readonly probe: string;
  readonly service: string;
  /** 1 when the last check succeeded, 0 when it failed; absent before the first check. */
  readonly up?: 0 | 1;
  readonly durationSeconds?: number;
  /** Checks so far by result: `ok`, `slow` or the failure kind (`timeout`, `status`, …). */
  readonly checks: ReadonlyMap<string, number>;
  /** The probe URL's TLS certificate's `notAfter`, in Unix seconds (https probes). */
  readonly certificateExpiry?: number;
}

export function registerProbeMetrics(
  registry: Registry,
  readings: () => readonly ProbeReading[],
  resultsLost?: () => number,
): void {
  // Gauges combine by `max` over workers: only the process holding the probe lease has readings.
  new Gauge({
    name: 'statuskit_probe_up',
    help: 'Whether the last check of the probe succeeded (1) or failed (0).',
    labelNames: ['probe', 'service'],
    registers: [registry],
    aggregator: 'max',
    collect() {
      this.reset();
      for (const { probe, service, up } of readings()) {
        if (up !== undefined) this.set({ probe, service }, up);
      }
    },
  });
  new Gauge({
    name: 'statuskit_probe_duration_seconds',
    help: "Duration of the probe's last check, from sending the request to the end of the body read (or the timeout).",
    labelNames: ['probe', 'service'],
    registers: [registry],
    aggregator: 'max',
    collect() {
      this.reset();
      for (const { probe, service, durationSeconds } of readings()) {
        if (durationSeconds !== undefined) this.set({ probe, service }, durationSeconds);
      }
    },
  });
  new Counter({
    name: 'statuskit_probe_checks_total',
    help: 'Checks by result: ok, slow (successful but slower than degradedAboveMs), or why it failed (timeout, unreachable, tls, status, body, redirect).',
    labelNames: ['probe', 'service', 'result'],
    registers: [registry],
    aggregator: 'sum',
    collect() {
      this.reset();
      for (const { probe, service, checks } of readings()) {
        for (const [result, count] of checks) this.inc({ probe, service, result }, count);
      }
    },
  });
  new Gauge({
    name: 'statuskit_probe_certificate_expiry_timestamp_seconds',
    help: "When the TLS certificate of an https probe's URL expires (its notAfter), in Unix seconds.",
    labelNames: ['probe', 'service'],
    registers: [registry],
    aggregator: 'max',
    collect() {
      this.reset();
      for (const { probe, service, certificateExpiry } of readings()) {
        if (certificateExpiry !== undefined) this.set({ probe, service }, certificateExpiry);
      }
    },
  });
  if (resultsLost) {
    // A check the measured availability could not keep (Redis away, disk full) is not counted
    // there: without this series the figure would be quietly based on fewer checks.
    new Counter({
      name: 'statuskit_probe_results_lost_total',
      help: 'Probe checks that could not be kept for measured availability (the store of probe results refused them); see the feed log.',
      registers: [registry],
      aggregator: 'sum',
      collect() {
        this.reset();
        this.inc(resultsLost());
      },
    });
  }
}
