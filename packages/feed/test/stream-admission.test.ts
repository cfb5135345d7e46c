// Issue 17, item 6: load shedding. A process holds at most `maxStreams` streams (503 with a
// jittered Retry-After beyond it), one client address at most `maxStreamsPerAddress` (429), the
// address comes from X-Forwarded-For only through a trusted proxy (right-most untrusted entry),
// and every way a stream ends gives its slot back. Clients bind to distinct loopback addresses.
import { request, type ClientRequest } from 'node:http';
import { connect, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { AddressRangeError, parseTrustedProxies } from '../src/http/client-address.js';
import { RETRY_AFTER_RANGE_SECONDS } from '../src/sse/stream-admission.js';
import { defaultMaxStreams, openFileLimit } from '../src/sse/stream-capacity.js';
import { startTestFeed, type TestFeed } from './helpers/feed.js';
import { http } from './helpers/http.js';

let feed: TestFeed | undefined;
const open = new Set<ClientRequest | Socket>();
afterEach(async () => {
  for (const connection of open) connection.destroy();
  open.clear();
  await feed?.close();
  feed = undefined;
});

interface Opened {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  /** The body of a refusal; for a stream, what arrived with the first chunk. */
  readonly text: string;
  close(): void;
}

/**
 * A stream request from `localAddress`; resolves with the answer once a refusal's body is read,
 * or a stream's first chunk (its `retry:` line) has arrived.
 */
function streamFrom(
  target: TestFeed,
  localAddress = '127.0.0.1',
  headers: Record<string, string> = {},
  method = 'GET',
  services?: string,
): Promise<Opened> {
  const query = services === undefined ? '' : `?services=${services}`;
  return new Promise((resolve, reject) => {
    const req = request(
      `${target.url}/v1/stream${query}`,
      { method, localAddress, agent: false, headers: { accept: 'text/event-stream', ...headers } },
      (res) => {
        let text = '';
        const done = (): void => {
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            text,
            close: () => req.destroy(),
          });
        };
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          text += chunk;
          if (res.statusCode === 200) done();
        });
        res.on('end', done);
      },
    );
    open.add(req);
    req.on('error', reject);
    req.end();
  });
}

async function metric(target: TestFeed, name: string): Promise<number> {
  const text = (await http(`${target.url}/metrics`)).text;
  const line = text.split('\n').find((entry) => entry.startsWith(`${name} `));
  if (line === undefined) throw new Error(`/metrics has no ${name}`);
  return Number(line.slice(name.length + 1));
}

/** Retries (bounded) until a stream from `address` is accepted: a slot comes back on close. */
async function acceptedAgain(target: TestFeed, address = '127.0.0.1'): Promise<Opened> {
  let last: Opened | undefined;
  for (let tries = 0; tries < 300; tries += 1) {
    last = await streamFrom(target, address);
    if (last.status === 200) return last;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`no stream accepted again; last answer ${last?.status} ${last?.text}`);
}

function expectJitteredRetryAfter(opened: Opened): void {
  const seconds = Number(opened.headers['retry-after']);
  expect(Number.isInteger(seconds)).toBe(true);
  expect(seconds).toBeGreaterThanOrEqual(RETRY_AFTER_RANGE_SECONDS.min);
  expect(seconds).toBeLessThanOrEqual(RETRY_AFTER_RANGE_SECONDS.max);
}

