// Issue 16, item 8: failed sign-ins (401) are counted in /metrics, logged with the client address
// at a bounded rate, and slowed per address without ever holding back a correct token; /metrics
// can live on a port of its own. Requests come from distinct loopback addresses (127.0.0.x).
import { rm } from 'node:fs/promises';
import { request } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import type { LogEntry } from '../src/log.js';
import { FeedMetrics } from '../src/metrics.js';
import type { FeedServerOptions } from '../src/server.js';
import { addressKey } from '../src/http/client-address.js';
import { SignInGuard } from '../src/sign-in-guard.js';
import { incidentBody, TOKENS } from './helpers/fixtures.js';
import { startTestFeed, tempDir, type TestFeed } from './helpers/feed.js';
import { http } from './helpers/http.js';

let feed: TestFeed | undefined;
let logs: LogEntry[] = [];
let clock = Date.parse('2030-03-10T09:00:00Z');
afterEach(async () => {
  await feed?.close();
  feed = undefined;
  logs = [];
  clock = Date.parse('2030-03-10T09:00:00Z');
});

async function start(options: Partial<FeedServerOptions> = {}): Promise<TestFeed> {
  feed = await startTestFeed({
    now: () => new Date(clock),
    log: (entry) => logs.push(entry),
    ...options,
  });
  return feed;
}

interface Answer {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly text: string;
}

