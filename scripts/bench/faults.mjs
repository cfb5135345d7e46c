#!/usr/bin/env node
// Fault benchmark of the feed on Redis: what faults cost the clients and the writers, and that
// they lose nothing. Three scenarios, each on Debian's redis-server (and redis-sentinel) on free
// ports in temporary directories, and the built feed's CLI (`statuskit-feed serve`):
//
// 1. kill -9 one worker of `serve --workers 2 --store redis://…` while N real `@statuskit/client`
//    instances (storm-clients.mjs) hold streams on both; changes are published before and while
//    the clients come back. Counted per client as in reconnect-storm.mjs (storm-counting.mjs).
// 2. Redis restarted 20 times (SIGKILL, every fourth one SIGTERM) under concurrent admin writes
//    to one feed process on a durable Redis (appendonly yes, appendfsync always, strict); then
//    every acknowledged write is looked up in the Redis stream.
// 3. Sentinel failover: primary + replica + one sentinel, feed with `--store-replicas 1`, the
//    primary SIGKILLed under writes, the old primary restarted once Sentinel ended the failover;
//    every acknowledged write is looked up on the new primary.
//
//   node scripts/bench/faults.mjs [--quick] [--n 2000] [--rounds 3] [--restarts 20]
//                                 [--failovers 2] [--only kill,restart,failover]
//
// --quick: 500 clients, one worker kill (strict only), 5 Redis restarts, one failover (about a
// minute on a quiet machine). The default: 2,000 clients, three kills with each durability. Runs
// the built packages (`npm run build` first); results go to bench/results.json under `faults`.
// Linux only (finds the workers in /proc). Method and figures in docs/benchmarks.md. Every figure
// is printed, never asserted, except that the run exits 1 when a fault lost or duplicated
// something (an acknowledged write missing, a client missing or repeating an event).
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { Redis } from 'ioredis';
import { DURABLE, startRedis, startSentinel } from '../redis-servers.mjs';
import { benchConfig, SERVICE_ID, statusBody, TOKEN } from './fanout-fixture.mjs';
import { acknowledgementGaps, startWriters, verifyStream } from './fault-writers.mjs';
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
const clientDist = join(root, 'packages/client/dist/index.js');
const SCENARIOS = ['kill', 'restart', 'failover'];

const { values: flags } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    n: { type: 'string' },
    rounds: { type: 'string' },
    restarts: { type: 'string' },
    failovers: { type: 'string' },
    only: { type: 'string' },
  },
});

const CLIENTS = Number(flags.n ?? (flags.quick ? 500 : 2000));
/** Worker kills (scenario 1), Redis restarts (2) and failovers (3). */
const KILLS = Number(flags.rounds ?? (flags.quick ? 1 : 3));
const RESTARTS = Number(flags.restarts ?? (flags.quick ? 5 : 20));
const FAILOVERS = Number(flags.failovers ?? (flags.quick ? 1 : 2));
const ONLY = flags.only?.split(',') ?? SCENARIOS;
/** The worker kills run on each (quick: strict only, the production setting). */
const DURABILITIES = flags.quick ? ['strict'] : ['relaxed', 'strict'];
/** Processes holding the clients: one per core of this 2-core machine. */
const CLIENT_PROCESSES = 2;
/** Concurrent admin writers in scenarios 2 and 3. */
const WRITERS = 4;
/** Every change is kept in the Redis stream, so each acknowledged write can be checked there. */
const HISTORY_SIZE = 100_000;
/** Changes published before a worker is killed, and when the ones after it go out (ms). */
const BEFORE = 3;
const AFTER_MS = [0, 1000, 3000];
/** The client's first reconnect delay after a broken stream: full jitter over `retry: 3000`. */
const JITTER_WINDOW_MS = 3000;
/** Writes acknowledged between two Redis restarts, and at least this long (ms). */
const ACKS_BETWEEN = 20;
const CALM_MS = 500;
/** How long Redis stays away on each restart (ms): writes meet a feed without Redis. */
const REDIS_DOWN_MS = 500;
/** Sentinel does not fail the same master over again within 2 × failover-timeout (5 s). */
const FAILOVER_SPACING_MS = 10_500;

