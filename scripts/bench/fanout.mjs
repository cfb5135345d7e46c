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
//                                 [--servers statuskit,better-sse]
//
// Runs against the built feed, so build first (`npm run build`). Results are also merged into
// bench/results.json under `fanout`. Linux only (reads /proc); method in docs/benchmarks.md.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
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
    servers: { type: 'string', default: 'statuskit,better-sse' },
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
const SERVERS = flags.servers.split(',').map((kind) => kind.trim());
/** Streams opened at once; below Node's default listen backlog (511). */
const BATCH = 500;
/** Streams per generator process: well under a typical 20,000 open-file limit. */
const PER_GENERATOR = 10_000;
const CLOCK_TICKS = 100;

for (const [name, value] of [
  ['--events', EVENTS],
  ['--rate', RATE],
  ...SIZES.map((size) => ['--n', size]),
]) {
  if (!Number.isFinite(value) || value <= 0) {
    console.error(`fanout: ${name} must be a positive number`);
    process.exit(2);
  }
}
for (const kind of SERVERS) {
  if (kind !== 'statuskit' && kind !== 'better-sse') {
    console.error(`fanout: unknown server "${kind}"; use statuskit and/or better-sse`);
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

/** One server kind at one size: start, connect, publish, collect, stop. */
async function measure(kind, requested) {
  const dataDir = await mkdtemp(join(work, `${kind}-data-`));
  const server = await startServer(kind, dataDir);
  const generators = [];
  try {
    const { revision: snapshotId } = await call(server.url, 'GET', '/healthz');
    const firstId = snapshotId + WARMUP;
    // Every stream is a file descriptor in the server; at most what its limit leaves free.
    const free = server.openFiles - countFds(server.pid) - 32;
    const size = Math.min(requested, free);

    await settle(server.pid);
    await collectGarbage(server.child);
    const idle = readProc(server.pid);

    const count = Math.ceil(size / PER_GENERATOR);
    for (let index = 0; index < count; index += 1) generators.push(await startGenerator());
    const { port, hostname } = new URL(server.url);
    const shares = generators.map(
      (_, index) => Math.floor(size / count) + (index < size % count ? 1 : 0),
    );
    const connectStarted = performance.now();
    let ready = 0;
    let failed = 0;
    for (const [index, generator] of generators.entries()) {
      const answer = await ask(generator, {
        type: 'connect',
        host: hostname,
        port: Number(port),
        path: '/v1/stream',
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
    await settle(server.pid);
    const connectedRaw = readProc(server.pid);
    await collectGarbage(server.child);
    const connected = readProc(server.pid);

    const agent = new Agent({ keepAlive: true, maxSockets: 4 });
    await publish(server.url, 0, WARMUP, agent);
    await waitForDeliveries(generators, ready * WARMUP, 'warmedUp');
    await settle(server.pid);

    for (const generator of generators) generator.send({ type: 'mark' });
    const before = readProc(server.pid);
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
    const after = readProc(server.pid);
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
    };
  } finally {
    await stop(server.child, 20_000);
    await Promise.all(
      generators.map((generator) => {
        generator.send({ type: 'close' });
        return stop(generator, 5_000);
      }),
    );
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

/** `ulimit -n` as high as allowed, then (pinned when possible) the command itself. */
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

async function startServer(kind, dataDir) {
  const script =
    kind === 'statuskit'
      ? [feedBin, 'serve', '--config', configPath, '--data', dataDir, '--port', '0', ...UNCAPPED]
      : [join(here, 'better-sse-server.mjs'), '--config', configPath, '--port', '0'];
  const child = spawnWithLimits(0, ['node', '--expose-gc', '--import', probe, ...script], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
  });
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
      if (!line.includes('feed listening')) return;
      clearTimeout(timer);
      resolve(JSON.parse(line).url);
    });
  });
  const limits = readFileSync(`/proc/${child.pid}/limits`, 'utf8');
  const openFiles = Number(/^Max open files\s+(\d+)/m.exec(limits)?.[1] ?? 1024);
  return { child, pid: child.pid, url, openFiles };
}

async function startGenerator() {
  const child = spawnWithLimits(1, ['node', join(here, 'load-generator.mjs')], {
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
async function settle(pid) {
  await sleep(300);
  for (let attempt = 0; attempt < 50; attempt += 1) {
    const before = readProc(pid).cpuSeconds;
    await sleep(200);
    if (readProc(pid).cpuSeconds - before < 0.01) return;
  }
}

/** RSS, peak RSS (KiB) and CPU seconds (user + system) of a process. */
function readProc(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name, which may itself contain spaces and parentheses.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]);
  return {
    rssKiB: Number(/^VmRSS:\s+(\d+)/m.exec(status)?.[1]),
    peakKiB: Number(/^VmHWM:\s+(\d+)/m.exec(status)?.[1]),
    cpuSeconds: ticks / CLOCK_TICKS,
    waitSeconds: runQueueWait(pid),
  };
}

/**
 * How long other processes kept the server's event loop from its CPU, in seconds so far: the
 * time its main thread was ready to run but waited (/proc/<pid>/task/<tid>/schedstat), less the
 * time its own helper threads (GC, thread pool), pinned to the same CPU, ran meanwhile.
 */
function runQueueWait(pid) {
  try {
    let waited = 0;
    let helpers = 0;
    for (const tid of readdirSync(`/proc/${pid}/task`)) {
      const [run, wait] = readFileSync(`/proc/${pid}/task/${tid}/schedstat`, 'utf8')
        .split(' ')
        .map(Number);
      if (tid === String(pid)) waited = wait / 1e9;
      else helpers += run / 1e9;
    }
    return { waited, helpers };
  } catch {
    return { waited: Number.NaN, helpers: Number.NaN };
  }
}

/** Busy seconds (everything but idle and iowait) per CPU since boot, from /proc/stat. */
function readCpus() {
  return readFileSync('/proc/stat', 'utf8')
    .split('\n')
    .filter((line) => /^cpu\d+ /.test(line))
    .map((line) => {
      const [user, nice, system, , , irq, softirq, steal] = line.split(/\s+/).slice(1).map(Number);
      return (user + nice + system + irq + softirq + steal) / CLOCK_TICKS;
    });
}

function countFds(pid) {
  return readdirSync(`/proc/${pid}/fd`).length;
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

function printRun(run) {
  if (run.error) {
    console.log(`${run.kind} at ${run.requested}: failed: ${run.error}`);
    return;
  }
  const notes = [];
  if (run.streams < run.requested) notes.push(`${run.streams} of ${run.requested} streams`);
  if (run.failed) notes.push(`${run.failed} failed to connect`);
  if (run.delivered < run.expected) notes.push(`${run.expected - run.delivered} events missing`);
  if (run.closedDuringRun) notes.push(`${run.closedDuringRun} streams closed`);
  if (run.heartbeatsInWindow > 0) {
    notes.push(
      `${run.heartbeatsInWindow.toLocaleString('en')} heartbeats during the timed changes`,
    );
  }
  if (disturbed(run)) {
    notes.push(`the server waited ${run.serverWaitMs} ms for its CPU`);
  }
  console.log(
    `${run.kind.padEnd(10)} ${String(run.streams).padStart(6)} streams: connected in ` +
      `${run.connectSeconds} s, p50 ${run.latencyMs.p50} ms, p99 ${run.latencyMs.p99} ms, ` +
      `fan-out ${run.fanOutMs.median} ms, ${run.rss.perStreamKiB} KiB/stream, ` +
      `CPU ${run.cpuSeconds.publish} s, ${run.eventBytes} B/event, ` +
      `generator CPU ${Math.round(run.generatorCpuShare * 100)} %` +
      (notes.length ? ` (${notes.join('; ')})` : ''),
  );
}

const COLUMNS = [
  ['p50 ms', (run) => run.latencyMs.p50, 'lower'],
  ['p99 ms', (run) => run.latencyMs.p99, 'lower'],
  ['max ms', (run) => run.latencyMs.max, 'lower'],
  ['events/s', (run) => run.eventsPerSecond, 'higher'],
  ['KiB/stream', (run) => run.rss.perStreamKiB, 'lower'],
  ['CPU s', (run) => run.cpuSeconds.publish, 'lower'],
];

/** Ours, theirs, and how many times better ours is (above 1: ours is better). */
function table(all) {
  const rows = [['streams', 'server', ...COLUMNS.map(([name]) => name)]];
  for (const size of SIZES) {
    const ours = all.find((run) => run.kind === 'statuskit' && run.requested === size);
    const theirs = all.find((run) => run.kind === 'better-sse' && run.requested === size);
    for (const run of [ours, theirs]) {
      if (!run) continue;
      rows.push([
        run.error ? String(size) : label(run),
        run.error || !disturbed(run) ? run.kind : `${run.kind} †`,
        ...COLUMNS.map(([, value]) => (run.error ? '–' : format(value(run)))),
      ]);
    }
    if (ours && theirs && !ours.error && !theirs.error) {
      rows.push([
        '',
        '× better',
        ...COLUMNS.map(([, value, better]) => {
          const [a, b] =
            better === 'lower' ? [value(theirs), value(ours)] : [value(ours), value(theirs)];
          return b > 0 ? `${(a / b).toFixed(2)}×` : '–';
        }),
      ]);
    }
  }
  const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => row[column].length)));
  return rows
    .map((row) =>
      row
        .map((cell, column) =>
          column < 2 ? cell.padEnd(widths[column]) : cell.padStart(widths[column]),
        )
        .join('  '),
    )
    .join('\n');
}

