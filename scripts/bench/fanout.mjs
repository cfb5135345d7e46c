#!/usr/bin/env node
// Feed fan-out benchmark: how fast and how cheaply one feed process pushes a status change to
// N open event streams, against a reference server built on better-sse, in the same run.
//
// For each N and each server: the server runs in its own process (pinned to CPU 0 when there are
// two or more), load generators in others (raw sockets, pinned to CPU 1) open N streams in
// batches and wait for each stream's snapshot; then changes are published through the admin
// API at a fixed rate and every arrival is stamped. Per run it prints delivery latency from the
// publish request's start to each client's receipt (p50, p99, max), events/s delivered, server
// RSS per stream over the idle baseline (after a full GC), and server CPU seconds while
// publishing. Prints figures and never fails on time: machines differ.
//
//   node scripts/bench/fanout.mjs [--quick] [--n 1000,5000] [--events 20] [--rate 2]
//                                 [--servers statuskit,better-sse,statuskit-redis]
//   node scripts/bench/fanout.mjs --redis [--quick] [--n …] [--repeat 3] [--workers 2]
//                                 [--workers-n 40000] [--cpu-prof DIR]
//
// `statuskit-redis` is the same feed on `--store redis://…`, a redis-server the benchmark starts
// (appendonly, fsync always) on the generators' CPU. `--redis` compares it with the file store at
// each N (CPU per delivered event, `--repeat` pairs), then runs `--workers 2` on Redis at
// `--workers-n` streams (0: none; fanout-redis.mjs prints those figures). `--cpu-prof DIR` writes
// the feeds' CPU profiles there.
//
// Runs against the built feed, so build first (`npm run build`). Results are also merged into
// bench/results.json under `fanout` (`fanoutRedis` with --redis). Linux only (reads /proc);
// method in docs/benchmarks.md.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { Agent, request } from 'node:http';
import { setPriority, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { benchConfig, SERVICE_ID, statusBody, TOKEN } from './fanout-fixture.mjs';
import { ask as askChild, next } from './child-messages.mjs';
import { machineFacts, root, saveResults, staleSources } from './results.mjs';
import {
  childPids,
  connectionsOnPort,
  countFds,
  openFileLimit,
  readCpus,
  readProc,
  readProcs,
} from './proc-readers.mjs';
import { printRedisRun, redisTable, redisTargets, startPinnedRedis } from './fanout-redis.mjs';
import { printRun, table, targets } from './fanout-table.mjs';

const here = fileURLToPath(new URL('./', import.meta.url));
const feedBin = join(root, 'packages/feed/bin/statuskit-feed.js');
const feedDist = join(root, 'packages/feed/dist/index.js');
const probe = pathToFileURL(join(here, 'server-probe.mjs')).href;

const { values: flags } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    n: { type: 'string' },
    events: { type: 'string' },
    rate: { type: 'string' },
    servers: { type: 'string' },
    redis: { type: 'boolean', default: false },
    workers: { type: 'string' },
    'workers-n': { type: 'string' },
    repeat: { type: 'string' },
    'cpu-prof': { type: 'string' },
  },
});

const SIZES = (flags.n ?? (flags.quick ? '1000,5000' : '1000,5000,10000,20000'))
  .split(',')
  .map((size) => Number(size.trim()));
const EVENTS = Number(flags.events ?? (flags.quick ? 10 : 20));
/**
 * Changes per second, the same for both servers. Status changes are rare in real life; 2/s
 * (one every 500 ms) leaves a server that fans an event out to every stream within 500 ms room
 * to finish before the next, so latency measures the fan-out rather than a growing queue. A
 * server slower than that falls behind, and its latency shows it.
 */
const RATE = Number(flags.rate ?? 2);
/**
 * Changes published and delivered before timing starts, for both servers: a feed runs for weeks,
 * so the first fan-out's cold code (JIT, inline caches) is not what its clients see.
 */
const WARMUP = 3;
const SERVERS = (
  flags.servers ?? (flags.redis ? 'statuskit,statuskit-redis' : 'statuskit,better-sse')
)
  .split(',')
  .map((kind) => kind.trim())
  // `--redis --servers ''`: the workers' run alone.
  .filter((kind) => kind !== '');