describe('--max-streams', () => {
  it('refuses the stream past the cap with 503, a jittered Retry-After and a JSON reason, and takes one again after a close', async () => {
    feed = await startTestFeed({ maxStreams: 3 });
    const streams = [await streamFrom(feed), await streamFrom(feed), await streamFrom(feed)];
    expect(streams.map((stream) => stream.status)).toEqual([200, 200, 200]);

    const refused = await streamFrom(feed);
    expect(refused.status).toBe(503);
    expectJitteredRetryAfter(refused);
    expect(refused.headers['content-type']).toMatch(/^application\/json/);
    expect((JSON.parse(refused.text) as { error: string }).error).toMatch(
      /the feed is at capacity \(3 open streams\); retry in \d+ s/,
    );
    // Everything but new streams keeps working.
    expect((await http(`${feed.url}/v1/status.json`)).status).toBe(200);
    expect(await metric(feed, 'statuskit_streams_refused_total{reason="capacity"}')).toBe(1);
    expect(await metric(feed, 'statuskit_streams_refused_total{reason="address"}')).toBe(0);
    expect(await metric(feed, 'statuskit_stream_capacity')).toBe(3);

    streams[0]?.close();
    expect((await acceptedAgain(feed)).status).toBe(200);
  });

  it('spreads Retry-After over its range, so refused clients do not return together', async () => {
    feed = await startTestFeed({ maxStreams: 1 });
    await streamFrom(feed);
    const waits = new Set<string>();
    for (let n = 0; n < 20; n += 1) {
      const refused = await streamFrom(feed);
      expectJitteredRetryAfter(refused);
      waits.add(String(refused.headers['retry-after']));
    }
    expect(waits.size).toBeGreaterThan(1);
  });

  it('defaults to 90 % of the open-file limit less a reserve, and allows neither 0 nor a fraction', async () => {
    expect(defaultMaxStreams(20_000)).toBe(17_936);
    expect(defaultMaxStreams(1024)).toBe(857);
    expect(defaultMaxStreams(undefined)).toBe(10_000);
    feed = await startTestFeed();
    expect(await metric(feed, 'statuskit_stream_capacity')).toBe(
      defaultMaxStreams(await openFileLimit()),
    );
    expect(await metric(feed, 'statuskit_stream_capacity_per_address')).toBe(100);
    await expect(startTestFeed({ maxStreams: 0 })).rejects.toThrow(
      'maxStreams must be a whole number of streams above 0',
    );
    await expect(startTestFeed({ maxStreamsPerAddress: 2.5 })).rejects.toThrow(
      'maxStreamsPerAddress must be a whole number of streams above 0',
    );
  });

  it('never counts HEAD, which opens no stream', async () => {
    feed = await startTestFeed({ maxStreams: 1 });
    for (let n = 0; n < 3; n += 1) {
      expect((await streamFrom(feed, '127.0.0.1', {}, 'HEAD')).status).toBe(200);
    }
    expect((await streamFrom(feed)).status).toBe(200);
  });
});

describe('--max-streams-per-address', () => {
  it('refuses an address past its share with 429 and Retry-After, while other addresses are served', async () => {
    feed = await startTestFeed({ maxStreamsPerAddress: 2 });
    const first = await streamFrom(feed, '127.0.0.2');
    expect((await streamFrom(feed, '127.0.0.2')).status).toBe(200);
    const refused = await streamFrom(feed, '127.0.0.2');
    expect(refused.status).toBe(429);
    expectJitteredRetryAfter(refused);
    expect((JSON.parse(refused.text) as { error: string }).error).toMatch(
      /too many open streams from 127\.0\.0\.2: at most 2 per address/,
    );
    expect((await streamFrom(feed, '127.0.0.3')).status).toBe(200);
    expect(await metric(feed, 'statuskit_streams_refused_total{reason="address"}')).toBe(1);
    expect(await metric(feed, 'statuskit_streams_refused_total{reason="capacity"}')).toBe(0);
    expect(await metric(feed, 'statuskit_stream_addresses')).toBe(2);

    first.close();
    expect((await acceptedAgain(feed, '127.0.0.2')).status).toBe(200);
  });

  it('forgets an address once its last stream has closed', async () => {
    feed = await startTestFeed();
    const streams = await Promise.all(
      [2, 3, 4, 5].map((host) => streamFrom(feed as TestFeed, `127.0.0.${host}`)),
    );
    expect(await metric(feed, 'statuskit_stream_addresses')).toBe(4);
    for (const stream of streams) stream.close();
    await until(feed, 'statuskit_stream_addresses', 0);
  });
});