for (const [name, value] of [
  ['--n', CLIENTS],
  ['--rounds', KILLS],
  ['--restarts', RESTARTS],
  ['--failovers', FAILOVERS],
]) {
  if (!Number.isInteger(value) || value < 1) {
    console.error(`faults: ${name} must be a whole number of at least 1`);
    process.exit(2);
  }
}
const unknown = ONLY.filter((name) => !SCENARIOS.includes(name));
if (unknown.length > 0) {
  console.error(`faults: --only takes ${SCENARIOS.join(', ')}; not ${unknown.join(', ')}`);
  process.exit(2);
}
if (process.platform !== 'linux') {
  console.error('faults: finds the feed workers in /proc, so it runs on Linux only');
  process.exit(1);
}
if (!existsSync(clientDist) || !existsSync(join(root, 'packages/feed/dist/index.js'))) {
  console.error('faults: the build is missing. Run `npm run build` first.');
  process.exit(1);
}

const now = () => performance.timeOrigin + performance.now();
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));

// ---------------------------------------------------------------------------------------------
// Clean-up: every process and temporary folder goes, however the run ends. Redis servers and
// sentinels are killed by redis-servers.mjs's own exit hook; their folders are removed here.

/** @type {Set<import('node:child_process').ChildProcess>} */
const children = new Set();
/** Feed workers: children of a feed, not of this process. */
const workerPids = new Set();
const folders = [];
process.once('exit', () => {
  for (const child of children) child.kill('SIGKILL');
  for (const pid of workerPids) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // Already gone.
    }
  }
  for (const dir of folders) rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
});
process.once('SIGINT', () => process.exit(130));
process.once('SIGTERM', () => process.exit(143));

/** Each child can open as many files as the hard limit allows (a socket is a file). */
async function startRedisServer(settings) {
  const server = await startRedis(settings);
  folders.push(server.dir);
  return server;
}

// ---------------------------------------------------------------------------------------------
// The feed

/** Writes the bench config (with the long history) into a new temporary folder. */
async function writeConfig() {
  const dir = await mkdtemp(join(tmpdir(), 'statuskit-faults-'));
  folders.push(dir);
  const path = join(dir, 'statuskit.config.json');
  await writeFile(path, JSON.stringify({ ...benchConfig(), historySize: HISTORY_SIZE }, null, 2));
  return path;
}

/**
 * Starts `statuskit-feed serve` with `args` on a port the OS picks; resolves with its URL once it
 * listens (with `--workers`, once every worker does). Its log is read and dropped.
 */
async function startFeed(args) {
  const child = spawnWithLimits(
    [
      'node',
      feedBin,
      'serve',
      '--port',
      '0',
      // Every client comes from 127.0.0.1: the load-shedding caps would refuse most of them.
      '--max-streams',
      '1000000',
      '--max-streams-per-address',
      '1000000',
      ...args,
    ],
    { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] },
    children,
  );
  const exited = new Promise((resolve) =>
    child.once('exit', (code, signal) => resolve(signal ?? code)),
  );
  const ready = args.includes('--workers') ? '"workers listening"' : '"feed listening"';
  const url = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the feed did not start within 30 s')), 30_000);
    void exited.then((how) => {
      clearTimeout(timer);
      reject(new Error(`the feed exited (${how}) before listening`));
    });
    createInterface({ input: child.stdout }).on('line', (line) => {
      if (!line.includes(ready)) return;
      clearTimeout(timer);
      resolve(JSON.parse(line).url);
    });
  });
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const forced = setTimeout(() => child.kill('SIGKILL'), 15_000);
    await exited;
    clearTimeout(forced);
  };
  return { child, url, stop };
}

/** The node:cluster workers of a feed: the primary's child processes (Linux). */
function workersOf(primaryPid) {
  // `bash -c … exec node`: the pid is node's own.
  try {
    const list = readFileSync(`/proc/${primaryPid}/task/${primaryPid}/children`, 'utf8');
    const pids = list.trim().split(/\s+/).filter(Boolean).map(Number);
    for (const pid of pids) workerPids.add(pid);
    return pids;
  } catch {
    return [];
  }
}

/** An admin write with the fixture's token; resolves with the parsed answer (2xx) or rejects. */
function adminPut(url, body, timeoutMs) {
  const text = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const headers = {
      authorization: `Bearer ${TOKEN}`,
      'content-type': 'application/json',
      'content-length': String(Buffer.byteLength(text)),
    };
    const path = `/v1/admin/services/${SERVICE_ID}/status`;
    const req = request(new URL(path, url), { method: 'PUT', headers, agent: false }, (res) => {
      const chunks = [];
      res.on('data', (chunk) => chunks.push(chunk));
      res.on('end', () => {
        const answer = Buffer.concat(chunks).toString('utf8');
        if (res.statusCode === 200) resolve(JSON.parse(answer));
        else reject(new Error(`PUT ${path}: ${res.statusCode} ${answer}`));
      });
    });
    req.setTimeout(timeoutMs, () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    req.on('error', reject);
    req.end(text);
  });
}