const KINDS = ['statuskit', 'better-sse', 'statuskit-redis'];
/** With --redis: one more run, the feed in this many workers on Redis (node:cluster). */
const WORKERS = Number(flags.workers ?? 2);
/** Streams for that run: twice what one process can hold (its open-file limit is 20,000). */
const WORKERS_N = Number(flags['workers-n'] ?? (flags.quick ? 5000 : 40_000));
/**
 * With --redis, pairs of runs (file store, Redis) per N. On a shared machine one pair's ratio
 * moves by ±10 %, more than the 5 % asked about; the median of several pairs moves less.
 */
const REPEAT = Number(flags.repeat ?? (flags.quick ? 1 : 3));
/**
 * With --redis, heartbeats every 120 s instead of 15 s: a heartbeat costs a socket write like an
 * event, and a pass that lands in one store's timed changes and not the other's (connecting 40,000
 * streams takes over 30 s) would decide the ratio of CPU per delivery.
 */
const REDIS_HEARTBEAT_SECONDS = 120;
/** Streams opened at once; below Node's default listen backlog (511). */
const BATCH = 500;
/** Streams per generator process: well under a typical 20,000 open-file limit. */
const PER_GENERATOR = 10_000;

for (const [name, value] of [
  ['--events', EVENTS],
  ['--rate', RATE],
  ['--workers', WORKERS],
  ['--repeat', REPEAT],
  ...SIZES.map((size) => ['--n', size]),
]) {
  if (!Number.isFinite(value) || value <= 0) {
    console.error(`fanout: ${name} must be a positive number`);
    process.exit(2);
  }
}
if (!Number.isInteger(WORKERS_N) || WORKERS_N < 0) {
  console.error('fanout: --workers-n must be a whole number (0: no run with workers)');
  process.exit(2);
}
for (const kind of SERVERS) {
  if (!KINDS.includes(kind)) {
    console.error(`fanout: unknown server "${kind}"; use ${KINDS.join(', ')}`);
    process.exit(2);
  }
}
if (process.platform !== 'linux') {
  console.error('fanout: reads /proc for RSS and CPU, so it runs on Linux only');
  process.exit(1);
}
if (!existsSync(feedDist)) {
  console.error(`fanout: ${feedDist} is missing. Run \`npm run build\` first.`);
  process.exit(1);
}
warnIfStale();

/** Every child process started, so an interrupted or failed run leaves nothing behind. */
const children = new Set();
process.once('exit', () => {
  for (const child of children) child.kill('SIGKILL');
});
process.once('SIGINT', () => process.exit(130));
process.once('SIGTERM', () => process.exit(143));

// Facts first: pinning this process to one CPU would hide the others from availableParallelism.
const machine = fanoutMachineFacts();
const pinning = machine.cpus >= 2 && hasTaskset();
if (pinning) execFileSync('taskset', ['-cp', '1', String(process.pid)], { stdio: 'ignore' });
/** The taskset list of every CPU, for processes left to the scheduler (a group of workers). */
const ALL_CPUS = `0-${machine.cpus - 1}`;
/**
 * On a shared machine other work lands on the server's CPU and inflates latency. Where allowed
 * (root or CAP_SYS_NICE) the benchmark's processes run at nice -10, both servers alike. With
 * autogroup scheduling (/proc/sys/kernel/sched_autogroup_enabled) nice only ranks processes
 * within their session, so each child gets a session of its own and that group is given the same
 * nice (the caller's own session is left alone). Interference that remains is measured and
 * flagged per run.
 */
const PRIORITY = -10;
const prioritized = canRaisePriority();
if (prioritized) setPriority(PRIORITY);
let work = '';
let configPath = '';

// ---------------------------------------------------------------------------------------------

/**
 * One server kind at one size: start, connect, publish, collect, stop. With `workers` above 1
 * (statuskit-redis only) the feed runs as a node:cluster group and every figure of the server is
 * summed over its workers; the primary only hands out connections and is reported apart.
 */
