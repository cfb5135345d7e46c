/** Counters the server keeps for `/metrics`. Plain numbers: cheap enough for every write. */
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
  /** Streams refused with 503: the process held `maxStreams` already. */
  streamsRefusedCapacity = 0;
  /** Streams refused with 429: the client address held `maxStreamsPerAddress` already. */
  streamsRefusedAddress = 0;
}

export interface MetricsSnapshot {
  readonly openStreams: number;
  readonly revision: number;
  readonly journalBytes: number;
  /** Distinct stream filters being served (see `StreamHub.filterGroups`). */
  readonly filterGroups: number;
  /** The stream caps (`maxStreams`, `maxStreamsPerAddress`) and addresses holding streams. */
  readonly streamCapacity: number;
  readonly streamCapacityPerAddress: number;
  readonly streamAddresses: number;
  readonly counters: FeedMetrics;
}

interface Metric {
  readonly name: string;
  readonly type: 'counter' | 'gauge';
  readonly help: string;
  /** One value, or one per label set (`reason="capacity"`). */
  readonly value: number | readonly { readonly labels: string; readonly value: number }[];
}

/** Prometheus text exposition format, version 0.0.4. */
export function formatMetrics(snapshot: MetricsSnapshot): string {
  const { counters } = snapshot;
  const metrics: Metric[] = [
    {
      name: 'statuskit_open_streams',
      type: 'gauge',
      help: 'Open event streams.',
      value: snapshot.openStreams,
    },
    {
      name: 'statuskit_streams_opened_total',
      type: 'counter',
      help: 'Event streams opened.',
      value: counters.streamsOpened,
    },
    {
      name: 'statuskit_events_sent_total',
      type: 'counter',
      help: 'Events written to streams.',
      value: counters.eventsSent,
    },
    {
      name: 'statuskit_bytes_sent_total',
      type: 'counter',
      help: 'Bytes written to streams.',
      value: counters.bytesSent,
    },
    {
      name: 'statuskit_slow_clients_dropped_total',
      type: 'counter',
      help: 'Streams closed because the client did not keep up.',
      value: counters.slowClientsDropped,
    },
    {
      name: 'statuskit_writes_accepted_total',
      type: 'counter',
      help: 'Admin writes accepted.',
      value: counters.writesAccepted,
    },
    {
      name: 'statuskit_writes_rejected_total',
      type: 'counter',
      help: 'Admin writes rejected.',
      value: counters.writesRejected,
    },
    {
      name: 'statuskit_admin_auth_failures_total',
      type: 'counter',
      help: 'Admin requests refused with 401 (missing or unknown token).',
      value: counters.adminAuthFailures,
    },
    {
      name: 'statuskit_admin_auth_failures_delayed_total',
      type: 'counter',
      help: 'Failed admin sign-ins answered late because the address kept failing.',
      value: counters.adminAuthFailuresDelayed,
    },
    {
      name: 'statuskit_admin_auth_failures_refused_total',
      type: 'counter',
      help: 'Failed admin sign-ins refused with 429: too many answers held for the address.',
      value: counters.adminAuthFailuresRefused,
    },
    {
      name: 'statuskit_filter_groups',
      type: 'gauge',
      help: 'Distinct stream filters (dependency closures) being served.',
      value: snapshot.filterGroups,
    },
    {
      name: 'statuskit_filter_groups_refused_total',
      type: 'counter',
      help: 'Streams refused because the number of distinct filters reached its cap.',
      value: counters.filterGroupsRefused,
    },
    {
      name: 'statuskit_streams_refused_total',
      type: 'counter',
      help: 'Streams refused by load shedding: capacity (503, process full) or address (429, per-address cap).',
      value: [
        { labels: 'reason="capacity"', value: counters.streamsRefusedCapacity },
        { labels: 'reason="address"', value: counters.streamsRefusedAddress },
      ],
    },
    {
      name: 'statuskit_stream_capacity',
      type: 'gauge',
      help: 'Streams this process takes at most (maxStreams).',
      value: snapshot.streamCapacity,
    },
    {
      name: 'statuskit_stream_capacity_per_address',
      type: 'gauge',
      help: 'Streams one client address (IPv6: one /64) may hold open at most.',
      value: snapshot.streamCapacityPerAddress,
    },
    {
      name: 'statuskit_stream_addresses',
      type: 'gauge',
      help: 'Client addresses (IPv6: /64 networks) with at least one open stream.',
      value: snapshot.streamAddresses,
    },
    {
      name: 'statuskit_retired_total',
      type: 'counter',
      help: 'Resolved incidents and ended maintenance moved out of the live document.',
      value: counters.retired,
    },
    {
      name: 'statuskit_journal_bytes',
      type: 'gauge',
      help: 'Size of the active journal in bytes.',
      value: snapshot.journalBytes,
    },
    {
      name: 'statuskit_revision',
      type: 'gauge',
      help: 'Revision of the last accepted change.',
      value: snapshot.revision,
    },
  ];
  return metrics
    .map((metric) => {
      const samples =
        typeof metric.value === 'number'
          ? `${metric.name} ${metric.value}\n`
          : metric.value
              .map((sample) => `${metric.name}{${sample.labels}} ${sample.value}\n`)
              .join('');
      return `# HELP ${metric.name} ${metric.help}\n# TYPE ${metric.name} ${metric.type}\n${samples}`;
    })
    .join('');
}