describe('--trust-proxy', () => {
  it('takes the right-most untrusted X-Forwarded-For address from a trusted proxy, never the left-most', async () => {
    feed = await startTestFeed({ maxStreamsPerAddress: 1, trustProxy: ['127.0.0.2'] });
    const viaProxy = (forwardedFor: string) =>
      streamFrom(feed as TestFeed, '127.0.0.2', { 'x-forwarded-for': forwardedFor });

    expect((await viaProxy('198.51.100.7')).status).toBe(200);
    // A client that forges an address to the left is still counted as what the proxy saw.
    const forged = await viaProxy('203.0.113.5, 198.51.100.7');
    expect(forged.status).toBe(429);
    expect(forged.text).toContain('from 198.51.100.7');
    expect((await viaProxy('198.51.100.8')).status).toBe(200);
    // The proxy's own connections without the header count as the proxy's.
    expect((await streamFrom(feed, '127.0.0.2')).status).toBe(200);
    expect((await streamFrom(feed, '127.0.0.2')).status).toBe(429);
  });

  it('ignores X-Forwarded-For from an address it does not trust', async () => {
    feed = await startTestFeed({ maxStreamsPerAddress: 1, trustProxy: ['127.0.0.2'] });
    const direct = (forwardedFor: string) =>
      streamFrom(feed as TestFeed, '127.0.0.3', { 'x-forwarded-for': forwardedFor });
    expect((await direct('198.51.100.9')).status).toBe(200);
    const refused = await direct('198.51.100.10');
    expect(refused.status).toBe(429);
    expect(refused.text).toContain('from 127.0.0.3');
  });

  it('skips every trusted hop of a proxy chain, and counts IPv6 clients by their /64', async () => {
    feed = await startTestFeed({
      maxStreamsPerAddress: 1,
      trustProxy: ['127.0.0.2', '10.0.0.0/8', 'fd00::/8'],
    });
    const viaProxy = (forwardedFor: string) =>
      streamFrom(feed as TestFeed, '127.0.0.2', { 'x-forwarded-for': forwardedFor });
    expect((await viaProxy('198.51.100.7, 10.1.2.3, fd00::1')).status).toBe(200);
    const again = await viaProxy('198.51.100.7');
    expect(again.status).toBe(429);
    expect(again.text).toContain('from 198.51.100.7');

    expect((await viaProxy('[2001:db8:0:1::1]:443')).status).toBe(200);
    const sameNetwork = await viaProxy('2001:db8:0:1:ffff::2');
    expect(sameNetwork.status).toBe(429);
    expect(sameNetwork.text).toContain('from 2001:db8:0:1::/64');
    expect((await viaProxy('2001:db8:0:2::1')).status).toBe(200);
  });

  it('rejects what is not an address or CIDR range, naming the entry', () => {
    expect(() => parseTrustedProxies(['10.0.0.0/33'])).toThrow(
      '"10.0.0.0/33": the prefix length must be a whole number from 0 to 32',
    );
    expect(() => parseTrustedProxies(['10.0.0.0/8', 'proxy.local'])).toThrow(AddressRangeError);
    expect(() => parseTrustedProxies(['fd00::/129'])).toThrow('from 0 to 128');
    expect(() => parseTrustedProxies(['1.2.3.4/8/8'])).toThrow('not an IP address or CIDR range');
    const trusted = parseTrustedProxies(['10.0.0.0/8', '::1']);
    expect(trusted.trusts('10.200.0.1')).toBe(true);
    expect(trusted.trusts('::ffff:10.200.0.1')).toBe(true);
    expect(trusted.trusts('::1')).toBe(true);
    expect(trusted.trusts('11.0.0.1')).toBe(false);
    expect(trusted.trusts('not an address')).toBe(false);
  });
});