async function measure(kind, requested, workers = 1) {
  const dataDir = await mkdtemp(join(work, `${kind}-data-`));
  const grouped = workers > 1;
  // A group is not pinned: its workers share both CPUs with the generators and Redis.
  const cpus = grouped ? ALL_CPUS : undefined;
  const redis = kind === 'statuskit-redis' ? await startRedisFor(cpus ?? '1') : undefined;
  const generators = [];
  let server;
  try {
    server = await startServer(kind, dataDir, { redis, workers, cpus });
    // Not kept alive: an idle connection left on a worker would count as a stream it holds.
    const once = new Agent({ keepAlive: false });
    const { revision: snapshotId } = await call(server.url, 'GET', '/healthz', undefined, once);
    const firstId = snapshotId + WARMUP;
    // Every stream is a file descriptor in a server process; at most what its limit leaves free.
    const fdsAtStart = server.pids.map(countFds);
    const free = sum(server.pids.map((pid, index) => server.openFiles - fdsAtStart[index] - 32));
    const size = Math.min(requested, free);

    await settle(server.pids);
    await collectGarbage(server.child);
    const idle = readProcs(server.pids);
    const primaryIdle = grouped ? readProc(server.pid) : undefined;

    const count = Math.ceil(size / PER_GENERATOR);
    for (let index = 0; index < count; index += 1) generators.push(await startGenerator(cpus));
    const { port, hostname } = new URL(server.url);
    const shares = generators.map(
      (_, index) => Math.floor(size / count) + (index < size % count ? 1 : 0),
    );
    // One source address holds at most as many connections to the feed as it has ephemeral
    // ports: past that, each generator connects from an address of its own (127.0.0.2, …).
    const spread = size > machine.ephemeralPortCount;
    const connectStarted = performance.now();
    let ready = 0;
    let failed = 0;
    for (const [index, generator] of generators.entries()) {
      const answer = await ask(generator, {
        type: 'connect',
        host: hostname,
        port: Number(port),
        path: '/v1/stream',
        ...(spread ? { localAddress: `127.0.0.${index + 2}` } : {}),
        count: shares[index],
        batch: BATCH,
        batchTimeoutMs: 15_000,
        snapshotId,
        firstId,
        events: EVENTS,
      });
      ready += answer.ready;
      failed += answer.failed + answer.stalled;
    }
    const connectSeconds = (performance.now() - connectStarted) / 1000;
    // How node:cluster split the streams: the connections each worker holds.
    const perWorker = grouped ? connectionsOnPort(server.pids, Number(port)) : undefined;
    await settle(server.pids);
    const connectedRaw = readProcs(server.pids);
    const primaryConnected = grouped ? readProc(server.pid) : undefined;
    await collectGarbage(server.child);
    const connected = readProcs(server.pids);

    const agent = new Agent({ keepAlive: true, maxSockets: 4 });
    await publish(server.url, 0, WARMUP, agent);
    await waitForDeliveries(generators, ready * WARMUP, 'warmedUp');
    await settle(server.pids);

    for (const generator of generators) generator.send({ type: 'mark' });
    const before = readProcs(server.pids);
    const primaryBefore = grouped ? readProc(server.pid) : undefined;
    const redisBefore = redis ? readProc(redis.pid()) : undefined;
    const cpusBefore = readCpus();
    const sent = await publish(server.url, WARMUP, EVENTS, agent);
    agent.destroy();
    // Requests in flight on several connections may be handled out of order: the answer's
    // revision (the event's id) says which request made which event.
    const starts = [];
    const published = [];
    for (const [index, { answer, at }] of sent.published.entries()) {
      const slot = answer.revision - firstId - 1;
      if (!(slot >= 0 && slot < EVENTS) || starts[slot] !== undefined) {
        throw new Error(`${kind}: change ${index} got revision ${answer.revision}`);
      }
      starts[slot] = sent.starts[index];
      published[slot] = { answer, at };
    }
    const expected = ready * EVENTS;
    const delivered = await waitForDeliveries(generators, expected);
    const after = readProcs(server.pids);
    const primaryAfter = grouped ? readProc(server.pid) : undefined;
    const redisAfter = redis ? readProc(redis.pid()) : undefined;
    const cpusAfter = readCpus();

    const reports = await Promise.all(
      generators.map((generator) => ask(generator, { type: 'report', starts: starts.map(String) })),
    );
    const latency = mergeLatency(reports);
    // When each change reached its last stream.
    const lastArrivals = starts.map((start, index) =>
      reports
        .map((report) => report.lastArrival[index])
        .filter((at) => at !== null)
        .map(BigInt)
        .reduce((latest, at) => (at > latest ? at : latest), start),
    );
    const fanOutMs = lastArrivals.map((last, index) => Number(last - starts[index]) / 1e6);
    const lastArrival = lastArrivals.reduce((latest, at) => (at > latest ? at : latest), 0n);
    const publishWindow = Number(lastArrival - sent.starts[0]) / 1e9;
    const responseMs = published.map(({ at }, index) => Number(at - starts[index]) / 1e6);
    const sample = reports.find((report) => report.sample)?.sample;
    return {
      kind,
      requested,
      streams: ready,
      failed,
      connectSeconds: round(connectSeconds, 2),
      delivered,
      expected,
      unexpected: sum(reports.map((report) => report.unexpected)),
      closedDuringRun: sum(reports.map((report) => report.closed)),
      heartbeatsInWindow: sum(reports.map((report) => report.heartbeats)),
      latencyMs: latency,
      eventsPerSecond: Math.round(delivered / busySeconds(starts, lastArrivals)),
      sustainedEventsPerSecond: Math.round(delivered / publishWindow),
      fanOutMs: { median: round(median(fanOutMs), 1), max: round(Math.max(...fanOutMs), 1) },
      perChange: {
        fanOutMs: fanOutMs.map((ms) => round(ms, 1)),
        adminResponseMs: responseMs.map((ms) => round(ms, 1)),
      },
      adminResponseMs: {
        median: round(median(responseMs), 1),
        max: round(Math.max(...responseMs), 1),
      },
      rss: {
        idleKiB: idle.rssKiB,
        connectedKiB: connected.rssKiB,
        connectedBeforeGcKiB: connectedRaw.rssKiB,
        peakKiB: after.peakKiB,
        perStreamKiB: round((connected.rssKiB - idle.rssKiB) / Math.max(1, ready), 2),
      },
      cpuSeconds: {
        publish: round(after.cpuSeconds - before.cpuSeconds, 2),
        connect: round(connectedRaw.cpuSeconds - idle.cpuSeconds, 2),
      },
      // Busy time of each CPU in the window (all processes, interrupts included): shows whether
      // anything else ran on the server's CPU while it was measured.
      cpuBusySeconds: cpusAfter.map((busy, index) => round(busy - (cpusBefore[index] ?? 0), 2)),
      // With pinning, CPU 0 is the server's: any busy time beyond its own is other work.
      // About how long other processes kept the server's event loop from its CPU.
      serverWaitMs: round(
        Math.max(
          0,
          after.waitSeconds.waited -
            before.waitSeconds.waited -
            (after.waitSeconds.helpers - before.waitSeconds.helpers),
        ) * 1000,
        1,
      ),
      otherOnServerCpuSeconds: pinning
        ? round(
            Math.max(
              0,
              cpusAfter[0] - (cpusBefore[0] ?? 0) - (after.cpuSeconds - before.cpuSeconds),
            ),
            2,
          )
        : undefined,
      generatorCpuShare: round(
        Math.max(...reports.map((report) => report.cpuSeconds / report.wallSeconds)),
        2,
      ),
      eventBytes: sample ? eventBytes(sample) : undefined,
      // The engine's cost: the feed's CPU time over the timed changes per event delivered, from
      // schedstat (nanoseconds), as 10 ms ticks are too coarse for a ratio at small N.
      cpuMicrosPerDelivery: round(
        ((after.runSeconds - before.runSeconds) * 1e6) / Math.max(1, delivered),
        2,
      ),
      ...(redis && {
        redis: {
          cpuSeconds: round(redisAfter.runSeconds - redisBefore.runSeconds, 3),
          rssKiB: redisAfter.rssKiB,
          cpus: cpus ?? '1',
        },
      }),
      ...(grouped && {
        workers: {
          count: server.pids.length,
          pids: server.pids,
          streamsPerWorker: perWorker,
          cpus,
          primary: {
            rssKiB: primaryConnected.rssKiB,
            idleRssKiB: primaryIdle.rssKiB,
            connectCpuSeconds: round(primaryConnected.cpuSeconds - primaryIdle.cpuSeconds, 2),
            publishCpuSeconds: round(primaryAfter.cpuSeconds - primaryBefore.cpuSeconds, 2),
          },
          // Both CPUs are shared: what the generators took of the machine while publishing.
          generatorCpuSeconds: round(sum(reports.map((report) => report.cpuSeconds)), 2),
          generatorShareOfMachine: round(
            sum(reports.map((report) => report.cpuSeconds / report.wallSeconds)) / machine.cpus,
            2,
          ),
        },
      }),
    };
  } finally {
    if (server) await stop(server.child, 40_000);
    await Promise.all(
      generators.map((generator) => {
        generator.send({ type: 'close' });
        return stop(generator, 5_000);
      }),
    );
    await redis?.remove();
    await rm(dataDir, { recursive: true, force: true });
  }
}

