import { afterEach, describe, expect, it } from 'vitest';
import { silentLogger, type LogEntry, type Logger } from '../src/log.js';
import type { FeedServerOptions } from '../src/server.js';
import { incidentBody, TOKENS } from './helpers/fixtures.js';
import { startTestFeed, type TestFeed } from './helpers/feed.js';
import { http, openStream, type SseStream } from './helpers/http.js';
import { RawConnection } from './helpers/raw-http.js';

// Each test shortens the one timeout it is about and leaves the others long, so the disconnect
// it waits for can only come from that timeout. Nothing here measures how long it took.
const LONG = 60_000;
const SHORT = 200;

let feed: TestFeed | undefined;
let connection: RawConnection | undefined;
let stream: SseStream | undefined;
let trickle: NodeJS.Timeout | undefined;
afterEach(async () => {
  clearInterval(trickle);
  stream?.close();
  connection?.destroy();
  await feed?.close();
  feed = stream = connection = trickle = undefined;
});

async function start(
  timeouts: Pick<
    FeedServerOptions,
    'headersTimeoutMs' | 'requestTimeoutMs' | 'keepAliveTimeoutMs' | 'idleTimeoutMs'
  >,
  configOverrides: Record<string, unknown> = {},
  log: Logger = silentLogger,
): Promise<TestFeed> {
  feed = await startTestFeed({
    log,
    headersTimeoutMs: LONG,
    requestTimeoutMs: LONG,
    keepAliveTimeoutMs: LONG,
    idleTimeoutMs: LONG,
    ...timeouts,
    configOverrides,
  });
  return feed;
}

async function open(url: string): Promise<RawConnection> {
  connection = await RawConnection.open(url);
  return connection;
}

describe('server timeouts for ordinary requests', () => {
  it('cuts a client that never finishes its headers, however busy it keeps the socket', async () => {
    const { url } = await start({ headersTimeoutMs: SHORT });
    const raw = await open(url);
    raw.write('GET /healthz HTTP/1.1\r\nHost: feed.test\r\n');
    let header = 0;
    trickle = setInterval(() => {
      raw.write(`X-Slow-${header++}: 1\r\n`);
    }, 20);
    await raw.closed;
  });

  it('cuts a client that sends its body too slowly, without logging it as a failure', async () => {
    const entries: LogEntry[] = [];
    const { url } = await start({ headersTimeoutMs: SHORT, requestTimeoutMs: SHORT }, {}, (entry) =>
      entries.push(entry),
    );
    const raw = await open(url);
    raw.write(
      'POST /v1/admin/incidents HTTP/1.1\r\nHost: feed.test\r\nContent-Type: application/json\r\n' +
        `Authorization: Bearer ${TOKENS.digst}\r\nContent-Length: 1000\r\n\r\n{`,
    );
    trickle = setInterval(() => {
      raw.write(' ');
    }, 20);
    await raw.closed;
    expect(feed?.feed.store.document.incidents).toEqual([]);
    // The write's handler sees its body end early; it must not report that as a server error.
    await new Promise<void>((resolve) => setImmediate(resolve));
    expect(entries.filter((entry) => entry.level === 'error')).toEqual([]);
  });

  it('cuts a connection that sends nothing at all', async () => {
    const { url } = await start({ idleTimeoutMs: SHORT });
    const raw = await open(url);
    await raw.closed;
  });

  it('closes an idle keep-alive connection after its answer', async () => {
    const { url } = await start({ keepAliveTimeoutMs: SHORT });
    const raw = await open(url);
    const res = await raw.request('GET', '/healthz');
    expect(res.status).toBe(200);
    await raw.closed;
  });

  it('refuses a header timeout longer than the request timeout, naming both', async () => {
    await expect(startTestFeed({ headersTimeoutMs: 2000, requestTimeoutMs: 1000 })).rejects.toThrow(
      'headersTimeoutMs (2000) must not be longer than requestTimeoutMs (1000)',
    );
  });
});

describe('streams', () => {
  it('outlive every timeout: a stream with heartbeats stays open and keeps getting events', async () => {
    const { url } = await start(
      {
        headersTimeoutMs: SHORT,
        requestTimeoutMs: SHORT,
        keepAliveTimeoutMs: SHORT,
        idleTimeoutMs: SHORT,
      },
      { heartbeatSeconds: 1 },
    );
    const opened = await openStream(`${url}/v1/stream`);
    stream = opened;
    await opened.waitFor((event) => event.event === 'snapshot');
    // Two heartbeats a second apart: the socket sat idle far longer than any timeout between them.
    await opened.waitFor(() => opened.comments >= 2, 10_000);
    await http(`${url}/v1/admin/incidents`, {
      method: 'POST',
      token: TOKENS.digst,
      body: incidentBody({ id: 'late' }),
    });
    const event = await opened.waitFor((candidate) => candidate.event === 'incident');
    expect(event.json).toMatchObject({ incident: { id: 'late' } });
  });
});