/** Opens an incident from `address` (a fresh connection bound to it); no token when undefined. */
function openIncidentFrom(
  address: string,
  token: string | undefined,
  headers: Record<string, string> = {},
): Promise<Answer> {
  const running = feed;
  if (!running) throw new Error('start the feed first');
  const body = Buffer.from(JSON.stringify(incidentBody()));
  return new Promise((resolve, reject) => {
    const req = request(
      `${running.url}/v1/admin/incidents`,
      {
        method: 'POST',
        localAddress: address,
        agent: false,
        headers: {
          'content-type': 'application/json',
          'content-length': String(body.length),
          ...(token !== undefined && { authorization: `Bearer ${token}` }),
          ...headers,
        },
      },
      (res) => {
        let text = '';
        res.on('data', (chunk: Buffer) => (text += chunk.toString()));
        res.on('end', () => {
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text });
        });
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

async function metric(url: string, name: string): Promise<number> {
  const text = (await http(`${url}/metrics`)).text;
  const line = text.split('\n').find((candidate) => candidate.startsWith(`${name} `));
  return Number(line?.split(' ')[1]);
}

const signInLines = () => logs.filter((entry) => entry.msg === 'failed admin sign-in');

describe('failed sign-ins', () => {
  it('counts every 401 in /metrics and logs it with the client address, once a minute per address', async () => {
    const running = await start();
    expect((await openIncidentFrom('127.0.0.2', undefined)).status).toBe(401);
    expect((await openIncidentFrom('127.0.0.2', 'wrong-token-0123456789')).status).toBe(401);
    expect((await openIncidentFrom('127.0.0.2', 'wrong-token-0123456789')).status).toBe(401);
    expect(await metric(running.url, 'statuskit_admin_auth_failures_total')).toBe(3);
    expect(signInLines()).toEqual([
      expect.objectContaining({
        level: 'warn',
        address: '127.0.0.2',
        reason: 'send an admin token as "Authorization: Bearer <token>"',
        failures: 1,
      }),
    ]);

    clock += 61_000;
    expect((await openIncidentFrom('127.0.0.2', 'wrong-token-0123456789')).status).toBe(401);
    expect(signInLines()).toHaveLength(2);
    expect(signInLines()[1]).toMatchObject({
      address: '127.0.0.2',
      reason: 'the admin token is not valid',
      failures: 4,
      notLoggedSinceLastLine: 2,
    });
  });

  it('counts failures through a trusted proxy against the right-most untrusted X-Forwarded-For address', async () => {
    await start({ trustProxy: ['127.0.0.2'] });
    const fail = async (from: string, forwardedFor: string) => {
      clock += 61_000; // one log line per address per minute: every failure gets its own
      const answer = await openIncidentFrom(from, undefined, { 'x-forwarded-for': forwardedFor });
      expect(answer.status).toBe(401);
    };
    await fail('127.0.0.2', '198.51.100.7');
    await fail('127.0.0.2', '203.0.113.5, 198.51.100.7'); // a forged left-most entry
    await fail('127.0.0.2', '198.51.100.8');
    await fail('127.0.0.3', '198.51.100.7'); // not a trusted proxy: its header means nothing
    expect(signInLines().map((line) => [line['address'], line['failures']])).toEqual([
      ['198.51.100.7', 1],
      ['198.51.100.7', 2],
      ['198.51.100.8', 1],
      ['127.0.0.3', 1],
    ]);
  });

  it('does not count a valid token used on a service it does not own (403) as a failed sign-in', async () => {
    const running = await start();
    expect((await openIncidentFrom('127.0.0.2', TOKENS.tax)).status).toBe(403);
    expect(await metric(running.url, 'statuskit_admin_auth_failures_total')).toBe(0);
    expect(signInLines()).toEqual([]);
  });

  it('caps the lines logged for all addresses together, then says how many it left out', async () => {
    await start({ signIn: { maxLinesPerInterval: 2 } });
    for (const host of [2, 3, 4, 5, 6]) {
      expect((await openIncidentFrom(`127.0.0.${host}`, undefined)).status).toBe(401);
    }
    expect(signInLines().map((entry) => entry['address'])).toEqual(['127.0.0.2', '127.0.0.3']);
    clock += 61_000;
    await openIncidentFrom('127.0.0.7', undefined);
    expect(logs.filter((entry) => entry.level === 'warn').slice(-2)).toEqual([
      expect.objectContaining({
        msg: 'failed admin sign-ins not logged: too many addresses at once',
        lines: 3,
      }),
      expect.objectContaining({ msg: 'failed admin sign-in', address: '127.0.0.7' }),
    ]);
  });

  it('holds back the answers to an address that keeps failing, never a correct token', async () => {
    // A delay no test waits out: the held answer is only released by closing the feed.
    const running = await start({
      signIn: { freeFailures: 2, baseDelayMs: 600_000, maxDelayMs: 600_000 },
    });
    const delayed = () => metric(running.url, 'statuskit_admin_auth_failures_delayed_total');
    await openIncidentFrom('127.0.0.2', 'wrong-token-0123456789');
    await openIncidentFrom('127.0.0.2', 'wrong-token-0123456789');
    expect(await delayed()).toBe(0);

    let heldAnswered = false;
    const held = openIncidentFrom('127.0.0.2', 'wrong-token-0123456789').then((answer) => {
      heldAnswered = true;
      return answer;
    });
    await expect.poll(delayed).toBe(1);

    // Other addresses, and a correct token from the failing address itself, are answered at once.
    expect((await openIncidentFrom('127.0.0.1', TOKENS.digst)).status).toBe(201);
    expect((await openIncidentFrom('127.0.0.2', TOKENS.digst)).status).toBe(201);
    expect((await openIncidentFrom('127.0.0.3', 'wrong-token-0123456789')).status).toBe(401);
    expect(await delayed()).toBe(1);
    expect(heldAnswered).toBe(false);

    // Shutting down answers what is held instead of keeping the socket.
    await running.close();
    feed = undefined;
    expect((await held).status).toBe(401);
  });

  it('refuses at once (429) when too many answers are already held for one address', async () => {
    const running = await start({
      signIn: { freeFailures: 0, baseDelayMs: 600_000, maxDelayMs: 600_000, maxHeldPerAddress: 1 },
    });
    const held = openIncidentFrom('127.0.0.2', 'wrong-token-0123456789');
    await expect
      .poll(() => metric(running.url, 'statuskit_admin_auth_failures_delayed_total'))
      .toBe(1);
    const refused = await openIncidentFrom('127.0.0.2', 'wrong-token-0123456789');
    expect(refused.status).toBe(429);
    expect(refused.headers['retry-after']).toBe('600');
    expect(JSON.parse(refused.text)).toEqual({
      error: 'too many failed sign-ins from 127.0.0.2; wait 600 seconds',
    });
    expect(await metric(running.url, 'statuskit_admin_auth_failures_refused_total')).toBe(1);
    await running.close();
    feed = undefined;
    expect((await held).status).toBe(401);
  });
});

describe('SignInGuard memory', () => {
  it('remembers at most maxAddresses addresses, forgetting the least recent first', () => {
    const guard = new SignInGuard(
      new FeedMetrics(),
      () => undefined,
      () => new Date(clock),
      {
        maxAddresses: 3,
        freeFailures: 1,
      },
    );
    for (let host = 1; host <= 10; host++) guard.failed(`10.0.0.${host}`, 'no token');
    expect(guard.trackedAddresses).toBe(3);
    // 10.0.0.10 is still remembered: its second failure is slowed.
    expect(guard.failed('10.0.0.10', 'no token')).toMatchObject({ kind: 'answer', delayMs: 250 });
    // 10.0.0.1 was forgotten: it starts again with free failures.
    expect(guard.failed('10.0.0.1', 'no token')).toEqual({ kind: 'answer', delayMs: 0 });
  });

  it('forgets an address a period after its last failure, and doubles the delay up to the cap', () => {
    const guard = new SignInGuard(
      new FeedMetrics(),
      () => undefined,
      () => new Date(clock),
      {
        freeFailures: 1,
        periodMs: 60_000,
        baseDelayMs: 1000,
        maxDelayMs: 3000,
      },
    );
    const delays = [1, 2, 3, 4, 5].map(() => {
      const answer = guard.failed('10.0.0.1', 'no token');
      return answer.kind === 'answer' ? answer.delayMs : -1;
    });
    expect(delays).toEqual([0, 1000, 2000, 3000, 3000]);
    clock += 61_000;
    expect(guard.failed('10.0.0.1', 'no token')).toEqual({ kind: 'answer', delayMs: 0 });
    clock += 61_000;
    guard.failed('10.0.0.2', 'no token');
    expect(guard.trackedAddresses).toBe(1);
  });
});

describe('/metrics on a port of its own', () => {
  it('serves /metrics only on the metrics listener, answers 404 for it on the public port, and closes it', async () => {
    const running = await start({ metrics: { port: 0, host: '127.0.0.1' } });
    const metricsUrl = running.feed.metricsUrl;
    if (metricsUrl === undefined) throw new Error('no metrics listener');
    expect(metricsUrl).not.toBe(running.url);
    expect((await http(`${running.url}/metrics`)).status).toBe(404);
    const scraped = await http(`${metricsUrl}/metrics`);
    expect(scraped.status).toBe(200);
    expect(scraped.text).toContain('statuskit_admin_auth_failures_total 0');
    expect((await http(`${metricsUrl}/v1/status.json`)).status).toBe(404);
    expect(logs.find((entry) => entry.msg === 'feed listening')).toMatchObject({ metricsUrl });

    await running.close();
    feed = undefined;
    await expect(http(`${metricsUrl}/metrics`)).rejects.toThrow(/ECONNREFUSED/);
  });

  it('refuses to start when the metrics port is taken, naming the option, and lets go of everything', async () => {
    const running = await start();
    const taken = Number(new URL(running.url).port);
    const dataDir = await tempDir();
    try {
      await expect(
        startTestFeed({ dataDir, metrics: { port: taken, host: '127.0.0.1' } }),
      ).rejects.toThrow(
        `port 127.0.0.1:${taken} is already in use; pick another with --metrics-port`,
      );
      // The data directory and the public port were released: the same feed starts at once.
      const again = await startTestFeed({ dataDir });
      await again.close();
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });

  it('keeps /metrics on the public port when no metrics port is given', async () => {
    const running = await start();
    expect(running.feed.metricsUrl).toBeUndefined();
    expect((await http(`${running.url}/metrics`)).status).toBe(200);
  });
});

describe('addressKey', () => {
  it('counts IPv4 addresses alone and IPv6 addresses by their /64 network', () => {
    expect(addressKey('203.0.113.9')).toBe('203.0.113.9');
    expect(addressKey('::ffff:203.0.113.9')).toBe('203.0.113.9');
    expect(addressKey('2001:db8:0:1:aaaa::1')).toBe('2001:db8:0:1::/64');
    expect(addressKey('2001:db8:0:1:bbbb:cccc:dddd:2')).toBe('2001:db8:0:1::/64');
    expect(addressKey('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(addressKey('::1')).toBe('0:0:0:0::/64');
    expect(addressKey('fe80::1%eth0')).toBe('fe80:0:0:0::/64');
  });

  it('slows a host that changes its IPv6 address within its /64 like one that does not', () => {
    const guard = new SignInGuard(
      new FeedMetrics(),
      () => undefined,
      () => new Date(clock),
      {
        freeFailures: 2,
      },
    );
    guard.failed('2001:db8:0:1::a', 'no token');
    guard.failed('2001:db8:0:1::b', 'no token');
    expect(guard.failed('2001:db8:0:1::c', 'no token')).toEqual({ kind: 'answer', delayMs: 250 });
    expect(guard.failed('2001:db8:0:2::a', 'no token')).toEqual({ kind: 'answer', delayMs: 0 });
  });
});
