// The Redis half of the fan-out benchmark (fanout.mjs --redis): the redis-server it runs on, and
// how its figures are printed. The engine's cost is the feed's CPU per delivered event on
// `--store redis://…` against the file store at the same N; the scale figure is one run of
// `serve --workers 2` on Redis, its figures summed over the workers.
import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { setPriority } from 'node:os';
import { DURABLE, startRedis } from '../redis-servers.mjs';
import { disturbed } from './fanout-table.mjs';
import { formatTable } from './results.mjs';

/** Redis's CPU per delivery over the file store's: the issue asks for at most 1.05. */
export const ENGINE_COST_AIM = 1.05;

/**
 * A redis-server as strict durability needs it (appendonly, fsync before every reply), in a
 * temporary directory. `cpus` (a taskset list) pins every thread of it, `priority` is its nice:
 * the same as the generators', so the feed's CPU holds the feed alone.
 */
export async function startPinnedRedis({ cpus, priority }) {
  const redis = await startRedis(DURABLE);
  const pid = redis.pid();
  try {
    if (cpus !== undefined) {
      execFileSync('taskset', ['-a', '-cp', cpus, String(pid)], { stdio: 'ignore' });
    }
    if (priority !== 0) {
      for (const tid of readdirSync(`/proc/${pid}/task`)) setPriority(Number(tid), priority);
    }
  } catch (error) {
    await redis.remove();
    throw error;
  }
  return redis;
}

const name = (run) =>
  run.workers?.count > 1 ? `${run.kind} ×${run.workers.count} workers` : run.kind;

/** One line per run, as it ends. */
export function printRedisRun(run) {
  if (run.error) {
    console.log(`${name(run)} at ${run.requested}: failed: ${run.error}`);
    return;
  }
  const notes = [];
  if (run.streams < run.requested) notes.push(`${run.streams} of ${run.requested} streams`);
  if (run.failed) notes.push(`${run.failed} failed to connect`);
  if (run.delivered < run.expected) notes.push(`${run.expected - run.delivered} events missing`);
  if (run.closedDuringRun) notes.push(`${run.closedDuringRun} streams closed`);
  if (run.heartbeatsInWindow > 0) {
    notes.push(`${run.heartbeatsInWindow.toLocaleString('en')} heartbeats in the timed changes`);
  }
  if (disturbed(run)) {
    notes.push(`the feed waited ${run.serverWaitMs} ms for a CPU`);
  }
  const parts = [
    `${name(run)} ${run.streams.toLocaleString('en')} streams: connected in ${run.connectSeconds} s`,
    `p50 ${run.latencyMs.p50} ms, p99 ${run.latencyMs.p99} ms, max ${run.latencyMs.max} ms`,
    `${run.eventsPerSecond.toLocaleString('en')} events/s`,
    `${run.rss.perStreamKiB} KiB/stream`,
    `CPU ${run.cpuSeconds.publish} s = ${run.cpuMicrosPerDelivery} µs/delivery`,
  ];
  if (run.redis) parts.push(`redis-server CPU ${run.redis.cpuSeconds} s`);
  if (run.workers) {
    parts.push(`streams per worker ${run.workers.streamsPerWorker.join(' + ')}`);
    parts.push(
      `generators ${Math.round(run.workers.generatorShareOfMachine * 100)} % of the machine`,
    );
  } else {
    parts.push(`generator CPU ${Math.round(run.generatorCpuShare * 100)} %`);
  }
  console.log(parts.join(', ') + (notes.length ? ` (${notes.join('; ')})` : ''));
}