describe('stream slots', () => {
  it('come back from a client dropped as too slow', async () => {
    feed = await startTestFeed({
      maxStreams: 1,
      maxBufferedBytes: 64 * 1024,
      configOverrides: { limits: { maxLiveBytesPerAuthority: 256 * 1024 * 1024 } },
    });
    const stalled = rawStream(feed);
    stalled.pause();
    await until(feed, 'statuskit_open_streams', 1);
    expect((await streamFrom(feed)).status).toBe(503);
    for (let n = 0; n < 1000 && feed.feed.metrics.slowClientsDropped === 0; n += 1) {
      await bigIncidents(feed, 1);
    }
    expect(feed.feed.metrics.slowClientsDropped).toBe(1);
    expect((await acceptedAgain(feed)).status).toBe(200);
  }, 60_000);

  it('come back from clients that hang up during the snapshot or the replay', async () => {
    feed = await startTestFeed({ maxStreams: 1 });
    const from = feed.feed.store.revision;
    // A snapshot and a replay of megabytes: the clients leave long before the end.
    await bigIncidents(feed, 300);
    for (const headers of ['', `Last-Event-ID: ${from}\r\n`]) {
      await until(feed, 'statuskit_stream_addresses', 0);
      const leaving = rawStream(feed, headers);
      const first = await new Promise<string>((resolve) => {
        leaving.once('data', (chunk: Buffer) => {
          leaving.destroy();
          resolve(chunk.toString('latin1'));
        });
      });
      expect(first).toMatch(/^HTTP\/1\.1 200/);
      (await acceptedAgain(feed)).close();
    }
  }, 60_000);

  it('come back from a stream the hub refuses (filter-group cap)', async () => {
    feed = await startTestFeed({ maxStreams: 2, maxFilterGroups: 1 });
    expect((await streamFrom(feed, '127.0.0.1', {}, 'GET', 'eid')).status).toBe(200);
    for (let n = 0; n < 3; n += 1) {
      // Admitted, then refused by the hub: the slot must not stay taken.
      expect((await streamFrom(feed, '127.0.0.1', {}, 'GET', 'permits')).status).toBe(503);
    }
    expect(await metric(feed, 'statuskit_filter_groups_refused_total')).toBe(3);
    expect((await acceptedAgain(feed)).status).toBe(200);
  });
});

/** A raw client that sends a stream request and then does with the socket what the test says. */
function rawStream(target: TestFeed, headers = ''): Socket {
  const url = new URL(target.url);
  const socket = connect(Number(url.port), url.hostname);
  open.add(socket);
  socket.write(`GET /v1/stream HTTP/1.1\r\nHost: ${url.host}\r\n${headers}\r\n`);
  return socket;
}

/** Waits (bounded) until the feed reports `value` for the metric. */
async function until(target: TestFeed, name: string, value: number): Promise<void> {
  let seen = NaN;
  for (let tries = 0; tries < 300; tries += 1) {
    seen = await metric(target, name);
    if (seen === value) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`${name} stayed at ${seen}, expected ${value}`);
}

/** Incidents with large texts, appended in one batch (this is about streams, not admin limits). */
async function bigIncidents(target: TestFeed, count: number): Promise<void> {
  const text = 'x'.repeat(4900);
  const message = { da: text, en: text, sv: text, fi: text, nb: text, nn: text };
  const changes = Array.from({ length: count }, (_, n) => ({
    type: 'incident' as const,
    incident: {
      id: `big-${target.feed.store.revision}-${n}`,
      services: ['eid'],
      impact: 'critical' as const,
      title: { da: 'MitID er nede' },
      message,
      state: 'investigating' as const,
      startedAt: '2031-01-01T00:00:00Z',
      updates: [{ time: '2031-01-01T00:00:00Z', state: 'investigating' as const, message }],
    },
  }));
  await target.feed.store.append(changes, 'digst');
}
