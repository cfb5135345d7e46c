#!/usr/bin/env node
// Reconnect-storm benchmark: N real `@statuskit/client` instances, spread over a few worker
// processes, hold streams to one feed; the feed is restarted (gracefully with SIGTERM, or killed
// with SIGKILL) on the same port with the same journal, and changes are published while the
// clients come back. Per restart it prints how fast the clients came back (peak reconnections per
// second, time until every client is live again and until every client has every change) and
// whether any client missed or duplicated a change, which must never happen. Timings are printed,
// never asserted: machines differ, and the clients' reconnect delays are random by design.
//
//   node scripts/bench/reconnect-storm.mjs [--quick] [--n 2000] [--workers 4] [--rounds 3]
//                                          [--retry-ms 3000] [--shutdown-jitter-ms 10000]
//
// --quick: 500 clients, one graceful and one killed restart (about 35 s). The default is 2,000
// clients and three restarts of each kind (about 2 min). Runs the built packages (`npm run build`
// first); results are merged into bench/results.json under `reconnectStorm`. Linux only (reads
// /proc); method and figures in docs/benchmarks.md.
//
// What counts, per client and restart. Every round opens fresh clients (see `round`), so a client
// starts from its first snapshot, at revision b. The changes of the round are the revisions r > b
// the admin API acknowledged (answered 200 with that `revision`).
// - delivered: the client applied a change event with revision r (onEvent `applied`);
// - covered by a snapshot: it did not, but it applied a snapshot at a revision >= r (the feed sends
//   one on resume when the missed events are no longer in its history, or after the client saw a
//   gap). Revisions are consecutive, so that snapshot contains r and the page shows the latest
//   state: not missed, but counted (clients that got a snapshot after the restart instead of an
//   exact resume);
// - missed: neither, once every client was live at the last revision (or the round timed out).
//   A client whose final document does not hold the last change (its `eid` service differs from
//   what the admin API answered) or that is not live at the end is counted apart, as "wrong end";
// - duplicated: a change event applied at or below the revision the client already held (one
//   change applied twice); and, counted apart as "backwards", the revision going down (a snapshot
//   older than what was held, or a listener seeing a lower revision than before);
// - re-sent: events the client received again and dropped itself (onEvent `duplicate`): the feed
//   sent more than was missed. Harmless to the page, but reported.
// Times of the storm count from the moment the restarted feed logged "feed listening" (it accepts
// connections from then on); "live" is the client's own `connection: 'live'`, as a listener hears
// it (up to 100 ms late: the client batches notifications).
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { createServer } from 'node:net';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { benchConfig, SERVICE_ID, statusBody, TOKEN } from './fanout-fixture.mjs';
import { formatTable, machineFacts, root, saveResults } from './results.mjs';
import { spawnWithLimits } from './spawn-with-limits.mjs';
import {
  countClientEvents,
  eventFaults,
  newTotals,
  percentile,
  timeline,
} from './storm-counting.mjs';
import {
  askWorker,
  checkClock,
  startClientWorker,
  stopClientWorker,
  waitForClients,
} from './storm-workers.mjs';

const feedBin = join(root, 'packages/feed/bin/statuskit-feed.js');
const feedDist = join(root, 'packages/feed/dist/index.js');
const clientDist = join(root, 'packages/client/dist/index.js');

const { values: flags } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    n: { type: 'string' },
    workers: { type: 'string', default: '4' },
    rounds: { type: 'string' },
    'retry-ms': { type: 'string' },
    'shutdown-jitter-ms': { type: 'string' },
  },
});

const CLIENTS = Number(flags.n ?? (flags.quick ? 500 : 2000));
const WORKERS = Number(flags.workers);
/** Restarts of each kind, taken in turns: graceful, killed, graceful, … */
const ROUNDS = Number(flags.rounds ?? (flags.quick ? 1 : 3));

