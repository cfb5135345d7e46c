import { collectDefaultMetrics, Counter, Gauge, Registry } from 'prom-client';
import { registerProbeMetrics, type ProbeReading } from './probes/probe-metrics.js';
import type { StoreLag } from './store/change-store.js';

/**
 * Counters the server keeps for `/metrics`. Plain numbers: cheap enough for every delivery; the
 * registry reads them at scrape time (see `feedRegistry`).
 */
export class FeedMetrics {
  eventsSent = 0;
  bytesSent = 0;
  slowClientsDropped = 0;
  streamsOpened = 0;
  writesAccepted = 0;
  writesRejected = 0;
  /** Admin requests answered 401 (no token, or a token no authority has). */
  adminAuthFailures = 0;
  /** Of those, answers held back because the address kept failing. */
  adminAuthFailuresDelayed = 0;
  /** Failed sign-ins refused at once (429): too many answers already held for the address. */
  adminAuthFailuresRefused = 0;
  /** Incidents and maintenance moved out of the live document by the live window. */
  retired = 0;
  /** Streams refused because the filter-group cap was reached. */
  filterGroupsRefused = 0;
  /** Service views derived and worded (`status.json?view=`, `stream?view=`); cached ones not counted. */
  viewsDerived = 0;
  /** Streams refused with 503: the process held `maxStreams` already. */
  streamsRefusedCapacity = 0;
  /** Streams refused with 429: the client address held `maxStreamsPerAddress` already. */
  streamsRefusedAddress = 0;
  /** Webhook delivery attempts, by result (see `statuskit_webhook_deliveries_total`). */
  webhooksDelivered = 0;
  webhooksRejected = 0;
  webhooksTimedOut = 0;
  webhooksNetworkFailed = 0;
  webhooksAddressRefused = 0;
  webhooksGone = 0;
  /** Deliveries given up after failing for the whole retry period (about three days). */
  webhooksGivenUp = 0;
  /** Subscriptions disabled because their receiver answered 410 Gone. */
  subscriptionsDisabled = 0;
  /** Subscriptions with a delivery in flight or waiting for its next attempt (a gauge). */
  webhooksPending = 0;
}

/** What `/metrics` reads when it is scraped; nothing here costs anything per delivery. */
export interface MetricsSource {
  readonly counters: FeedMetrics;
  openStreams(): number;
  /** Distinct stream filters being served (see `StreamHub.filterGroups`). */
  filterGroups(): number;
  /** Open streams of service views (`stream?view=`), counted in `openStreams` too. */
  readonly viewStreams?: () => number;
  revision(): number;
  journalBytes(): number;
  /** The stream caps (`maxStreams`, `maxStreamsPerAddress`) and the addresses holding streams. */
  streamCapacity(): number;
  streamCapacityPerAddress(): number;
  streamAddresses(): number;
  /** How far this process is behind the store's journal (see `ChangeStore.lag`). */
  readonly storeLag?: () => StoreLag | undefined;
  /** Registered archivers and the revision each holds (see `ChangeStore.archivers`). */
  readonly archivers?: () => Promise<ReadonlyMap<string, number>>;
  /** What the probes' last checks showed (see `registerProbeMetrics`). */
  readonly probes?: () => readonly ProbeReading[];
  /** Probe checks that could not be kept for measured availability (see `ProbeHours.failures`). */
  readonly probeResultsLost?: () => number;
}

/** Counters that only grow, each read from one `FeedMetrics` field; summed over workers. */
const COUNTERS: readonly { name: string; help: string; field: keyof FeedMetrics }[] = [
  {
    name: 'statuskit_streams_opened_total',
    help: 'Event streams opened.',
    field: 'streamsOpened',
  },
  { name: 'statuskit_events_sent_total', help: 'Events written to streams.', field: 'eventsSent' },
  { name: 'statuskit_bytes_sent_total', help: 'Bytes written to streams.', field: 'bytesSent' },
  {
    name: 'statuskit_slow_clients_dropped_total',
    help: 'Streams closed because the client did not keep up.',
    field: 'slowClientsDropped',
  },
  {
    name: 'statuskit_writes_accepted_total',
    help: 'Admin writes accepted.',
    field: 'writesAccepted',
  },
  {
    name: 'statuskit_writes_rejected_total',
    help: 'Admin writes rejected.',
    field: 'writesRejected',
  },
  {
    name: 'statuskit_admin_auth_failures_total',
    help: 'Admin requests refused with 401 (missing or unknown token).',
    field: 'adminAuthFailures',
  },
  {
    name: 'statuskit_admin_auth_failures_delayed_total',
    help: 'Failed admin sign-ins answered late because the address kept failing.',
    field: 'adminAuthFailuresDelayed',
  },
  {
    name: 'statuskit_admin_auth_failures_refused_total',
    help: 'Failed admin sign-ins refused with 429: too many answers held for the address.',
    field: 'adminAuthFailuresRefused',
  },
  {
    name: 'statuskit_filter_groups_refused_total',
    help: 'Streams refused because the number of distinct filters reached its cap.',
    field: 'filterGroupsRefused',
  },
  {
    name: 'statuskit_views_derived_total',
    help: 'Service views derived and worded (a cached view is not counted).',
    field: 'viewsDerived',
  },
  {
    name: 'statuskit_webhook_deliveries_given_up_total',
    help: 'Webhook deliveries given up after failing for the whole retry period (about three days).',
    field: 'webhooksGivenUp',
  },
  {
    name: 'statuskit_webhook_subscriptions_disabled_total',
    help: 'Webhook subscriptions disabled because the receiver answered 410 Gone.',
    field: 'subscriptionsDisabled',
  },
  {
    name: 'statuskit_retired_total',
    help: 'Resolved incidents and ended maintenance moved out of the live document.',
    field: 'retired',
  },
];

