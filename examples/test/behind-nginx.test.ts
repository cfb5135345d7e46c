// examples/behind-nginx: the documented nginx configuration in front of two feed processes on one
// Redis. A client streams through nginx, the feed serving it is killed, and the client resumes on
// the other exactly: the events it missed, no snapshot, no gap, no duplicate.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createParser, type EventSourceMessage } from 'eventsource-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFeedClient, type FeedClient } from '@statuskit/client';
import { EID_OUTAGE, EID_RESOLVED, examplesDir } from './helpers.js';
import { freePort, startRedis, type TestRedis } from '../../packages/feed/test/helpers/redis.js';
import { startNginx, type RunningNginx } from './nginx.js';

const root = join(examplesDir, '..');
const BIN = join(root, 'packages', 'feed', 'bin', 'statuskit-feed.js');
const CONFIG = join(root, 'demo', 'statuskit.config.json');
const SITE = join(examplesDir, 'behind-nginx', 'statuskit.conf');

interface Feed {
  readonly address: string;
  readonly child: ChildProcess;
  readonly exited: Promise<unknown>;
}

/** `statuskit-feed serve` on Redis, as the example's README runs it. */
async function startFeed(redis: string): Promise<Feed> {
  const port = await freePort();
  const child = spawn(
    process.execPath,
    [BIN, 'serve', '--config', CONFIG, '--store', redis, '--port', String(port)],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const exited = new Promise((resolve) => child.on('exit', resolve));
  let output = '';
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('"msg":"feed listening"')) resolve();
    });
    void exited.then(() => {
      reject(new Error(`the feed stopped at start: ${output}`));
    });
  });
  return { address: `127.0.0.1:${port}`, child, exited };
}

interface Stream {
  readonly upstream: string;
  readonly events: EventSourceMessage[];
  readonly ended: Promise<void>;
  close(): void;
}

/** A raw event stream through nginx, so what arrives can be checked event by event. */
async function openStream(url: string, lastEventId?: string): Promise<Stream> {
  const controller = new AbortController();
  const response = await fetch(url, {
    headers: lastEventId === undefined ? {} : { 'last-event-id': lastEventId },
    signal: controller.signal,
  });
  expect(response.status).toBe(200);
  const events: EventSourceMessage[] = [];
  const parser = createParser({ onEvent: (event) => events.push(event) });
  const body = response.body;
  if (!body) throw new Error('no body');
  const reader = body.getReader();
  const ended = (async () => {
    const decoder = new TextDecoder();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return;
        parser.feed(decoder.decode(value, { stream: true }));
      }
    } catch {
      // The connection was cut: that is what the test waits for.
    }
  })();
  return {
    upstream: response.headers.get('x-statuskit-upstream') ?? '',
    events,
    ended,
    close: () => {
      controller.abort();
    },
  };
}

async function until<T>(what: string, check: () => T | undefined, ms = 15_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`waited in vain for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('behind nginx: two feeds on one Redis', () => {
  let redis: TestRedis;
  let feeds: Feed[] = [];
  let nginx: RunningNginx;
  let client: FeedClient | undefined;
  let token: string;

  beforeAll(async () => {
    const tokens = JSON.parse(await readFile(join(root, 'demo', 'demo-tokens.json'), 'utf8')) as {
      tokens: Record<string, string>;
    };
    token = tokens.tokens['digst'] ?? '';
    redis = await startRedis();
    // One after the other: the first publishes the catalogue, the second finds it in Redis.
    feeds = [await startFeed(redis.url), await startFeed(redis.url)];
    nginx = await startNginx(
      SITE,
      feeds.map((feed) => feed.address),
    );
  });

  afterAll(async () => {
    client?.close();
    await nginx.stop();
    for (const feed of feeds) {
      if (feed.child.exitCode === null) feed.child.kill('SIGTERM');
      await feed.exited;
    }
    await redis.remove();
  });

  const admin = async (path: string, body: unknown): Promise<Record<string, unknown>> => {
    const response = await fetch(`${nginx.url}/v1/admin${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    const answer = (await response.json()) as Record<string, unknown>;
    expect(response.status, JSON.stringify(answer)).toBeLessThan(300);
    return answer;
  };

  it('resumes on the other feed exactly when the one serving the stream is killed', async () => {
    const stream = await openStream(`${nginx.url}/v1/stream`);
    const killed = feeds.find((feed) => feed.address === stream.upstream);
    expect(killed, `served by ${stream.upstream}`).toBeDefined();
    const snapshot = await until('the snapshot', () => stream.events[0]);
    expect(snapshot.event).toBe('snapshot');

    // The real client, through nginx as a page would use it.
    client = createFeedClient(`${nginx.url}/v1`, { cache: false, shareAcrossTabs: false });

    const opened = await admin('/incidents', EID_OUTAGE);
    const incident = (opened['incident'] as { id: string }).id;
    const live = await until('the incident, live', () =>
      stream.events.find((event) => event.event === 'incident'),
    );
    expect(Number(live.id)).toBe(Number(snapshot.id) + 1);

    killed?.child.kill('SIGKILL');
    await stream.ended;
    // Written while the client is away: nginx passes it to the feed that is still up.
    const resolved = await admin(`/incidents/${incident}/updates`, EID_RESOLVED);

    const resumed = await openStream(`${nginx.url}/v1/stream`, live.id);
    expect(resumed.upstream).not.toBe(stream.upstream);
    const missed = await until('the missed event', () => resumed.events[0]);
    expect(missed.event).toBe('incident');
    expect(Number(missed.id)).toBe(Number(live.id) + 1);
    expect(Number(missed.id)).toBe(resolved['revision']);
    expect(JSON.parse(missed.data)).toMatchObject({
      incident: { id: incident, state: 'resolved' },
    });
    // Nothing else: no snapshot, no duplicate of what it had.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(resumed.events.map((event) => event.event)).toEqual(['incident']);
    resumed.close();

    // The real client reconnects by itself and ends at the same revision.
    const state = await until('the client at the last revision', () => {
      const current = client?.getState();
      return current && current.revision === resolved['revision'] ? current : undefined;
    });
    expect(state.document?.incidents.find((item) => item.id === incident)?.state).toBe('resolved');
  }, 60_000);
});