/**
 * The feed's production defaults: `retry: 3000` on connect (`retryMs`, packages/feed/src/server.ts)
 * and, on shutdown, `retry:` 3,000 ms plus a random share of 10,000 ms per stream
 * (`shutdownJitterMs`, packages/feed/src/sse/stream-hub.ts). `statuskit-feed serve` has no option
 * for either, so when a flag overrides one the feed is started through `startFeedServer`, the
 * function the CLI itself calls, instead of the CLI.
 */
const FEED_DEFAULTS = { retryMs: 3000, shutdownJitterMs: 10_000 };
const FEED = {
  retryMs: Number(flags['retry-ms'] ?? FEED_DEFAULTS.retryMs),
  shutdownJitterMs: Number(flags['shutdown-jitter-ms'] ?? FEED_DEFAULTS.shutdownJitterMs),
};
const VIA_CLI = flags['retry-ms'] === undefined && flags['shutdown-jitter-ms'] === undefined;

/**
 * The client's defaults (packages/client/src/feed-client.ts, feed-connection.ts), used as they
 * are: backoff base 3 s until the feed sends `retry:`, full jitter capped at 60 s, a watchdog that
 * gives up on a stream after 2.5 heartbeats (15 s) of silence.
 */
const CLIENT_DEFAULTS = {
  retryMs: 3000,
  heartbeatMs: 15_000,
  watchdogMs: 37_500,
  maxBackoffMs: 60_000,
};

/**
 * The clients' subscriptions: the whole feed, and three service filters that all reach `eid`
 * through their dependencies (tax-return, borger, payments → login → eid), so every client must
 * see every change to `eid`, through four fan-out groups with their own `prev` chains.
 */
const SUBSCRIPTIONS = [null, ['tax-return'], ['borger'], ['payments']];
/** Changes published and delivered before each restart. */
const BEFORE = 3;
/** When changes are published after the new feed listens (ms): most clients are still away. */
const AFTER_MS = [0, 1000, 3000];
/** Longest wait for every client to be live and current: the watchdog plus a full backoff. */
const ROUND_TIMEOUT_MS = 150_000;
const CONNECT_TIMEOUT_MS = 60_000;
const CLOCK_TICKS = 100;

for (const [name, value, least] of [
  ['--n', CLIENTS, 1],
  ['--workers', WORKERS, 1],
  ['--rounds', ROUNDS, 1],
  ['--retry-ms', FEED.retryMs, 0],
  ['--shutdown-jitter-ms', FEED.shutdownJitterMs, 0],
]) {
  if (!Number.isInteger(value) || value < least) {
    console.error(`reconnect-storm: ${name} must be a whole number of at least ${least}`);
    process.exit(2);
  }
}
if (process.platform !== 'linux') {
  console.error('reconnect-storm: reads /proc for the feed CPU time, so it runs on Linux only');
  process.exit(1);
}
for (const file of [feedDist, clientDist]) {
  if (!existsSync(file)) {
    console.error(`reconnect-storm: ${file} is missing. Run \`npm run build\` first.`);
    process.exit(1);
  }
}

const now = () => performance.timeOrigin + performance.now();

// ---------------------------------------------------------------------------------------------
// Clean-up: every child and the temporary folder go, however the run ends.

/** @type {Set<import('node:child_process').ChildProcess>} */
const children = new Set();
let work = '';
process.once('exit', () => {
  for (const child of children) child.kill('SIGKILL');
  if (work !== '') rmSync(work, { recursive: true, force: true, maxRetries: 3 });
});
process.once('SIGINT', () => process.exit(130));
process.once('SIGTERM', () => process.exit(143));

/** Each child can open as many files as the hard limit allows (a socket is a file). */
// ---------------------------------------------------------------------------------------------
// The feed

let configPath = '';
let dataDir = '';
let port = 0;
let revision = 0;
let changeIndex = 0;

/**
 * Preloaded into the feed: exit when the orchestrator is gone, even if it was killed and could
 * not clean up. The feed's own code is untouched; the channel does not keep it alive.
 */
const ORPHAN_GUARD = `data:text/javascript,${encodeURIComponent(
  "process.channel?.unref(); process.on('disconnect', () => process.exit(0));",
)}`;