/**
 * Seconds in which some change was on its way: the union of the spans from a publish to its last
 * arrival. Deliveries per busy second is the rate a server delivers at while fanning out, which
 * a fixed publish rate below its capacity would otherwise hide; a server that falls behind is
 * busy the whole run, and the figure becomes its sustained rate.
 */
function busySeconds(starts, ends) {
  const spans = starts
    .map((start, index) => [start, ends[index]])
    .sort((a, b) => (a[0] < b[0] ? -1 : 1));
  let total = 0n;
  let [from, to] = spans[0] ?? [0n, 0n];
  for (const [start, end] of spans.slice(1)) {
    if (start > to) {
      total += to - from;
      [from, to] = [start, end];
    } else if (end > to) to = end;
  }
  return Number(total + (to - from)) / 1e9;
}

/**
 * Publishes `count` changes at RATE per second, open loop: a slow answer never delays the next
 * change, so a server that falls behind shows it in its latency. Stamps each request's start.
 */
async function publish(url, first, count, agent) {
  const starts = [];
  const answers = [];
  const interval = 1000 / RATE;
  const origin = performance.now();
  for (let index = 0; index < count; index += 1) {
    const wait = origin + index * interval - performance.now();
    if (wait > 0) await sleep(wait);
    const body = JSON.stringify(statusBody(first + index));
    starts.push(process.hrtime.bigint());
    answers.push(
      call(url, 'PUT', `/v1/admin/services/${SERVICE_ID}/status`, body, agent).then((answer) => ({
        answer,
        at: process.hrtime.bigint(),
      })),
    );
  }
  return { starts, published: await Promise.all(answers) };
}

