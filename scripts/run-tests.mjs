#!/usr/bin/env node
// Runs every test runner in turn and ends with one summary line, `tests: N passed, M failed`,
// summed over all runners. Exits non-zero when any test fails or any runner fails to report.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const resultsDir = join(root, 'test-results');

/** Each runner writes a JSON report; `count` reads passed/failed from it. */
const runners = [
  {
    name: 'size budget',
    command: 'node',
    args: ['scripts/check-size-budget.mjs', '--report', 'test-results/size-budget.json'],
    report: 'size-budget.json',
    count: (report) => report,
  },
  {
    name: 'vitest',
    command: 'npx',
    args: [
      'vitest',
      'run',
      '--reporter=default',
      '--reporter=json',
      '--outputFile.json=test-results/vitest.json',
    ],
    report: 'vitest.json',
    count: (report) => ({ passed: report.numPassedTests, failed: report.numFailedTests }),
  },
  {
    name: 'web-test-runner',
    command: 'npx',
    args: ['wtr'],
    report: 'wtr.json',
    count: (report) => report,
  },
  {
    // The packages as npm would deliver them: packed, installed into an empty folder, used.
    name: 'pack test',
    command: 'node',
    args: ['scripts/pack-test.mjs', '--report', 'test-results/pack-test.json'],
    report: 'pack-test.json',
    count: (report) => report,
  },
];

rmSync(resultsDir, { recursive: true, force: true });
mkdirSync(resultsDir, { recursive: true });

let passed = 0;
let failed = 0;
let runnerFailed = false;

// The servers the tests start and Chromium for every browser test: found, or installed from
// Debian's packages when that is possible, so `npm install && npm test` works on a fresh machine.
const tools = spawnSync('bash', ['scripts/ensure-test-servers'], { cwd: root, stdio: 'inherit' });
const chromium = spawnSync('bash', ['scripts/ensure-chromium'], {
  cwd: root,
  stdio: ['ignore', 'pipe', 'inherit'],
  encoding: 'utf8',
});
if (tools.status !== 0 || chromium.status !== 0) {
  console.error('The tests cannot run without the tools named above.');
  console.log(`tests: ${passed} passed, 1 failed`);
  process.exit(1);
}
process.env.CHROMIUM_PATH = chromium.stdout.trim();
console.log(`chromium: ${process.env.CHROMIUM_PATH}`);
for (const runner of runners) {
  const run = spawnSync(runner.command, runner.args, { cwd: root, stdio: 'inherit' });
  let counts;
  try {
    counts = runner.count(JSON.parse(readFileSync(join(resultsDir, runner.report), 'utf8')));
  } catch {
    counts = undefined;
  }
  if (!counts) {
    console.error(
      `${runner.name}: no test report was written (exit code ${run.status ?? run.signal}).`,
    );
    runnerFailed = true;
    failed += 1;
    continue;
  }
  passed += counts.passed;
  failed += counts.failed;
  if (run.status !== 0 && counts.failed === 0) {
    console.error(
      `${runner.name}: exited with ${run.status ?? run.signal} although no test failed.`,
    );
    runnerFailed = true;
  }
}

console.log(`tests: ${passed} passed, ${failed} failed`);
process.exit(failed > 0 || runnerFailed ? 1 : 0);