/** The same as `statuskit-feed serve`, with the two settings the CLI has no option for. */
const SERVE_WITH_SETTINGS = `
import { jsonLogger, loadConfig, startFeedServer } from ${JSON.stringify(pathToFileURL(feedDist).href)};
const [config, dataDir, port, retryMs, shutdownJitterMs] = process.argv.slice(1);
const log = jsonLogger();
const feed = await startFeedServer({
  config: await loadConfig(config), dataDir, port: Number(port), host: '127.0.0.1', log,
  retryMs: Number(retryMs), shutdownJitterMs: Number(shutdownJitterMs),
  // Every client comes from 127.0.0.1: the load-shedding caps would refuse most of them.
  maxStreams: 1_000_000, maxStreamsPerAddress: 1_000_000,
});
for (const signal of ['SIGTERM', 'SIGINT']) {
  process.once(signal, () => {
    log({ level: 'info', msg: 'shutting down', signal });
    feed.close().then(() => { process.exitCode = 0; }, () => { process.exitCode = 1; });
  });
}
`;

/** Starts the feed on `port` with the data dir; resolves once it accepts connections. */
async function startFeed() {
  const script = VIA_CLI
    ? [
        feedBin,
        'serve',
        '--config',
        configPath,
        '--data',
        dataDir,
        '--port',
        String(port),
        // Every client comes from 127.0.0.1: the load-shedding caps would refuse most of them.
        '--max-streams',
        '1000000',
        '--max-streams-per-address',
        '1000000',
      ]
    : [
        '--input-type=module',
        '-e',
        SERVE_WITH_SETTINGS,
        configPath,
        dataDir,
        String(port),
        String(FEED.retryMs),
        String(FEED.shutdownJitterMs),
      ];
  const child = spawnWithLimits(
    ['node', '--import', ORPHAN_GUARD, ...script],
    {
      cwd: root,
      stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
    },
    children,
  );
  const exited = new Promise((resolve) => {
    child.once('exit', (code, signal) => resolve({ code, signal, at: now() }));
  });
  const listening = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the feed did not start within 20 s')), 20_000);
    void exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(new Error(`the feed exited (${signal ?? code}) before listening on port ${port}`));
    });
    // Keep reading its log (a line per change) so the pipe never fills.
    createInterface({ input: child.stdout }).on('line', (line) => {
      if (!line.includes('"feed listening"')) return;
      clearTimeout(timer);
      const entry = JSON.parse(line);
      resolve({ at: now(), url: entry.url, revision: entry.revision });
    });
  });
  return { child, pid: child.pid, exited, ...listening };
}

/** Publishes the next status change of `eid`; resolves with its revision and the stored service. */
async function publish(feed) {
  const body = JSON.stringify(statusBody(changeIndex));
  changeIndex += 1;
  const sentAt = now();
  const answer = await call(feed.url, 'PUT', `/v1/admin/services/${SERVICE_ID}/status`, body);
  revision = answer.revision;
  return { revision: answer.revision, service: answer.service, sentAt, answeredAt: now() };
}