/** Counters with one series per reason, each read from one `FeedMetrics` field; summed. */
const COUNTERS_BY_REASON: readonly {
  name: string;
  help: string;
  /** The label's name (default `reason`). */
  label?: string;
  reasons: Readonly<Record<string, keyof FeedMetrics>>;
}[] = [
  {
    name: 'statuskit_streams_refused_total',
    help: 'Streams refused by load shedding: capacity (503, process full) or address (429, per-address cap).',
    reasons: { capacity: 'streamsRefusedCapacity', address: 'streamsRefusedAddress' },
  },
  {
    name: 'statuskit_webhook_deliveries_total',
    help: 'Webhook delivery attempts by result: delivered (2xx), rejected (another answer), timeout, network, refused (private address), gone (410).',
    label: 'result',
    reasons: {
      delivered: 'webhooksDelivered',
      rejected: 'webhooksRejected',
      timeout: 'webhooksTimedOut',
      network: 'webhooksNetworkFailed',
      refused: 'webhooksAddressRefused',
      gone: 'webhooksGone',
    },
  },
];

/**
 * How a gauge combines over the workers of `serve --workers N`: `sum` for what adds up,
 * `max` for one shared value every worker reports, `worker` for a per-process value that must
 * not be added (it gets a `worker` label, one series per worker).
 */
type Combine = 'sum' | 'max' | 'worker';

interface GaugeSpec {
  readonly name: string;
  readonly help: string;
  readonly combine: Combine;
  readonly read: (source: MetricsSource) => number;
}

const GAUGES: readonly GaugeSpec[] = [
  {
    name: 'statuskit_open_streams',
    help: 'Open event streams.',
    combine: 'sum',
    read: (source) => source.openStreams(),
  },
  {
    // The cap is per process, and two workers may serve the same filter: never added up.
    name: 'statuskit_filter_groups',
    help: 'Distinct stream filters (dependency closures) being served.',
    combine: 'worker',
    read: (source) => source.filterGroups(),
  },
  {
    name: 'statuskit_view_streams',
    help: 'Open event streams of service views (stream?view=); also counted in statuskit_open_streams.',
    combine: 'sum',
    read: (source) => source.viewStreams?.() ?? 0,
  },
  {
    // Each worker takes this many: the group takes the sum.
    name: 'statuskit_stream_capacity',
    help: 'Streams this process takes at most (maxStreams).',
    combine: 'sum',
    read: (source) => source.streamCapacity(),
  },
  {
    name: 'statuskit_stream_capacity_per_address',
    help: 'Streams one client address (IPv6: one /64) may hold open at most.',
    combine: 'sum',
    read: (source) => source.streamCapacityPerAddress(),
  },
  {
    // One address may hold streams on several workers: never added up.
    name: 'statuskit_stream_addresses',
    help: 'Client addresses (IPv6: /64 networks) with at least one open stream.',
    combine: 'worker',
    read: (source) => source.streamAddresses(),
  },
  {
    name: 'statuskit_journal_bytes',
    help: 'Size of the active journal in bytes.',
    combine: 'max',
    read: (source) => source.journalBytes(),
  },
  {
    name: 'statuskit_webhook_pending',
    help: 'Webhook subscriptions with a delivery in flight or waiting for its next attempt.',
    combine: 'sum',
    read: (source) => source.counters.webhooksPending,
  },
  {
    name: 'statuskit_revision',
    help: 'Revision of the last accepted change.',
    combine: 'max',
    read: (source) => source.revision(),
  },
];