/** GET `path` as JSON. */
function getJson(url, path) {
  return new Promise((resolve, reject) => {
    request(new URL(path, url), { agent: false }, (res) => {
      const chunks = [];
      res.on('data', (chunk) => chunks.push(chunk));
      res.on('end', () => {
        try {
          resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')));
        } catch (error) {
          reject(error);
        }
      });
    })
      .on('error', reject)
      .end();
  });
}

// ---------------------------------------------------------------------------------------------
// Scenario 1: kill -9 one worker

let changeIndex = 0;
/** Publishes that got no answer within PUBLISH_TIMEOUT_MS (then sent again). */
let unansweredPublishes = 0;
const PUBLISH_TIMEOUT_MS = 5_000;

/**
 * Publishes the next change of `eid`. A request can go unanswered when it reaches a worker at the
 * moment it is killed (node:cluster handed it the connection); it is then counted and sent again,
 * as a publisher would.
 */
async function publish(url) {
  for (let attempt = 1; ; attempt += 1) {
    const sentAt = now();
    try {
      const answer = await adminPut(url, statusBody(changeIndex), PUBLISH_TIMEOUT_MS);
      changeIndex += 1;
      return { revision: answer.revision, service: answer.service, sentAt, answeredAt: now() };
    } catch (error) {
      unansweredPublishes += 1;
      console.log(`  publish unanswered (${error.message}); sending it again`);
      if (attempt === 3) throw error;
    }
  }
}

async function workerKills(durability) {
  const redis = await startRedisServer(DURABLE);
  const config = await writeConfig();
  const feed = await startFeed([
    '--config',
    config,
    '--store',
    redis.url,
    '--store-durability',
    durability,
    '--workers',
    '2',
  ]);
  const runs = [];
  try {
    for (let index = 0; index < KILLS; index += 1) {
      // The killed worker of the last round is back (the primary restarts it after 100 ms).
      const deadline = now() + 30_000;
      while (workersOf(feed.child.pid).length < 2 && now() < deadline) await sleep(100);
      const clientProcesses = await Promise.all(
        Array.from({ length: CLIENT_PROCESSES }, () =>
          startClientWorker((command, options) => spawnWithLimits(command, options, children)),
        ),
      );
      try {
        await checkClock(clientProcesses, 'faults');
        const run = await killOneWorker(feed, clientProcesses, index);
        runs.push({ durability, ...run });
        printKill(runs.at(-1));
      } finally {
        await Promise.all(clientProcesses.map((worker) => stopClientWorker(worker)));
      }
    }
  } finally {
    await feed.stop();
    await redis.remove();
  }
  return runs;
}

async function killOneWorker(feed, clientProcesses, index) {
  const url = `${feed.url}/v1`;
  const subscriptions = [null, ['tax-return'], ['borger'], ['payments']];
  const shares = clientProcesses.map(() => []);
  for (let id = 0; id < CLIENTS; id += 1) {
    shares[id % shares.length].push({ id, services: subscriptions[id % subscriptions.length] });
  }
  await Promise.all(
    clientProcesses.map((worker, k) =>
      askWorker(worker, { type: 'open', url, clients: shares[k] }),
    ),
  );
  const status = await getJson(feed.url, '/v1/status.json');
  const connected = await waitForClients(clientProcesses, CLIENTS, status.revision ?? 0, 60_000);
  if (connected.ready < CLIENTS) {
    throw new Error(`only ${connected.ready} of ${CLIENTS} clients connected within 60 s`);
  }
  const published = [];
  for (let change = 0; change < BEFORE; change += 1) published.push(await publish(feed.url));
  await waitForClients(clientProcesses, CLIENTS, published.at(-1).revision, 60_000);

  const unansweredBefore = unansweredPublishes;
  const workers = workersOf(feed.child.pid);
  const victim = workers[index % workers.length];
  // The last change before the kill is acknowledged, and at once the worker dies.
  published.push(await publish(feed.url));
  const signalAt = now();
  process.kill(victim, 'SIGKILL');
  for (const at of AFTER_MS) {
    await sleep(signalAt + at - now());
    published.push(await publish(feed.url));
  }
  const done = await waitForClients(clientProcesses, CLIENTS, published.at(-1).revision, 120_000);
  const reports = await Promise.all(
    clientProcesses.map((worker) =>
      askWorker(worker, { type: 'report', serviceId: SERVICE_ID }, 120_000),
    ),
  );
  return {
    ...analyseKill({ index, signalAt, published, reports, done, workers: workers.length }),
    unansweredPublishes: unansweredPublishes - unansweredBefore,
  };
}