/** Waits until every stream has every change, or until arrivals stop for 5 s. */
async function waitForDeliveries(generators, expected, counter = 'delivered') {
  let delivered = 0;
  let lastChange = performance.now();
  const deadline = performance.now() + 120_000;
  while (delivered < expected && performance.now() < deadline) {
    await sleep(50);
    const progress = await Promise.all(
      generators.map((generator) => ask(generator, { type: 'progress' })),
    );
    const now = sum(progress.map((report) => report[counter]));
    if (now !== delivered) lastChange = performance.now();
    else if (performance.now() - lastChange > 5_000) break;
    delivered = now;
  }
  return delivered;
}

// ---------------------------------------------------------------------------------------------
// Processes

/**
 * `ulimit -n` as high as allowed, then (pinned when possible) the command itself. `cpu` is a
 * taskset CPU list ('0', '1' or '0,1'); without pinning the child would inherit this process's.
 */
function spawnWithLimits(cpu, command, options) {
  const pin = pinning ? ['taskset', '-c', String(cpu)] : [];
  const nice = prioritized ? ['nice', '-n', String(PRIORITY)] : [];
  const child = spawn(
    'bash',
    [
      '-c',
      'ulimit -n 200000 2>/dev/null || ulimit -n "$(ulimit -Hn)"; exec "$@"',
      'bash',
      ...nice,
      ...pin,
      ...command,
    ],
    // Its own session, so its own autogroup (see PRIORITY).
    { ...options, detached: true },
  );
  if (prioritized) prioritizeGroup(child.pid);
  children.add(child);
  child.once('exit', () => children.delete(child));
  return child;
}

/** Best effort: the process's autogroup gets the benchmark's nice (see PRIORITY). */
function prioritizeGroup(pid) {
  try {
    writeFileSync(`/proc/${pid}/autogroup`, String(PRIORITY));
  } catch {
    // No autogroup scheduling here, or not allowed: nice alone has to do.
  }
}

/**
 * Every client comes from 127.0.0.1, and N is bounded by the descriptors left (see `measure`):
 * the feed's load-shedding caps would refuse most of them, and the reference server has none.
 */
const UNCAPPED = ['--max-streams', '1000000', '--max-streams-per-address', '1000000'];

/** The benchmark's Redis, pinned to `cpus` (taskset list) and at its priority. */
function startRedisFor(cpus) {
  return startPinnedRedis({
    cpus: pinning ? cpus : undefined,
    priority: prioritized ? PRIORITY : 0,
  });
}