function call(url, method, path, body) {
  return new Promise((resolve, reject) => {
    const headers = {
      authorization: `Bearer ${TOKEN}`,
      'content-type': 'application/json',
      'content-length': String(Buffer.byteLength(body)),
    };
    // A connection of its own: a kept-alive one would not survive the restart.
    const req = request(new URL(path, url), { method, headers, agent: false }, (res) => {
      const chunks = [];
      res.on('data', (chunk) => chunks.push(chunk));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        if ((res.statusCode ?? 0) >= 300)
          reject(new Error(`${method} ${path}: ${res.statusCode} ${text}`));
        else resolve(JSON.parse(text));
      });
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** CPU seconds (user + system) of a process so far. */
function cpuSeconds(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
  } catch {
    return Number.NaN;
  }
}

/**
 * A free port below the ephemeral range (ip_local_port_range): while the feed is down between two
 * runs, no outgoing connection, ours or another program's, can take it as its source port and keep
 * the feed from listening on it again.
 */
async function freePort() {
  let low = 32_768;
  try {
    low = Number(
      readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/)[0],
    );
  } catch {
    // Linux's default range then.
  }
  const from = Math.max(1024, Math.min(10_000, low - 2000));
  for (let attempt = 0; attempt < 50 && low - from > 1; attempt += 1) {
    const candidate = from + Math.floor(Math.random() * (low - from));
    if (await canListen(candidate)) return candidate;
  }
  throw new Error(`found no free port below the ephemeral range (${low})`);
}

function canListen(candidate) {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(candidate, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

// ---------------------------------------------------------------------------------------------
// A round

/**
 * One restart, with fresh clients in fresh worker processes:
 * - a client's backoff exponent goes back to zero only after its stream stayed up for a heartbeat
 *   interval (15 s), so clients that came back a few seconds ago would wait longer after the next
 *   restart than the long-lived pages a real restart meets. A new client and a long-lived one
 *   start the same way (first failure: attempt 1, `retry: 3000` held), without the 15 s wait;
 * - closing a client aborts its fetch, after which Node's fetch (undici) opens a new idle
 *   keep-alive connection to the feed. With workers kept across rounds, those piled up in their
 *   connection pools, and after a restart 5 to 380 requests per round failed with ECONNRESET
 *   within a millisecond, apparently sent on pooled connections to the dead process (strace saw
 *   no connect() for them); each such failure doubled a client's backoff, and "all live" took up
 *   to 87 s. Not what a restart meets either: a new process starts with an empty pool.
 */
async function round(kind, index, state) {
  const workers = await Promise.all(
    Array.from({ length: WORKERS }, () =>
      startClientWorker((command, options) => spawnWithLimits(command, options, children)),
    ),
  );
  try {
    const clock = await checkClock(workers, 'reconnect-storm');
    return { ...(await restart(kind, index, state, workers)), clock };
  } finally {
    await Promise.all(workers.map((worker) => stopClientWorker(worker)));
  }
}

async function restart(kind, index, state, workers) {
  const url = `${state.feed.url}/v1`;
  const shares = workers.map(() => []);
  for (let id = 0; id < CLIENTS; id += 1) {
    shares[id % workers.length].push({ id, services: SUBSCRIPTIONS[id % SUBSCRIPTIONS.length] });
  }
  const openedAt = now();
  await Promise.all(
    workers.map((worker, k) => askWorker(worker, { type: 'open', url, clients: shares[k] })),
  );
  const connected = await waitForClients(workers, CLIENTS, revision, CONNECT_TIMEOUT_MS);
  if (connected.ready < CLIENTS) {
    throw new Error(`only ${connected.ready} of ${CLIENTS} clients connected within 60 s`);
  }
  const connectSeconds = (connected.at - openedAt) / 1000;

  const published = [];
  for (let change = 0; change < BEFORE; change += 1) published.push(await publish(state.feed));
  await waitForClients(workers, CLIENTS, revision, CONNECT_TIMEOUT_MS);

  // The last change before the restart is acknowledged, and at once the feed is stopped: the
  // change is in the journal, its fan-out may or may not have reached every stream.
  published.push(await publish(state.feed));
  const old = state.feed;
  const signalAt = now();
  old.child.kill(kind === 'graceful' ? 'SIGTERM' : 'SIGKILL');
  const forced = setTimeout(() => old.child.kill('SIGKILL'), 20_000);
  const exit = await old.exited;
  clearTimeout(forced);

  const feed = await startFeed();
  state.feed = feed;
  const cpuAtListen = cpuSeconds(feed.pid);
  for (const at of AFTER_MS) {
    await sleep(feed.at + at - now());
    published.push(await publish(feed));
  }
  const done = await waitForClients(workers, CLIENTS, revision, ROUND_TIMEOUT_MS);
  const feedCpu = cpuSeconds(feed.pid) - cpuAtListen;

  const reports = await Promise.all(
    workers.map((worker) => askWorker(worker, { type: 'report', serviceId: SERVICE_ID }, 120_000)),
  );
  return analyse({
    kind,
    index,
    connectSeconds,
    signalAt,
    exit,
    listeningAt: feed.at,
    done,
    published,
    reports,
    feedCpu,
  });
}

// ---------------------------------------------------------------------------------------------
// Figures

function analyse(run) {
  const { kind, signalAt, listeningAt, published, reports } = run;
  const clients = reports.flatMap((report) => report.clients);
  const last = published.at(-1);
  const revisions = published.map((change) => change.revision);

  const totals = newTotals();
  const detection = [];
  const streamEnds = [];
  const reconnect = [];
  const caughtUp = [];
  /** How each client learnt that its stream was gone, and how the stream ended on the socket. */
  const how = new Map();
  const endings = new Map();
  const shutdownRetries = [];
  const liveBuckets = new Map();
  const attemptBuckets = new Map();
  const missedExamples = [];
  /** Stream requests after the signal, by answer: 200, 503, ECONNREFUSED, … */
  const answers = new Map();
  /** The clients that took longest to be live again, with their requests, for diagnosis. */
  const slowest = [];

  for (const client of clients) {
    // Events, in the order the client handled them.
    const snapshotAfter = countClientEvents(
      client,
      { signalAt, revisions, last },
      totals,
      missedExamples,
    );

    // The connection, as the client's listener saw it.
    const gone = client.transitions.find(([at, state]) => at >= signalAt && state !== 'live');
    const back =
      gone && client.transitions.find(([at, state]) => at >= gone[0] && state === 'live');
    const comebacks = client.transitions.filter(
      ([at, state]) => at >= signalAt && state === 'live',
    );
    if (comebacks.length > 1) totals.flapped += 1;
    if (client.transitions.some(([at, state]) => at >= signalAt && state === 'polling')) {
      totals.polled += 1;
    }
    if (gone) detection.push(gone[0] - signalAt);
    if (back) {
      reconnect.push(back[0] - listeningAt);
      bump(liveBuckets, Math.floor((back[0] - listeningAt) / 1000));
    } else totals.noReconnect += 1;
    const current = client.revisions.find(([, rev]) => rev >= last.revision);
    if (current) caughtUp.push(current[0] - listeningAt);

    // Requests, as the wrapped fetch saw them.
    let refused = 0;
    let resumed = false;
    for (const attempt of client.attempts) {
      if (!attempt.stream) continue;
      if (attempt.at < signalAt) {
        // The stream open at the restart: when it ended, and the last `retry:` on it (the feed's
        // goodbye on a graceful stop).
        if (attempt.endedAt >= signalAt) {
          streamEnds.push(attempt.endedAt - signalAt);
          bump(how, cause(attempt.ending, client.errors));
          bump(endings, attempt.ending);
        }
        const goodbye = attempt.retries.at(-1);
        if (attempt.retries.length > 1 && goodbye[0] >= signalAt) shutdownRetries.push(goodbye[1]);
        continue;
      }
      bump(attemptBuckets, Math.floor((attempt.at - listeningAt) / 1000));
      bump(answers, String(attempt.result));
      if (attempt.result === 'ECONNREFUSED') refused += 1;
      if (attempt.result === 200 && attempt.resume !== null) resumed = true;
    }
    totals.refused += refused;
    if (refused > 0) totals.clientsRefused += 1;
    if (resumed && !snapshotAfter) totals.exactResumes += 1;
    if (back) keepSlowest(slowest, back[0] - listeningAt, () => timeline(client, signalAt));
  }

  const workerCpuShare = Math.max(
    ...reports.map((report) => report.cpuSeconds / report.wallSeconds),
  );
  return {
    kind,
    round: run.index + 1,
    clients: clients.length,
    connectSeconds: round1(run.connectSeconds),
    published: revisions,
    feedExit: run.exit.signal ?? run.exit.code,
    downMs: Math.round(listeningAt - signalAt),
    jitterWindow: jitterWindow(kind),
    shutdownRetryMs: shutdownRetries.length
      ? {
          min: Math.min(...shutdownRetries),
          max: Math.max(...shutdownRetries),
          count: shutdownRetries.length,
        }
      : undefined,
    feedExitMs: Math.round(run.exit.at - signalAt),
    streamEndMs: {
      p50: round1(percentile(streamEnds, 0.5)),
      max: round1(Math.max(0, ...streamEnds)),
      count: streamEnds.length,
    },
    detectionMs: {
      p50: round1(percentile(detection, 0.5)),
      max: round1(Math.max(0, ...detection)),
    },
    detectedBy: Object.fromEntries(how),
    streamEndings: Object.fromEntries(endings),
    reconnect: {
      peakPerSecond: Math.max(0, ...liveBuckets.values()),
      perSecond: histogram(liveBuckets),
      p50Seconds: seconds(percentile(reconnect, 0.5)),
      p90Seconds: seconds(percentile(reconnect, 0.9)),
      allLiveSeconds: seconds(Math.max(0, ...reconnect)),
      allLiveAfterSignalSeconds: seconds(Math.max(0, ...reconnect) + listeningAt - signalAt),
    },
    attempts: {
      answers: Object.fromEntries(answers),
      peakPerSecond: Math.max(0, ...attemptBuckets.values()),
      perSecond: histogram(attemptBuckets),
      total: sum([...attemptBuckets.values()]),
    },
    allCurrentSeconds: seconds(Math.max(0, ...caughtUp)),
    allCurrentAfterLastPublishSeconds: seconds(
      Math.max(0, ...caughtUp) + listeningAt - last.answeredAt,
    ),
    ready: run.done.ready,
    timedOut: run.done.ready < CLIENTS,
    ...totals,
    missedExamples,
    slowest: slowest.map(({ ms, detail }) => ({ liveAfterMs: Math.round(ms), ...detail() })),
    feedCpuSeconds: round1(run.feedCpu),
    workerCpuShare: Math.round(workerCpuShare * 100) / 100,
  };
}

/** The spread of reconnect delays the client draws, from the settings (a restart meets it first). */
function jitterWindow(kind) {
  if (kind === 'graceful') {
    // Each stream gets `retry:` in [retryMs, retryMs + jitter); the client waits a random share.
    return `0–${formatSeconds(FEED.retryMs + FEED.shutdownJitterMs)}`;
  }
  // A broken stream: full jitter over the `retry:` held, doubling with each failed attempt.
  return `0–${formatSeconds(Math.max(250, FEED.retryMs))}`;
}

/**
 * A stream that ended cleanly was ended by the feed (a graceful stop); one the client aborted
 * itself after silence was the watchdog's doing (its error says "no data for …"); any other error
 * is the socket closing under it (a killed feed: the kernel closes its sockets).
 */
function cause(ending, errors) {
  if (ending === 'end') return 'stream ended by the feed';
  if (errors.some(([, , message]) => message.startsWith('no data for')))
    return 'heartbeat watchdog';
  return 'socket closed';
}

/** Keeps the three largest `ms` (the detail is built only for those that stay). */
function keepSlowest(list, ms, detail) {
  if (list.length === 3 && ms <= list[2].ms) return;
  list.push({ ms, detail });
  list.sort((a, b) => b.ms - a.ms);
  list.length = Math.min(list.length, 3);
}

/** A client's requests and states after the signal, in ms from it. */
function bump(map, key) {
  map.set(key, (map.get(key) ?? 0) + 1);
}

/** Counts per second from the first bucket to the last, gaps as 0. */
function histogram(buckets) {
  if (buckets.size === 0) return [];
  const keys = [...buckets.keys()];
  const first = Math.min(...keys);
  const counts = [];
  for (let key = first; key <= Math.max(...keys); key += 1)
    counts.push([key, buckets.get(key) ?? 0]);
  return counts;
}

// ---------------------------------------------------------------------------------------------
// Output

const KIND = { graceful: 'SIGTERM (graceful)', kill: 'SIGKILL' };

function printRound(run) {
  const per = run.reconnect.perSecond.map(([second, count]) => `${second}s ${count}`).join(' | ');
  console.log(
    `${KIND[run.kind]} #${run.round}: ${run.clients} clients (connected in ${run.connectSeconds} s); ` +
      `feed exited (${run.feedExit}) ${run.feedExitMs} ms and listened again ${run.downMs} ms ` +
      'after the signal; ' +
      `${run.ready} of ${run.clients} live and current after ${run.allCurrentSeconds} s` +
      (run.timedOut ? ' (TIMED OUT)' : ''),
  );
  console.log(`  clients live again per second after the feed listened: ${per}`);
  const how = Object.entries(run.detectedBy)
    .map(([by, count]) => `${by}: ${count}`)
    .join(', ');
  const endings = Object.entries(run.streamEndings)
    .map(([ending, count]) => `${ending} ×${count}`)
    .join(', ');
  console.log(
    `  streams ended ${run.streamEndMs.p50} ms (p50), ${run.streamEndMs.max} ms (max) after the ` +
      `signal; listeners heard ${run.detectionMs.p50} ms (p50), ${run.detectionMs.max} ms (max); ${how} (${endings})`,
  );
  if (run.shutdownRetryMs) {
    console.log(
      `  retry: sent on shutdown ${run.shutdownRetryMs.min}–${run.shutdownRetryMs.max} ms ` +
        `(${run.shutdownRetryMs.count} streams)`,
    );
  }
  console.log(
    `  stream requests: ${run.attempts.total} (peak ${run.attempts.peakPerSecond}/s; answers ` +
      `${Object.entries(run.attempts.answers)
        .map(([answer, count]) => `${answer} ×${count}`)
        .join(
          ', ',
        )}), ${run.refused} refused while the feed was down (${run.clientsRefused} clients); ` +
      `feed CPU ${run.feedCpuSeconds} s; busiest worker ${Math.round(run.workerCpuShare * 100)} % of a core`,
  );
  const wrong = eventFaults(run);
  if (wrong.length > 0) {
    console.log(`  !! ${wrong.join(', ')}; examples: ${JSON.stringify(run.missedExamples)}`);
  }
}

function timingTable(runs) {
  return formatTable([
    [
      'restart',
      'clients',
      'feed down',
      'jitter window',
      'peak reconn/s',
      'live p50',
      'live p90',
      'all live',
      'all changes',
      'refused',
    ],
    ...runs.map((run) => [
      `${KIND[run.kind]} #${run.round}`,
      run.clients.toLocaleString('en'),
      `${run.downMs} ms`,
      run.jitterWindow,
      run.reconnect.peakPerSecond.toLocaleString('en'),
      `${run.reconnect.p50Seconds} s`,
      `${run.reconnect.p90Seconds} s`,
      `${run.reconnect.allLiveSeconds} s${run.timedOut ? ' (timed out)' : ''}`,
      `${run.allCurrentSeconds} s`,
      run.refused.toLocaleString('en'),
    ]),
  ]);
}

function eventTable(runs) {
  return formatTable([
    [
      'restart',
      'changes',
      'exact resumes',
      'snapshots',
      'missed',
      'duplicated',
      'backwards',
      're-sent',
      'gaps',
      'wrong end',
      'detected by',
    ],
    ...runs.map((run) => [
      `${KIND[run.kind]} #${run.round}`,
      run.published.length,
      run.exactResumes.toLocaleString('en'),
      run.snapshotClients.toLocaleString('en'),
      run.missed,
      run.duplicated,
      run.backwards,
      run.resent,
      run.gaps,
      run.wrongEnd,
      Object.keys(run.detectedBy).join('; '),
    ]),
  ]);
}

// ---------------------------------------------------------------------------------------------
// Small things

function sum(numbers) {
  return numbers.reduce((total, n) => total + n, 0);
}

function round1(value) {
  return Math.round(value * 10) / 10;
}

function seconds(ms) {
  return Math.round(ms / 10) / 100;
}

function formatSeconds(ms) {
  return `${Number((ms / 1000).toFixed(2))} s`;
}

function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));
}