function analyseKill({ index, signalAt, published, reports, done, workers }) {
  const clients = reports.flatMap((report) => report.clients);
  const revisions = published.map((change) => change.revision);
  const last = published.at(-1);
  const totals = newTotals();
  const missedExamples = [];
  const liveAgain = [];
  /** From the moment the client's socket reported the broken stream to live again. */
  const liveAfterBreak = [];
  /** When the broken streams ended on the clients' sockets, after the SIGKILL. */
  const streamEnds = [];
  let onKilled = 0;
  let exactResumes = 0;
  /** The three clients that took longest to be live again, with their requests, for diagnosis. */
  const slowest = [];
  for (const client of clients) {
    const snapshotAfter = countClientEvents(
      client,
      { signalAt, revisions, last },
      totals,
      missedExamples,
    );
    // On the killed worker: its stream was open at the kill and broke after it.
    const broken = client.attempts.find(
      (attempt) => attempt.stream && attempt.at < signalAt && attempt.endedAt >= signalAt,
    );
    if (!broken) continue;
    onKilled += 1;
    streamEnds.push(broken.endedAt - signalAt);
    const gone = client.transitions.find(([at, state]) => at >= signalAt && state !== 'live');
    const back =
      gone && client.transitions.find(([at, state]) => at >= gone[0] && state === 'live');
    if (back) {
      liveAgain.push(back[0] - signalAt);
      liveAfterBreak.push(back[0] - broken.endedAt);
    } else totals.noReconnect += 1;
    if (slowest.length < 3 || (back && back[0] - signalAt > slowest.at(-1).liveAfterMs)) {
      slowest.push({
        liveAfterMs: back ? Math.round(back[0] - signalAt) : null,
        ...timeline(client, signalAt),
      });
      slowest.sort((a, b) => (b.liveAfterMs ?? Infinity) - (a.liveAfterMs ?? Infinity));
      slowest.length = Math.min(slowest.length, 3);
    }
    const resumed = client.attempts.some(
      (attempt) =>
        attempt.stream &&
        attempt.at >= signalAt &&
        attempt.result === 200 &&
        attempt.resume !== null,
    );
    if (resumed && !snapshotAfter) exactResumes += 1;
  }
  const seconds = (ms) => Math.round(ms / 10) / 100;
  return {
    round: index + 1,
    clients: clients.length,
    workers,
    onKilled,
    published: revisions,
    jitterWindowSeconds: JITTER_WINDOW_MS / 1000,
    liveAgainSeconds: {
      p50: seconds(percentile(liveAgain, 0.5)),
      p90: seconds(percentile(liveAgain, 0.9)),
      all: seconds(Math.max(0, ...liveAgain)),
    },
    streamEndSeconds: {
      p50: seconds(percentile(streamEnds, 0.5)),
      max: seconds(Math.max(0, ...streamEnds)),
    },
    liveAfterBreakSeconds: {
      p50: seconds(percentile(liveAfterBreak, 0.5)),
      p90: seconds(percentile(liveAfterBreak, 0.9)),
      all: seconds(Math.max(0, ...liveAfterBreak)),
    },
    // Live again within the window after their stream broke (the client's draw plus the request).
    withinJitterWindow: liveAfterBreak.filter((ms) => ms <= JITTER_WINDOW_MS).length,
    ready: done.ready,
    timedOut: done.ready < CLIENTS,
    ...totals,
    exactResumes,
    missedExamples,
    slowest,
  };
}