/**
 * A group of workers on one machine: each worker is one process with its own open-file limit, so
 * each gets a stream cap just under it. Past it a stream is refused with 503 (counted as failed),
 * where without it node:cluster would hand a worker a connection it has no descriptor for.
 */
function groupArguments(workers) {
  if (workers <= 1) return [];
  const cap = String((machine.openFiles ?? 20_000) - 50);
  return ['--workers', String(workers), '--max-streams', cap];
}

async function startServer(kind, dataDir, { redis, workers = 1, cpus } = {}) {
  const script =
    kind === 'statuskit'
      ? [feedBin, 'serve', '--config', configPath, '--data', dataDir, '--port', '0', ...UNCAPPED]
      : kind === 'statuskit-redis'
        ? [
            feedBin,
            'serve',
            '--config',
            configPath,
            '--store',
            redis.url,
            '--port',
            '0',
            ...UNCAPPED,
            ...groupArguments(workers),
          ]
        : [join(here, 'better-sse-server.mjs'), '--config', configPath, '--port', '0'];
  // Both feed kinds alike, so the profiles compare (`--cpu-prof DIR`).
  const profile =
    flags['cpu-prof'] && kind !== 'better-sse'
      ? ['--cpu-prof', '--cpu-prof-dir', join(flags['cpu-prof'], `${kind}-${workers}`)]
      : [];
  const node = ['node', '--expose-gc', ...profile, '--import', probe];
  const child = spawnWithLimits(cpus ?? 0, [...node, ...script], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
  });
  // A group is listening once its primary says every worker is.
  const listening = workers > 1 ? 'workers listening' : 'feed listening';
  const url = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      reject(new Error(`${kind} server did not start within 20 s`));
    }, 20_000);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${kind} server exited with ${code} before listening`));
    });
    // Keep reading its log (one line per change) so the pipe never fills.
    createInterface({ input: child.stdout }).on('line', (line) => {
      if (!line.includes(listening)) return;
      clearTimeout(timer);
      resolve(JSON.parse(line).url);
    });
  });
  // The processes that hold the streams: the workers of a group, else the server itself.
  const pids = workers > 1 ? childPids(child.pid) : [child.pid];
  if (pids.length !== workers) {
    throw new Error(`${kind}: ${pids.length} worker processes under ${child.pid}, not ${workers}`);
  }
  return { child, pid: child.pid, pids, url, openFiles: openFileLimit(pids[0]) };
}

async function startGenerator(cpus = '1') {
  const child = spawnWithLimits(cpus, ['node', join(here, 'load-generator.mjs')], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const hello = await next(child, 'hello', 10_000);
  child.base = BigInt(hello.base);
  return child;
}

/** Sends a message to a worker and waits for its answer. */
function ask(child, message, timeoutMs = 300_000) {
  return askChild(child, message, { replies: { connect: 'connected', gc: 'gc-done' }, timeoutMs });
}

async function stop(child, timeoutMs) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  await exited;
  clearTimeout(timer);
}

async function collectGarbage(child) {
  await ask(child, { type: 'gc' }, 30_000).catch(() => undefined);
  await sleep(100);
}

/** Waits until the server is idle: less than 10 ms of CPU in 200 ms (at most 10 s). */
async function settle(pids) {
  await sleep(300);
  for (let attempt = 0; attempt < 50; attempt += 1) {
    const before = readProcs(pids).cpuSeconds;
    await sleep(200);
    if (readProcs(pids).cpuSeconds - before < 0.01) return;
  }
}

/**
 * Latency is measured across processes: the orchestrator stamps each publish and the generators
 * each arrival with process.hrtime.bigint(). On Linux both read CLOCK_MONOTONIC, one clock for
 * the whole machine; this proves it by checking that a generator's stamp falls between ours.
 */
async function checkClock() {
  const generator = await startGenerator();
  let worst = 0;
  let consistent = true;
  for (let round = 0; round < 20; round += 1) {
    const sent = process.hrtime.bigint();
    const { at } = await ask(generator, { type: 'clock' }, 5_000);
    const back = process.hrtime.bigint();
    if (BigInt(at) < sent || BigInt(at) > back) consistent = false;
    worst = Math.max(worst, Number(back - sent) / 1e3);
  }
  generator.send({ type: 'close' });
  await stop(generator, 5_000);
  if (!consistent) {
    console.warn(
      'fanout: process.hrtime differs between processes on this system; latencies are not valid',
    );
  }
  return { shared: consistent, worstRoundTripMicros: Math.round(worst) };
}

function call(url, method, path, body, agent) {
  return new Promise((resolve, reject) => {
    const headers = { authorization: `Bearer ${TOKEN}` };
    if (body !== undefined) {
      headers['content-type'] = 'application/json';
      headers['content-length'] = String(Buffer.byteLength(body));
    }
    const req = request(new URL(path, url), { method, headers, agent }, (res) => {
      const chunks = [];
      res.on('data', (chunk) => chunks.push(chunk));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        if ((res.statusCode ?? 0) >= 300) {
          reject(new Error(`${method} ${path}: ${res.statusCode} ${text}`));
        } else resolve(JSON.parse(text));
      });
    });
    req.on('error', reject);
    req.end(body);
  });
}

// ---------------------------------------------------------------------------------------------
// Figures

/** Log-bucket histograms from every generator; percentiles are bucket upper bounds (≤ 1 % high). */
function mergeLatency(reports) {
  const counts = new Map();
  for (const report of reports) {
    for (const [bucket, n] of report.histogram) counts.set(bucket, (counts.get(bucket) ?? 0) + n);
  }
  const total = sum(reports.map((report) => report.count));
  const buckets = [...counts.keys()].sort((a, b) => a - b);
  const max = Math.max(...reports.map((report) => report.maxMicros));
  const percentile = (p) => {
    let seen = 0;
    const rank = Math.ceil(total * p);
    for (const bucket of buckets) {
      seen += counts.get(bucket);
      if (seen >= rank) return Math.min(max, 1.01 ** bucket) / 1000;
    }
    return max / 1000;
  };
  return {
    p50: round(percentile(0.5), 1),
    p90: round(percentile(0.9), 1),
    p99: round(percentile(0.99), 1),
    max: round(max / 1000, 1),
    mean: round(sum(reports.map((report) => report.sumMicros)) / Math.max(1, total) / 1000, 1),
  };
}

/**
 * Bytes of one live event on the wire. Both servers write each event as one HTTP chunk, so the
 * chunk size that starts the read is the event's size.
 */
function eventBytes(sample) {
  const size = /^\s*([0-9a-f]+)\r\n/.exec(sample);
  return size ? Number.parseInt(size[1], 16) : undefined;
}

// ---------------------------------------------------------------------------------------------
// Small things

/** The shared machine facts, and the port range that bounds how many streams one address opens. */
function fanoutMachineFacts() {
  const range = readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/);
  const [low, high] = range.map(Number);
  return {
    ...machineFacts(),
    ephemeralPorts: range.join('–'),
    ephemeralPortCount: high - low + 1,
  };
}

function canRaisePriority() {
  try {
    return (
      execFileSync('nice', ['-n', String(PRIORITY), 'nice'], { encoding: 'utf8' }).trim() ===
      String(PRIORITY)
    );
  } catch {
    return false;
  }
}

function hasTaskset() {
  try {
    execFileSync('taskset', ['-p', String(process.pid)], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** The benchmark runs the built feed: say so when the sources are newer than the build. */
function warnIfStale() {
  if (staleSources(feedDist, ['feed']).length > 0) {
    console.warn('fanout: packages/feed/src is newer than its dist; run `npm run build` first\n');
  }
}

function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function sum(numbers) {
  return numbers.reduce((total, n) => total + n, 0);
}

function median(numbers) {
  const sorted = [...numbers].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

function round(value, digits) {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

async function main() {
  console.log(
    `Feed fan-out: ${machine.cpus} × ${machine.cpuModel}, ${machine.memoryGiB} GiB, Node ${machine.node}` +
      `, open files ${machine.openFiles}${pinning ? ', server on CPU 0, clients on CPU 1' : ''}` +
      `${prioritized ? `, nice ${PRIORITY}` : ''}`,
  );
  console.log(
    `${EVENTS} changes at ${RATE}/s per run; latency from the admin request's start to each ` +
      "client's receipt\n",
  );

  work = await mkdtemp(join(tmpdir(), 'statuskit-fanout-'));
  configPath = join(work, 'statuskit.config.json');
  const config = benchConfig();
  if (flags.redis) config.heartbeatSeconds = REDIS_HEARTBEAT_SECONDS;
  await writeFile(configPath, JSON.stringify(config, null, 2));

  const clock = await checkClock();
  const runs = [];
  const report = flags.redis ? printRedisRun : printRun;
  try {
    for (const [index, size] of SIZES.entries()) {
      for (let pair = 0; pair < (flags.redis ? REPEAT : 1); pair += 1) {
        // With --redis the stores take turns going first, so a machine that grows busier or
        // quieter during the run does not always favour the same one.
        const kinds = flags.redis && (index + pair) % 2 === 1 ? [...SERVERS].reverse() : SERVERS;
        for (const kind of kinds) {
          const run = await measureOrError(kind, size);
          if (flags.redis) run.pair = pair + 1;
          else if (kind === 'statuskit' && !run.error) run.floor = floorOf(run);
          runs.push(run);
          report(run);
        }
      }
    }
    if (flags.redis && WORKERS_N > 0) {
      const run = await measureOrError('statuskit-redis', WORKERS_N, WORKERS);
      runs.push(run);
      report(run);
    }
  } finally {
    await rm(work, { recursive: true, force: true });
  }

  if (flags.redis) {
    console.log(`\n${redisTable(runs, SIZES)}\n`);
    console.log(redisTargets(runs));
  } else {
    console.log(`\n${table(runs, SIZES)}\n`);
    console.log(targets(runs));
  }
  // The machine facts taken before this process was pinned to one CPU.
  await saveResults(flags.redis ? 'fanoutRedis' : 'fanout', {
    machine,
    method: {
      events: EVENTS,
      warmup: WARMUP,
      ratePerSecond: RATE,
      batch: BATCH,
      pinning,
      nice: prioritized ? PRIORITY : 0,
      clock,
      payload:
        'PUT /v1/admin/services/eid/status, alternating degraded (with message) / operational',
      ...(flags.redis && {
        redis: 'redis-server --appendonly yes --appendfsync always, pinned with the generators',
        heartbeatSeconds: REDIS_HEARTBEAT_SECONDS,
        pairsPerSize: REPEAT,
        workers: { workers: WORKERS, streams: WORKERS_N, pinning: `none (CPUs ${ALL_CPUS})` },
      }),
    },
    runs,
  });
}