// ---------------------------------------------------------------------------------------------

async function main() {
  const machine = machineFacts();
  const startedAt = now();
  const loadBefore = loadavg();
  work = await mkdtemp(join(tmpdir(), 'statuskit-storm-'));
  configPath = join(work, 'statuskit.config.json');
  dataDir = join(work, 'data');
  await writeFile(configPath, JSON.stringify(benchConfig(), null, 2));
  port = await freePort();
  const config = benchConfig();

  console.log(
    `Reconnect storm: ${CLIENTS.toLocaleString('en')} clients in ${WORKERS} processes, ` +
      `${ROUNDS} restart${ROUNDS === 1 ? '' : 's'} of each kind; ${machine.cpus} × ${machine.cpuModel}, ` +
      `Node ${machine.node}, open files ${machine.openFiles}, load average ${loadBefore[0].toFixed(2)}`,
  );
  console.log(
    `Feed (${VIA_CLI ? 'statuskit-feed serve' : 'startFeedServer, for the settings below'}) on ` +
      `127.0.0.1:${port}: retry ${FEED.retryMs} ms, on shutdown ${FEED.retryMs}–` +
      `${FEED.retryMs + FEED.shutdownJitterMs} ms (jitter ${FEED.shutdownJitterMs} ms)` +
      `${VIA_CLI ? ', its defaults' : ''}; heartbeat ${config.heartbeatSeconds} s, history ` +
      `${config.historySize}. Clients: the client's defaults (backoff base ${CLIENT_DEFAULTS.retryMs} ms ` +
      `until a retry: arrives, cap ${CLIENT_DEFAULTS.maxBackoffMs / 1000} s, watchdog ` +
      `${CLIENT_DEFAULTS.watchdogMs / 1000} s).\n`,
  );

  const state = { feed: await startFeed() };
  revision = state.feed.revision;

  const runs = [];
  try {
    for (let index = 0; index < ROUNDS; index += 1) {
      for (const kind of ['graceful', 'kill']) {
        const run = await round(kind, index, state);
        runs.push(run);
        printRound(run);
      }
    }
  } finally {
    const { child, exited } = state.feed;
    child.kill('SIGTERM');
    await Promise.race([exited, sleep(10_000)]);
  }

  console.log(`\nTimes from the moment the restarted feed accepted connections:\n`);
  console.log(timingTable(runs));
  console.log('');
  console.log(eventTable(runs));
  const bad = runs.filter((run) => eventFaults(run).length > 0);
  console.log(
    bad.length === 0
      ? '\nEvery client ended live with every change: no missed, duplicated or backward events.'
      : `\n!! ${bad.length} restart(s) lost, duplicated or reordered events (above): that is a bug ` +
          'in the feed or the client, not noise.',
  );
  const loadAfter = loadavg();
  const wallSeconds = round1((now() - startedAt) / 1000);
  console.log(`Took ${wallSeconds} s; load average ${loadAfter[0].toFixed(2)} at the end.`);

  await saveResults('reconnectStorm', {
    method: {
      clients: CLIENTS,
      workers: WORKERS,
      rounds: ROUNDS,
      subscriptions: SUBSCRIPTIONS.map((services) => services?.join(',') ?? 'all'),
      changesBefore: BEFORE,
      changesAfterMs: AFTER_MS,
      feed: { ...FEED, viaCli: VIA_CLI, heartbeatSeconds: config.heartbeatSeconds },
      client: CLIENT_DEFAULTS,
      clock: {
        consistent: runs.every((run) => run.clock.consistent),
        worstSkewMs: Math.max(0, ...runs.map((run) => run.clock.worstSkewMs)),
      },
      loadAverage: { before: loadBefore, after: loadAfter },
      wallSeconds,
    },
    runs,
  });
}

try {
  await main();
} catch (error) {
  console.error(
    `reconnect-storm: ${error instanceof Error ? (error.stack ?? error.message) : error}`,
  );
  process.exitCode = 1;
} finally {
  // The exit handler stops what is left and removes the temporary folder.
  process.exit();
}