/** A client's stream requests and states after the kill, in ms from it. */
function printKill(run) {
  const live = run.liveAgainSeconds;
  console.log(
    `kill -9 worker #${run.round} (${run.durability}): ${run.onKilled} of ${run.clients} clients ` +
      `were on it; their streams broke ${run.streamEndSeconds.p50} s (p50), ` +
      `${run.streamEndSeconds.max} s (max) after the kill; live again ${live.p50} s (p50), ` +
      `${live.p90} s (p90), ${live.all} s (all) after the kill, ` +
      `${run.liveAfterBreakSeconds.all} s at most after their stream broke ` +
      `(${run.withinJitterWindow} of ${run.onKilled} within the ${run.jitterWindowSeconds} s jitter window); ` +
      `${run.ready} of ${run.clients} live and current at the end${run.timedOut ? ' (TIMED OUT)' : ''}` +
      (run.unansweredPublishes > 0 ? `; ${run.unansweredPublishes} publishes unanswered` : ''),
  );
  const wrong = eventFaults(run);
  if (wrong.length > 0) {
    console.log(`  !! ${wrong.join(', ')}; examples: ${JSON.stringify(run.missedExamples)}`);
  }
}

// ---------------------------------------------------------------------------------------------
// Scenario 2: Redis restarted under writes

async function redisRestarts() {
  const redis = await startRedisServer(DURABLE);
  const config = await writeConfig();
  const feed = await startFeed(['--config', config, '--store', redis.url]);
  const writers = startWriters(feed.url, WRITERS, 'restart');
  const restarts = [];
  let verified;
  let status;
  try {
    for (let index = 0; index < RESTARTS; index += 1) {
      await acknowledgedSince(writers, restarts.at(-1)?.readyAt ?? 0, ACKS_BETWEEN, CALM_MS);
      const signal = index % 4 === 3 ? 'SIGTERM' : 'SIGKILL';
      const downAt = now();
      await (signal === 'SIGTERM' ? redis.stop() : redis.kill());
      await sleep(REDIS_DOWN_MS);
      await redis.start();
      restarts.push({ signal, downAt, readyAt: now() });
    }
    await acknowledgedSince(writers, restarts.at(-1).readyAt, ACKS_BETWEEN, CALM_MS);
  } finally {
    await writers.stop();
    // Whatever happened above, what was acknowledged is checked.
    const reader = new Redis(redis.url, { maxRetriesPerRequest: 3 });
    try {
      verified = verifyStream(await reader.xrange('statuskit:changes', '-', '+'), writers.answers);
    } finally {
      reader.disconnect();
    }
    status = await getJson(feed.url, '/v1/status.json').catch(() => undefined);
    await feed.stop();
    await redis.remove();
  }
  return summariseWrites(verified, writers.answers, restarts, status);
}

/** Waits until `count` writes were acknowledged after `since` and at least `calmMs` went by. */
async function acknowledgedSince(writers, since, count, calmMs) {
  const deadline = now() + 60_000;
  await sleep(since + calmMs - now());
  while (writers.acknowledged().filter((answer) => answer.sentAt > since).length < count) {
    if (now() > deadline) throw new Error(`fewer than ${count} writes acknowledged within 60 s`);
    await sleep(20);
  }
}

function summariseWrites(verified, answers, restarts, status) {
  const gaps = acknowledgementGaps(
    answers,
    restarts.map((restart) => ({ from: restart.downAt, to: restart.readyAt })),
  );
  const afterReady = gaps.map((gap) => gap.firstAfter);
  const without = gaps.map((gap) => gap.without);
  const known = (values) => values.filter((value) => value !== null);
  const last = answers
    .filter((answer) => answer.outcome === 'acknowledged')
    .sort((a, b) => b.revision - a.revision)[0];
  const eid = status?.document?.services?.find?.((service) => service.id === SERVICE_ID);
  return {
    ...verified,
    restarts: restarts.length,
    signals: Object.fromEntries(
      ['SIGKILL', 'SIGTERM'].map((signal) => [
        signal,
        restarts.filter((restart) => restart.signal === signal).length,
      ]),
    ),
    firstAcknowledgedAfterRedisReadyMs: {
      p50: Math.round(percentile(known(afterReady), 0.5)),
      max: Math.round(Math.max(0, ...known(afterReady))),
      never: afterReady.length - known(afterReady).length,
    },
    withoutAcknowledgedWritesMs: {
      p50: Math.round(percentile(known(without), 0.5)),
      max: Math.round(Math.max(0, ...known(without))),
    },
    redisDownMs: REDIS_DOWN_MS,
    otherAnswers: countBy(answers.filter((a) => a.outcome === 'other').map((a) => a.detail)),
    statusJson: status
      ? {
          revision: status.revision ?? status.document?.revision,
          matchesLastAcknowledged: last
            ? JSON.stringify(eid ?? status).includes(`Fault test ${last.tag}.`)
            : null,
        }
      : null,
  };
}

function countBy(values) {
  const counts = {};
  for (const value of values) counts[value] = (counts[value] ?? 0) + 1;
  return counts;
}

