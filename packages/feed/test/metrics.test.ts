// Issue 17, item 7: /metrics through prom-client, with every metric the feed had before (same
// name, type and meaning), prom-client's process and Node metrics, and the store's lag.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FeedMetrics, feedRegistry, type MetricsSource } from '../src/metrics.js';
import { incidentBody, TOKENS } from './helpers/fixtures.js';
import { startTestFeed, type TestFeed } from './helpers/feed.js';
import { http } from './helpers/http.js';

/** Every metric the feed exposed before prom-client, with its type: none may change. */
const FEED_METRICS = {
  statuskit_open_streams: 'gauge',
  statuskit_streams_opened_total: 'counter',
  statuskit_events_sent_total: 'counter',
  statuskit_bytes_sent_total: 'counter',
  statuskit_slow_clients_dropped_total: 'counter',
  statuskit_writes_accepted_total: 'counter',
  statuskit_writes_rejected_total: 'counter',
  statuskit_admin_auth_failures_total: 'counter',
  statuskit_admin_auth_failures_delayed_total: 'counter',
  statuskit_admin_auth_failures_refused_total: 'counter',
  statuskit_filter_groups: 'gauge',
  statuskit_filter_groups_refused_total: 'counter',
  statuskit_retired_total: 'counter',
  statuskit_journal_bytes: 'gauge',
  statuskit_revision: 'gauge',
  statuskit_streams_refused_total: 'counter',
  statuskit_stream_capacity: 'gauge',
  statuskit_stream_capacity_per_address: 'gauge',
  statuskit_stream_addresses: 'gauge',
} as const;

/** The value of an unlabelled series, or undefined when there is none. */
function valueOf(text: string, name: string): number | undefined {
  const line = text.split('\n').find((entry) => entry.startsWith(`${name} `));
  return line === undefined ? undefined : Number(line.slice(name.length + 1));
}

let feed: TestFeed;
beforeEach(async () => {
  feed = await startTestFeed();
});
afterEach(async () => {
  await feed.close();
});

describe('/metrics with prom-client', () => {
  it('keeps every metric name, type and value it had', async () => {
    await http(`${feed.url}/v1/admin/incidents`, {
      method: 'POST',
      body: incidentBody(),
      token: TOKENS.digst,
    });
    await http(`${feed.url}/v1/admin/incidents`, { method: 'POST', body: incidentBody() });
    const res = await http(`${feed.url}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/plain; version=0.0.4; charset=utf-8');
    for (const [name, type] of Object.entries(FEED_METRICS)) {
      expect(res.text).toContain(`# TYPE ${name} ${type}\n`);
      expect(res.text).toMatch(new RegExp(`^# HELP ${name} \\S.*$`, 'm'));
      if (name !== 'statuskit_streams_refused_total')
        expect(valueOf(res.text, name), name).toBeGreaterThanOrEqual(0);
    }
    expect(res.text).toContain('\nstatuskit_streams_refused_total{reason="capacity"} 0\n');
    expect(res.text).toContain('\nstatuskit_streams_refused_total{reason="address"} 0\n');
    expect(valueOf(res.text, 'statuskit_writes_accepted_total')).toBe(1);
    expect(valueOf(res.text, 'statuskit_admin_auth_failures_total')).toBe(1);
    expect(valueOf(res.text, 'statuskit_revision')).toBe(feed.feed.store.revision);
    expect(valueOf(res.text, 'statuskit_journal_bytes')).toBe(feed.feed.store.journalBytes());
  });

  it('adds the process and Node metrics: CPU, memory, event loop lag, heap, GC', async () => {
    const { text } = await http(`${feed.url}/metrics`);
    for (const [name, type] of [
      ['process_cpu_user_seconds_total', 'counter'],
      ['process_resident_memory_bytes', 'gauge'],
      ['process_open_fds', 'gauge'],
      ['nodejs_eventloop_lag_seconds', 'gauge'],
      ['nodejs_eventloop_lag_p99_seconds', 'gauge'],
      ['nodejs_heap_size_used_bytes', 'gauge'],
      ['nodejs_gc_duration_seconds', 'histogram'],
    ] as const) {
      expect(text).toContain(`# TYPE ${name} ${type}\n`);
    }
    expect(valueOf(text, 'process_resident_memory_bytes')).toBeGreaterThan(0);
  });

  it('counts streams as they open, read at scrape time from the plain counters', async () => {
    const before = valueOf(
      (await http(`${feed.url}/metrics`)).text,
      'statuskit_streams_opened_total',
    );
    feed.feed.metrics.streamsOpened += 2;
    const after = valueOf(
      (await http(`${feed.url}/metrics`)).text,
      'statuskit_streams_opened_total',
    );
    expect(after).toBe((before ?? 0) + 2);
  });
});

describe('feedRegistry', () => {
  const source = (lag?: MetricsSource['storeLag']): MetricsSource => ({
    counters: new FeedMetrics(),
    openStreams: () => 3,
    filterGroups: () => 1,
    revision: () => 7,
    journalBytes: () => 0,
    streamCapacity: () => 100,
    streamCapacityPerAddress: () => 10,
    streamAddresses: () => 2,
    ...(lag !== undefined && { storeLag: lag }),
  });

  it('says how far the process is behind a shared store', async () => {
    const text = await feedRegistry(source(() => ({ entries: 4, seconds: 0.25 }))).metrics();
    expect(text).toContain('# TYPE statuskit_store_lag_entries gauge\n');
    expect(valueOf(text, 'statuskit_store_lag_entries')).toBe(4);
    expect(valueOf(text, 'statuskit_store_lag_seconds')).toBe(0.25);
  });

  it('answers NaN, never 0, while the lag is unknown (the store unreachable)', async () => {
    const text = await feedRegistry(source(() => undefined)).metrics();
    // prom-client writes "Nan"; Prometheus reads any case of NaN.
    expect(text).toMatch(/\nstatuskit_store_lag_entries nan\n/i);
    expect(text).toMatch(/\nstatuskit_store_lag_seconds nan\n/i);
  });

  it('labels what is per process with the worker, and leaves what adds up unlabelled', async () => {
    const text = await feedRegistry(
      source(() => ({ entries: 0, seconds: 0 })),
      '2',
    ).metrics();
    expect(text).toContain('\nstatuskit_store_lag_entries{worker="2"} 0\n');
    expect(text).toContain('\nstatuskit_filter_groups{worker="2"} 1\n');
    expect(text).toContain('\nstatuskit_open_streams 3\n');
    expect(text).toContain('\nstatuskit_revision 7\n');
  });
});
