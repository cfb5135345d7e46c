#!/usr/bin/env node
// `npm run bench`: every benchmark part in turn, each in its own process (so one part's heap and
// sockets do not disturb the next), then one summary table of the key figures. Each part also
// runs alone: `npm run bench -- weight`, or `node scripts/bench/<file>`.
//
//   npm run bench [-- --quick] [-- part …]
//   parts: weight, fanout, fanout-redis, page, storm, model, faults, alerts, probes, records,
//   views, webhooks
//
// Results: bench/results.json (every figure, by part) and bench/results.md (the summary table),
// both git-ignored. Builds first when the build is missing or older than the sources.
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { formatTable, readResults, root, staleSources } from './results.mjs';
import { summaryRows } from './summary.mjs';

const PARTS = {
  weight: { file: 'scripts/bench/weight.mjs', what: 'bundle weight and quiet-page transfer' },
  fanout: { file: 'scripts/bench/fanout.mjs', what: 'feed fan-out against better-sse' },
  'fanout-redis': {
    file: 'scripts/bench/fanout.mjs',
    args: ['--redis'],
    what: 'feed fan-out on Redis against the file store, and on two workers',
  },
  page: { file: 'scripts/bench/page-impact.mjs', what: 'page impact in Chromium' },
  storm: { file: 'scripts/bench/reconnect-storm.mjs', what: 'reconnect storm' },
  model: { file: 'scripts/bench-model.mjs', what: 'model derivation speed' },
  alerts: { file: 'scripts/bench/alerts.mjs', what: 'Alertmanager group of 1,000 alerts' },
  probes: { file: 'scripts/bench/probes.mjs', what: '500 HTTP probes at 60 s: feed CPU' },
  records: { file: 'scripts/bench/records.mjs', what: 'signing and verifying outage records' },
  views: { file: 'scripts/bench/views.mjs', what: 'service views: derive + word, bytes' },
  webhooks: {
    file: 'scripts/bench/webhooks.mjs',
    what: 'one change delivered to 1,000 webhook subscriptions',
  },
  faults: {
    file: 'scripts/bench/faults.mjs',
    what: 'faults: worker kill, Redis restarts, Sentinel failover',
  },
};

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    quick: { type: 'boolean', default: false },
    'no-build': { type: 'boolean', default: false },
  },
});
const unknown = positionals.filter((name) => !(name in PARTS));
if (unknown.length > 0) {
  console.error(
    `bench: unknown part ${unknown.join(', ')}; parts are ${Object.keys(PARTS).join(', ')}.`,
  );
  process.exit(2);
}
const chosen = positionals.length > 0 ? positionals : Object.keys(PARTS);

function buildIfStale() {
  const outputs = ['packages/elements/dist/statuskit.js', 'packages/feed/dist/index.js'];
  const packages = ['model', 'client', 'elements', 'feed'];
  if (!outputs.some((file) => staleSources(join(root, file), packages).length > 0)) return;
  console.log('bench: building first (the build is missing or older than the sources)');
  const result = spawnSync('npm', ['run', 'build', '--silent'], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

if (!values['no-build']) buildIfStale();

const started = Date.now();
const outcomes = [];
for (const name of chosen) {
  const part = PARTS[name];
  console.log(`\n━━ ${name}: ${part.what} ${values.quick ? '(quick) ' : ''}━━`);
  const partStart = Date.now();
  const args = [...(part.args ?? []), ...(values.quick ? ['--quick'] : [])];
  const result = spawnSync('node', [part.file, ...args], {
    cwd: root,
    stdio: 'inherit',
  });
  outcomes.push({ name, seconds: (Date.now() - partStart) / 1000, status: result.status });
}

const results = await readResults();
const rows = [['part', 'figure', 'measured', 'target']];
for (const { name } of outcomes) rows.push(...summaryRows(name, results));
const table = formatTable(rows);
const timing = outcomes
  .map(
    ({ name, seconds, status }) =>
      `${name} ${seconds.toFixed(0)} s${status === 0 ? '' : ` (exit ${status})`}`,
  )
  .join(', ');
console.log(`\n━━ Summary ${values.quick ? '(quick) ' : ''}━━\n${table}`);
console.log(`\nTook ${((Date.now() - started) / 1000).toFixed(0)} s: ${timing}.`);
writeFileSync(
  join(root, 'bench/results.md'),
  `# Benchmark summary${values.quick ? ' (quick)' : ''}, ${new Date().toISOString()}\n\n` +
    '```\n' +
    `${table}\n` +
    '```\n\n' +
    `Took ${timing}. Every figure: bench/results.json.\n`,
);
console.log('Wrote bench/results.md and bench/results.json.');
process.exit(outcomes.every(({ status }) => status === 0) ? 0 : 1);