/**
 * The run's p99 against its floor, in the same run: N times what one bare loopback write costs
 * (write-floor.mjs, at the same N and with the same pinning and priority, straight after the run).
 * A fan-out cannot reach its last stream sooner than that.
 */
function floorOf(run) {
  // The floor's writer holds N sockets too, within the same open-file limit.
  const n = Math.min(run.streams, 19_000);
  const nice = prioritized ? `nice -n ${PRIORITY} ` : '';
  const result = spawnSync(
    'bash',
    [
      '-c',
      `ulimit -n 200000 2>/dev/null || ulimit -n "$(ulimit -Hn)"; exec ${nice}node "$0" --n ${n} --json`,
      join(here, 'write-floor.mjs'),
    ],
    { cwd: root, encoding: 'utf8' },
  );
  const line = result.stdout.trim().split('\n').pop() ?? '';
  if (result.status !== 0 || !line.startsWith('{')) {
    return { error: `write-floor failed: ${result.stderr.trim() || `exit ${result.status}`}` };
  }
  const perWrite = JSON.parse(line);
  const floorMs = (run.streams * perWrite.cpuMicros) / 1000;
  return {
    n,
    microsPerWrite: round(perWrite.cpuMicros, 2),
    kernelMicrosPerWrite: round(perWrite.kernelMicros, 2),
    floorMs: round(floorMs, 1),
    p99OverFloor: round(run.latencyMs.p99 / floorMs, 2),
    cpuPerDeliveryOverFloor:
      run.cpuMicrosPerDelivery === undefined
        ? undefined
        : round(run.cpuMicrosPerDelivery / perWrite.cpuMicros, 2),
  };
}

/** A run, or what went wrong in it: one failed run does not lose the others' figures. */
function measureOrError(kind, size, workers = 1) {
  return measure(kind, size, workers).catch((error) => ({
    kind,
    requested: size,
    ...(workers > 1 && { workers: { count: workers } }),
    error: error instanceof Error ? error.message : String(error),
  }));
}

await main();