// ---------------------------------------------------------------------------------------------
// Scenario 3: Sentinel failover

/** A flat `[key, value, …]` reply of SENTINEL as a map. */
function fields(reply) {
  const list = Array.isArray(reply) ? reply : [];
  const map = new Map();
  for (let index = 0; index + 1 < list.length; index += 2)
    map.set(String(list[index]), String(list[index + 1]));
  return map;
}

async function until(what, check, boundMs = 30_000) {
  const end = now() + boundMs;
  while (!(await check().catch(() => false))) {
    if (now() > end) throw new Error(`${what} did not happen within ${boundMs} ms`);
    await sleep(50);
  }
}

/** Sentinel sees `replica` as an in-sync replica of the current primary. */
function replicaInSync(watcher, replica) {
  return until(`Sentinel seeing the replica on port ${replica.port} in sync`, async () => {
    const replicas = await watcher.call('SENTINEL', 'REPLICAS', 'mymaster');
    return replicas.some((entry) => {
      const replicaFields = fields(entry);
      return (
        replicaFields.get('port') === String(replica.port) &&
        replicaFields.get('flags') === 'slave' &&
        replicaFields.get('master-link-status') === 'ok'
      );
    });
  });
}

async function failovers() {
  // Replication starts at once (Redis waits 5 s by default to serve several replicas together).
  const settings = [...DURABLE, '--repl-diskless-sync-delay', '0'];
  let primary = await startRedisServer(settings);
  let replica = await startRedisServer([
    ...settings,
    '--replicaof',
    '127.0.0.1',
    String(primary.port),
  ]);
  const sentinel = await startSentinel(primary.port);
  const watcher = new Redis({ port: sentinel.port, host: '127.0.0.1' });
  const config = await writeConfig();
  let feed;
  let writers;
  const rounds = [];
  let verified;
  try {
    await replicaInSync(watcher, replica);
    feed = await startFeed(['--config', config, '--store', sentinel.url, '--store-replicas', '1']);
    writers = startWriters(feed.url, WRITERS, 'failover');
    let lastFailoverAt = 0;
    for (let index = 0; index < FAILOVERS; index += 1) {
      await sleep(lastFailoverAt + FAILOVER_SPACING_MS - now());
      await acknowledgedSince(writers, rounds.at(-1)?.restartedAt ?? 0, ACKS_BETWEEN, CALM_MS);
      const killedAt = now();
      await primary.kill();
      const deadAt = now();
      lastFailoverAt = killedAt;
      // GET-MASTER-ADDR-BY-NAME names the new primary while the failover still runs; the old
      // one may come back only after it ended (README, "Redis Sentinel and failover").
      await until('Sentinel ending the failover', async () => {
        const master = fields(await watcher.call('SENTINEL', 'MASTER', 'mymaster'));
        return master.get('port') === String(replica.port) && master.get('flags') === 'master';
      });
      const failedOverAt = now();
      await primary.start();
      const restartedAt = now();
      [primary, replica] = [replica, primary];
      await replicaInSync(watcher, replica);
      await acknowledgedSince(writers, restartedAt, ACKS_BETWEEN, CALM_MS);
      rounds.push({ killedAt, deadAt, failedOverAt, restartedAt, syncedAt: now() });
    }
  } finally {
    await writers?.stop();
    if (writers) {
      const reader = new Redis(primary.url, { maxRetriesPerRequest: 3 });
      try {
        verified = verifyStream(
          await reader.xrange('statuskit:changes', '-', '+'),
          writers.answers,
        );
      } finally {
        reader.disconnect();
      }
    }
    await feed?.stop();
    watcher.disconnect();
    await sentinel.remove();
    await primary.remove();
    await replica.remove();
  }
  const answers = writers.answers;
  const round1 = (ms) => (ms === null ? null : Math.round(ms / 100) / 10);
  const gaps = acknowledgementGaps(
    answers,
    rounds.map((round) => ({ from: round.killedAt, to: round.deadAt })),
  );
  return {
    ...verified,
    failovers: rounds.map((round, index) => ({
      failoverEndedSeconds: round1(round.failedOverAt - round.killedAt),
      oldPrimaryBackSeconds: round1(round.restartedAt - round.killedAt),
      firstAcknowledgedAfterKillSeconds: round1(gaps[index].firstAfter),
      withoutAcknowledgedWritesSeconds: round1(gaps[index].without),
      refusedInRound: answers.filter(
        (answer) =>
          answer.outcome === 'refused' &&
          answer.sentAt >= round.killedAt &&
          answer.sentAt <= round.syncedAt,
      ).length,
    })),
    otherAnswers: countBy(answers.filter((a) => a.outcome === 'other').map((a) => a.detail)),
  };
}