/** The file store's and Redis's runs at each N, and the ratios of their CPU per delivery. */
export function redisTable(runs, sizes) {
  const rows = [
    [
      'streams',
      'server',
      'p50 ms',
      'p99 ms',
      'max ms',
      'events/s',
      'KiB/stream',
      'CPU s',
      'µs/delivery',
      'redis CPU s',
    ],
  ];
  const cells = (run) =>
    run.error
      ? [String(run.requested), name(run), '–', '–', '–', '–', '–', '–', '–', '–']
      : [
          run.streams.toLocaleString('en'),
          name(run),
          run.latencyMs.p50,
          run.latencyMs.p99,
          run.latencyMs.max,
          run.eventsPerSecond.toLocaleString('en'),
          run.rss.perStreamKiB,
          run.cpuSeconds.publish,
          run.cpuMicrosPerDelivery,
          run.redis ? run.redis.cpuSeconds : '–',
        ].map(String);
  for (const size of [...new Set(sizes)]) {
    const { pairs, median } = engineCost(runs, size);
    for (const pair of pairs)
      for (const run of [pair.file, pair.redis]) if (run) rows.push(cells(run));
    if (median !== undefined) {
      const each = pairs.flatMap((pair) =>
        pair.ratio === undefined ? [] : [pair.ratio.toFixed(3)],
      );
      const note = each.length > 1 ? ` (median of ${each.join(', ')})` : '';
      rows.push(['', 'redis ÷ file', '', '', '', '', '', '', `${median.toFixed(3)}×${note}`, '']);
    }
  }
  for (const run of runs.filter((candidate) => candidate.workers?.count > 1)) {
    rows.push(cells(run));
  }
  return formatTable(rows);
}

/**
 * The single-process runs of both stores at one N, paired by repetition, each pair's ratio of
 * Redis's CPU per delivery to the file store's, and the median ratio.
 */
export function engineCost(runs, size) {
  const single = runs.filter(
    (run) => run.requested === size && !(run.workers?.count > 1) && !run.error,
  );
  const numbers = [...new Set(single.map((run) => run.pair ?? 1))];
  const pairs = numbers.map((number) => {
    const find = (kind) => single.find((run) => run.kind === kind && (run.pair ?? 1) === number);
    const file = find('statuskit');
    const redis = find('statuskit-redis');
    const ratio =
      file && redis && file.cpuMicrosPerDelivery > 0
        ? redis.cpuMicrosPerDelivery / file.cpuMicrosPerDelivery
        : undefined;
    return { file, redis, ratio };
  });
  const ratios = pairs.flatMap((pair) => (pair.ratio === undefined ? [] : [pair.ratio]));
  const sorted = [...ratios].sort((a, b) => a - b);
  // Of an even count, the mean of the middle two.
  const middle = sorted.length / 2;
  const median =
    sorted.length === 0
      ? undefined
      : sorted.length % 2
        ? sorted[Math.floor(middle)]
        : (sorted[middle - 1] + sorted[middle]) / 2;
  return { pairs, ratios, median };
}

/** The issue's aims beside the figures: printed, never asserted. */
export function redisTargets(runs) {
  const lines = ['Targets (Redis):'];
  const sizes = [...new Set(runs.filter((run) => !run.workers).map((run) => run.requested))];
  for (const size of sizes) {
    const { median, ratios } = engineCost(runs, size);
    if (median === undefined) continue;
    lines.push(
      `  CPU per delivery, Redis ÷ file at ${size.toLocaleString('en')}: ${median.toFixed(3)}` +
        `${ratios.length > 1 ? ` (median of ${ratios.length} pairs)` : ''} ` +
        `(aim ≤ ${ENGINE_COST_AIM}: ${median <= ENGINE_COST_AIM ? 'met' : 'NOT MET'})`,
    );
  }
  for (const run of runs.filter((candidate) => candidate.workers?.count > 1 && !candidate.error)) {
    const { streamsPerWorker, primary } = run.workers;
    lines.push(
      `  ${run.workers.count} workers: ${run.streams.toLocaleString('en')} of ` +
        `${run.requested.toLocaleString('en')} streams held (${streamsPerWorker.join(' + ')}), ` +
        `${run.delivered.toLocaleString('en')} of ${run.expected.toLocaleString('en')} events ` +
        `delivered; p50 ${run.latencyMs.p50} ms, p99 ${run.latencyMs.p99} ms, max ` +
        `${run.latencyMs.max} ms; ${run.rss.perStreamKiB} KiB/stream over the workers ` +
        `(primary ${Math.round(primary.rssKiB / 1024)} MiB)`,
    );
  }
  return lines.join('\n');
}