/**
 * Other processes kept the server from its CPU for a noticeable time (over 5 % of the CPU time
 * it used, and over 20 ms) while it was measured.
 */
function disturbed(run) {
  return run.serverWaitMs > Math.max(20, 50 * run.cpuSeconds.publish);
}

function label(run) {
  return run.streams === run.requested
    ? run.streams.toLocaleString('en')
    : `${run.streams.toLocaleString('en')}*`;
}

function format(value) {
  return typeof value === 'number' ? value.toLocaleString('en', { maximumFractionDigits: 2 }) : '–';
}

/** The issue's targets, as figures beside each aim: printed, never asserted. */
function targets(all) {
  const ours = all.filter((run) => run.kind === 'statuskit' && !run.error);
  const theirs = all.filter((run) => run.kind === 'better-sse' && !run.error);
  const lines = ['Targets (statuskit):'];
  const most = Math.max(0, ...ours.map((run) => run.streams));
  lines.push(`  streams held by one process: ${most.toLocaleString('en')} (aim 20,000)`);
  for (const [size, aim] of [
    [10_000, 80],
    [20_000, 160],
  ]) {
    const run = ours.find((candidate) => candidate.requested === size);
    if (run)
      lines.push(
        `  p99 at ${run.streams.toLocaleString('en')}: ${run.latencyMs.p99} ms (aim < ${aim})`,
      );
  }
  if (ours.length > 0) {
    // The process's fixed growth (heap, code) is shared by fewer streams at small N.
    const each = ours.map(
      (run) => `${run.rss.perStreamKiB} at ${run.streams.toLocaleString('en')}`,
    );
    lines.push(`  RSS per stream, KiB: ${each.join(', ')} (aim ≤ 12 KB, 11.7 KiB)`);
  }
  const losses = [];
  for (const run of ours) {
    const other = theirs.find((candidate) => candidate.requested === run.requested);
    if (!other) continue;
    for (const [name, value, better] of COLUMNS) {
      const worse = better === 'lower' ? value(run) > value(other) : value(run) < value(other);
      if (worse) losses.push(`${name} at ${run.requested.toLocaleString('en')}`);
    }
  }
  if (theirs.length > 0) {
    lines.push(
      `  better than better-sse on every figure: ${losses.length === 0 ? 'yes' : `no (${losses.join(', ')})`}`,
    );
  }
  if (all.some((run) => !run.error && run.streams < run.requested)) {
    lines.push('  * fewer streams than asked: the server hit its open-file limit (ulimit -Hn)');
  }
  if (all.some((run) => !run.error && disturbed(run))) {
    lines.push(
      '  † other processes kept the server from its CPU during the run: its latencies are inflated',
    );
  }
  return lines.join('\n');
}

// ---------------------------------------------------------------------------------------------
// Small things

/** The shared machine facts, and the port range that bounds how many streams one address opens. */
function fanoutMachineFacts() {
  const range = readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/);
  return { ...machineFacts(), ephemeralPorts: range.join('–') };
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
  await writeFile(configPath, JSON.stringify(benchConfig(), null, 2));

  const clock = await checkClock();
  const runs = [];
  try {
    for (const size of SIZES) {
      for (const kind of SERVERS) {
        const run = await measure(kind, size).catch((error) => ({
          kind,
          requested: size,
          error: error instanceof Error ? error.message : String(error),
        }));
        runs.push(run);
        printRun(run);
      }
    }
  } finally {
    await rm(work, { recursive: true, force: true });
  }

  console.log(`\n${table(runs)}\n`);
  console.log(targets(runs));
  // The machine facts taken before this process was pinned to one CPU.
  await saveResults('fanout', {
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
    },
    runs,
  });
}

await main();