// ---------------------------------------------------------------------------------------------
// Output

function writeFaults(result) {
  return [
    result.lost > 0 && `${result.lost} acknowledged writes lost`,
    result.revisionsAcknowledgedTwice > 0 &&
      `${result.revisionsAcknowledgedTwice} revisions acknowledged twice`,
    result.storedTwice > 0 && `${result.storedTwice} writes stored twice`,
    result.gaps > 0 && `${result.gaps} revisions missing in the stream`,
    result.repeats > 0 && `${result.repeats} revisions repeated or misnumbered`,
    result.firstRevision !== 1 && result.firstRevision !== null && 'the stream was trimmed',
    result.statusJson?.matchesLastAcknowledged === false &&
      'status.json does not show the last acknowledged write',
  ].filter(Boolean);
}

function killTable(runs) {
  return formatTable([
    [
      'kill -9',
      'clients',
      'on killed',
      'broke p50',
      'live p50',
      'live p90',
      'all live',
      'after break (all)',
      'within window',
      'jitter window',
      'exact resumes',
      'snapshots',
      'missed',
      'duplicated',
      'backwards',
      're-sent',
      'wrong end',
    ],
    ...runs.map((run) => [
      `#${run.round} (${run.durability})`,
      run.clients.toLocaleString('en'),
      run.onKilled.toLocaleString('en'),
      `${run.streamEndSeconds.p50} s`,
      `${run.liveAgainSeconds.p50} s`,
      `${run.liveAgainSeconds.p90} s`,
      `${run.liveAgainSeconds.all} s${run.timedOut ? ' (timed out)' : ''}`,
      `${run.liveAfterBreakSeconds.all} s`,
      `${run.withinJitterWindow} of ${run.onKilled}`,
      `0–${run.jitterWindowSeconds} s`,
      run.exactResumes.toLocaleString('en'),
      run.snapshotClients.toLocaleString('en'),
      run.missed,
      run.duplicated,
      run.backwards,
      run.resent,
      run.wrongEnd,
    ]),
  ]);
}

function printRestarts(result) {
  const ready = result.firstAcknowledgedAfterRedisReadyMs;
  const without = result.withoutAcknowledgedWritesMs;
  console.log(
    formatTable([
      [
        'Redis restarts',
        'attempted',
        'acknowledged',
        'refused (503)',
        'other',
        'ack. lost',
        'gaps',
        'repeats',
      ],
      [
        `${result.restarts} (${result.signals.SIGKILL} SIGKILL, ${result.signals.SIGTERM} SIGTERM)`,
        result.attempted,
        result.acknowledged,
        result.refused,
        result.other,
        result.lost,
        result.gaps,
        result.repeats,
      ],
    ]),
  );
  console.log(
    `First acknowledged write after Redis was ready again: ${ready.p50} ms (p50), ${ready.max} ms ` +
      `(max)${ready.never > 0 ? `, never after ${ready.never}` : ''}; no write acknowledged for ` +
      `${without.p50} ms (p50), ${without.max} ms (max) around a restart. Stream: revisions ${result.firstRevision}–` +
      `${result.lastRevision}, ${result.storedWithoutAcknowledgement} stored without an ` +
      `acknowledgement; status.json ${result.statusJson?.matchesLastAcknowledged ? 'shows' : 'does NOT show'} ` +
      'the last acknowledged write.',
  );
  if (Object.keys(result.otherAnswers).length > 0) {
    console.log(`Other answers: ${JSON.stringify(result.otherAnswers)}`);
  }
}

function printFailovers(result) {
  console.log(
    formatTable([
      [
        'failover',
        'failover ended',
        'old primary back',
        'first ack. after kill',
        'without ack.',
        'refused',
      ],
      ...result.failovers.map((round, index) => [
        `#${index + 1}`,
        `${round.failoverEndedSeconds} s`,
        `${round.oldPrimaryBackSeconds} s`,
        `${round.firstAcknowledgedAfterKillSeconds ?? 'never'} s`,
        `${round.withoutAcknowledgedWritesSeconds ?? '–'} s`,
        round.refusedInRound,
      ]),
    ]),
  );
  console.log(
    `Writes: ${result.attempted} attempted, ${result.acknowledged} acknowledged, ${result.refused} ` +
      `refused (503), ${result.other} other; acknowledged lost: ${result.lost}; stream revisions ` +
      `${result.firstRevision}–${result.lastRevision}, ${result.gaps} gaps, ${result.repeats} repeats, ` +
      `${result.storedWithoutAcknowledgement} stored without an acknowledgement.`,
  );
  if (Object.keys(result.otherAnswers).length > 0) {
    console.log(`Other answers: ${JSON.stringify(result.otherAnswers)}`);
  }
}

