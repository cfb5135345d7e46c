#!/usr/bin/env node
// Probe benchmark: a feed running N built-in HTTP probes at their configured 60 s interval
// against a local target server in another process. After a short warm-up it measures the feed
// process over a window: its CPU (user + system, from /proc) as a share of one core, the checks
// per second the target answered, and the feed's RSS. Prints figures and never fails on time.
//
//   node scripts/bench/probes.mjs [--quick] [--n 500] [--seconds 180] [--json]
//
// Defaults: 500 probes measured over 180 s; --quick: 100 probes over 60 s. --json prints one
// JSON line instead of the table. Runs the built feed (`npm run build` first) through
// `statuskit-feed serve`, file journal, exactly as configured (no test timing). Results are
// merged into bench/results.json under `probes`. Linux only (reads /proc).
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { benchConfig } from './fanout-fixture.mjs';
import { readProc } from './proc-readers.mjs';
import { formatTable, machineFacts, root, saveResults } from './results.mjs';

const { values: flags } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    json: { type: 'boolean', default: false },
    n: { type: 'string' },
    seconds: { type: 'string' },
  },
});
const PROBES = Number(flags.n ?? (flags.quick ? 100 : 500));
const SECONDS = Number(flags.seconds ?? (flags.quick ? 60 : 180));
const INTERVAL_SECONDS = 60;
const WARM_UP_SECONDS = 10;
if (!Number.isInteger(PROBES) || PROBES < 1 || !(SECONDS >= 10)) {
  console.error('probes: --n must be a positive whole number and --seconds at least 10');
  process.exit(2);
}
const feedBin = join(root, 'packages/feed/bin/statuskit-feed.js');
const say = (text) => {
  if (!flags.json) console.log(text);
};

/** Starts `node args…` and resolves with the child and the first stdout line that `match`es. */
function startProcess(args, match) {
  const child = spawn('node', args, { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
  const found = new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`${args[0]} exited with ${code} early`)));
    // Keep reading (the feed logs a line per verdict) so the pipe never fills.
    createInterface({ input: child.stdout }).on('line', (line) => {
      const value = match(line);
      if (value !== undefined) resolve(value);
    });
  });
  return found.then((value) => ({ child, value }));
}

async function stop(child) {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const count = async (url) => Number(await (await fetch(`${url}/count`)).text());

const work = await mkdtemp(join(tmpdir(), 'statuskit-probes-'));
const target = await startProcess(['scripts/bench/probe-target.mjs'], (line) =>
  line.startsWith('http://') ? line : undefined,
);
let feed;
try {
  const config = benchConfig();
  const services = config.services.map((service) => service.id);
  // N probes spread over the catalogue, every other one also reading the body for a text.
  config.probes = Array.from({ length: PROBES }, (_, index) => ({
    id: `probe-${String(index).padStart(4, '0')}`,
    service: services[index % services.length],
    url: `${target.value}/health/${index}`,
    intervalSeconds: INTERVAL_SECONDS,
    ...(index % 2 === 1 && { expect: { status: '200-299', bodyContains: 'all systems' } }),
  }));
  const configPath = join(work, 'statuskit.config.json');
  await writeFile(configPath, JSON.stringify(config, null, 2));
  feed = await startProcess(
    [feedBin, 'serve', '--config', configPath, '--data', join(work, 'data'), '--port', '0'],
    (line) => (line.includes('"feed listening"') ? JSON.parse(line).url : undefined),
  );
  const pid = feed.child.pid;
  say(
    `Probes: ${PROBES} HTTP probes every ${INTERVAL_SECONDS} s against a local server in another process; ` +
      `${WARM_UP_SECONDS} s warm-up, then ${SECONDS} s measured\n`,
  );
  await sleep(WARM_UP_SECONDS * 1000);
  const before = { proc: readProc(pid), checks: await count(target.value), at: performance.now() };
  let peakRssKiB = before.proc.rssKiB;
  for (let waited = 0; waited < SECONDS; waited += 5) {
    await sleep(Math.min(5, SECONDS - waited) * 1000);
    peakRssKiB = Math.max(peakRssKiB, readProc(pid).rssKiB);
  }
  const after = { proc: readProc(pid), checks: await count(target.value), at: performance.now() };
  const wallSeconds = (after.at - before.at) / 1000;
  const cpuSeconds = after.proc.cpuSeconds - before.proc.cpuSeconds;
  const checks = after.checks - before.checks;
  const result = {
    probes: PROBES,
    intervalSeconds: INTERVAL_SECONDS,
    measuredSeconds: Math.round(wallSeconds),
    checks,
    checksPerSecond: Math.round((checks / wallSeconds) * 100) / 100,
    expectedChecksPerSecond: Math.round((PROBES / INTERVAL_SECONDS) * 100) / 100,
    cpuSeconds: Math.round(cpuSeconds * 100) / 100,
    cpuShareOfOneCore: Math.round((cpuSeconds / wallSeconds) * 10_000) / 10_000,
    rssMiB: Math.round(after.proc.rssKiB / 1024),
    peakRssMiB: Math.round(peakRssKiB / 1024),
  };
  if (flags.json) console.log(JSON.stringify(result));
  else {
    console.log(
      formatTable([
        ['figure', 'measured'],
        ['probes (interval)', `${PROBES} (${INTERVAL_SECONDS} s)`],
        ['window', `${result.measuredSeconds} s`],
        [
          'checks answered',
          `${checks} (${result.checksPerSecond}/s; ${result.expectedChecksPerSecond}/s expected)`,
        ],
        [
          'feed CPU',
          `${result.cpuSeconds} s: ${(result.cpuShareOfOneCore * 100).toFixed(2)} % of one core`,
        ],
        ['feed RSS', `${result.rssMiB} MiB (peak in window ${result.peakRssMiB} MiB)`],
      ]),
    );
    console.log('');
  }
  await saveResults('probes', { machine: machineFacts(), ...result });
} finally {
  if (feed) await stop(feed.child);
  await stop(target.child);
  await rm(work, { recursive: true, force: true });
}