/** Unknown is NaN, never 0: a scrape must not say "up to date" when it cannot know. */
const LAG_GAUGES: readonly GaugeSpec[] = [
  {
    name: 'statuskit_store_lag_entries',
    help: 'Entries of the shared store this process has not applied yet (NaN while unknown).',
    combine: 'worker',
    read: (source) => source.storeLag?.()?.entries ?? Number.NaN,
  },
  {
    name: 'statuskit_store_lag_seconds',
    help: 'Age of the oldest store entry this process has not applied yet, in seconds (NaN while unknown).',
    combine: 'worker',
    read: (source) => source.storeLag?.()?.seconds ?? Number.NaN,
  },
];

/**
 * The feed's own metrics in a registry of their own, read from `source` at scrape time. With a
 * `worker` (this process is one of `serve --workers N`), per-process gauges carry its label.
 */
export function feedRegistry(source: MetricsSource, worker?: string): Registry {
  const registry = new Registry();
  for (const { name, help, field } of COUNTERS) {
    new Counter({
      name,
      help,
      registers: [registry],
      aggregator: 'sum',
      collect() {
        // prom-client counters only count up; this one mirrors a plain number that does too.
        this.reset();
        this.inc(source.counters[field]);
      },
    });
  }
  for (const { name, help, label = 'reason', reasons } of COUNTERS_BY_REASON) {
    new Counter({
      name,
      help,
      registers: [registry],
      labelNames: [label],
      aggregator: 'sum',
      collect() {
        this.reset();
        for (const [reason, field] of Object.entries(reasons)) {
          this.inc({ [label]: reason }, source.counters[field]);
        }
      },
    });
  }
  const gauges = source.storeLag === undefined ? GAUGES : [...GAUGES, ...LAG_GAUGES];
  for (const { name, help, combine, read } of gauges) {
    const labelled = combine === 'worker' && worker !== undefined;
    new Gauge({
      name,
      help,
      registers: [registry],
      labelNames: labelled ? ['worker'] : [],
      aggregator: combine === 'max' ? 'max' : 'sum',
      collect() {
        if (labelled) this.set({ worker }, read(source));
        else this.set(read(source));
      },
    });
  }
  const { archivers } = source;
  if (archivers) archiverLagGauge(registry, source, archivers);
  if (source.probes) registerProbeMetrics(registry, source.probes, source.probeResultsLost);
  return registry;
}

/**
 * One series per registered archiver: the changes it has not archived yet, which the feed's
 * Redis keeps until it has. Every worker reads the same hash, so workers combine by `max`. While
 * Redis cannot be read, the archivers seen last answer NaN: unknown, never "caught up".
 */
function archiverLagGauge(
  registry: Registry,
  source: MetricsSource,
  archivers: () => Promise<ReadonlyMap<string, number>>,
): void {
  let known: readonly string[] = [];
  new Gauge({
    name: 'statuskit_archiver_lag_entries',
    help: 'Changes a registered archiver (statuskit-feed archive) has not archived yet; Redis keeps them until it has (NaN while unknown).',
    labelNames: ['archiver'],
    registers: [registry],
    aggregator: 'max',
    async collect() {
      this.reset();
      let registered: ReadonlyMap<string, number>;
      try {
        registered = await archivers();
      } catch {
        for (const archiver of known) this.set({ archiver }, Number.NaN);
        return;
      }
      known = [...registered.keys()];
      for (const [archiver, held] of registered) {
        this.set({ archiver }, Math.max(0, source.revision() - held));
      }
    },
  });
}

let processMetrics: Registry | undefined;

/**
 * prom-client's process and Node metrics (CPU, memory, open files, event loop lag, heap, GC):
 * one registry per process, whatever number of feed servers it runs. In a worker, every series
 * carries its `worker` label: memory and event loop lag are worth seeing per process.
 */
export function processRegistry(worker?: string): Registry {
  if (processMetrics === undefined) {
    processMetrics = new Registry();
    collectDefaultMetrics({
      register: processMetrics,
      ...(worker !== undefined && { labels: { worker } }),
    });
  }
  return processMetrics;
}

/**
 * This process is one worker of a group (`serve --workers N`): `/metrics` answers for the whole
 * group, so one scrape of the shared port sees every worker.
 */
export interface MetricsGroup {
  /** This worker's label on per-process series (its slot, 1 to N, kept across restarts). */
  readonly worker: string;
  /** Offers this worker's registry to the group; returns how to read the group's metrics text. */
  join(registry: Registry): () => Promise<string>;
}

/** Everything this process exposes on `/metrics`: its feed's metrics and the process's. */
export function metricsRegistry(source: MetricsSource, worker?: string): Registry {
  return Registry.merge([processRegistry(worker), feedRegistry(source, worker)]);
}