// ---------------------------------------------------------------------------------------------

async function main() {
  const machine = machineFacts();
  const loadBefore = loadavg();
  const startedAt = now();
  console.log(
    `Faults: ${ONLY.join(', ')}; ${machine.cpus} × ${machine.cpuModel}, Node ${machine.node}, ` +
      `load average ${loadBefore[0].toFixed(2)}\n`,
  );
  const result = {};
  let bad = [];

  if (ONLY.includes('kill')) {
    console.log(
      `1. kill -9 one of 2 workers (serve --workers 2 --store redis://…), ${CLIENTS.toLocaleString('en')} ` +
        `clients in ${CLIENT_PROCESSES} processes, ${KILLS} kill${KILLS === 1 ? '' : 's'} with ` +
        `--store-durability ${DURABILITIES.join(' and with ')} (Redis: appendonly yes, appendfsync always)`,
    );
    const runs = [];
    for (const durability of DURABILITIES) runs.push(...(await workerKills(durability)));
    console.log(
      '\nTimes from the SIGKILL; "on killed": clients whose stream broke; "broke": when their ' +
        'socket reported it (the kernel closes it at once: later is the client process lagging); ' +
        '"after break": from there to live.\n',
    );
    console.log(killTable(runs));
    result.workerKill = runs;
    bad = bad.concat(
      runs.flatMap((run) => eventFaults(run).map((text) => `kill #${run.round}: ${text}`)),
    );
  }
  if (ONLY.includes('restart')) {
    console.log(
      `\n2. Redis restarted ${RESTARTS} times under ${WRITERS} writers (one feed process, strict, ` +
        'appendonly yes, appendfsync always)',
    );
    result.redisRestarts = await redisRestarts();
    printRestarts(result.redisRestarts);
    bad = bad.concat(writeFaults(result.redisRestarts).map((text) => `Redis restarts: ${text}`));
  }
  if (ONLY.includes('failover')) {
    console.log(
      `\n3. Sentinel failover, ${FAILOVERS} time${FAILOVERS === 1 ? '' : 's'}: primary + replica + ` +
        `1 sentinel, --store-replicas 1, ${WRITERS} writers`,
    );
    result.failover = await failovers();
    printFailovers(result.failover);
    bad = bad.concat(writeFaults(result.failover).map((text) => `failover: ${text}`));
  }

  console.log(
    bad.length === 0
      ? '\nNo acknowledged write lost, no client missed or repeated an event.'
      : `\n!! ${bad.join('; ')}: a bug in the feed or the client, not noise.`,
  );
  const loadAfter = loadavg();
  const wallSeconds = Math.round((now() - startedAt) / 100) / 10;
  console.log(`Took ${wallSeconds} s; load average ${loadAfter[0].toFixed(2)} at the end.`);
  await saveResults('faults', {
    method: {
      clients: CLIENTS,
      clientProcesses: CLIENT_PROCESSES,
      kills: KILLS,
      restarts: RESTARTS,
      failovers: FAILOVERS,
      writers: WRITERS,
      writerRetryPauseMs: 100,
      durabilities: DURABILITIES,
      publishTimeoutMs: PUBLISH_TIMEOUT_MS,
      redisDownMs: REDIS_DOWN_MS,
      failoverSpacingMs: FAILOVER_SPACING_MS,
      historySize: HISTORY_SIZE,
      changesBefore: BEFORE,
      changesAfterMs: AFTER_MS,
      scenarios: ONLY,
      loadAverage: { before: loadBefore, after: loadAfter },
      wallSeconds,
    },
    ...result,
    faults: bad,
  });
  if (bad.length > 0) process.exitCode = 1;
}

try {
  await main();
} catch (error) {
  console.error(`faults: ${error instanceof Error ? (error.stack ?? error.message) : error}`);
  process.exitCode = 1;
} finally {
  // The exit handler stops what is left and removes the temporary folders.
  process.exit();
}
