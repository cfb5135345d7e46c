#!/usr/bin/env node
// Alert receiver benchmark: one Alertmanager notification carrying a group of N firing alerts
// (webhook payload version 4, as Alertmanager sends it) posted to the real feed, then the same
// notification again, then the whole group resolved. Per step it prints the time to the answer,
// the revisions written and the feed's CPU. Prints figures and never fails on time.
//
//   node scripts/bench/alerts.mjs [--quick] [--n 1000]
//
// Runs the built feed (`npm run build` first), file journal (every change fsynced). Results are
// merged into bench/results.json under `alerts`. Linux only (reads /proc).
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { benchConfig, TOKEN } from './fanout-fixture.mjs';
import { formatTable, machineFacts, root, saveResults } from './results.mjs';

const { values: flags } = parseArgs({
  options: { quick: { type: 'boolean', default: false }, n: { type: 'string' } },
});
const ALERTS = Number(flags.n ?? (flags.quick ? 200 : 1000));
if (!Number.isInteger(ALERTS) || ALERTS < 1) {
  console.error('alerts: --n must be a positive whole number');
  process.exit(2);
}
const feedBin = join(root, 'packages/feed/bin/statuskit-feed.js');
/** The services the token's authority owns: the alerts spread over them. */
const SERVICES = ['eid', 'login', 'digital-post', 'nemkonto', 'cpr', 'borger'];
const SEVERITIES = ['critical', 'major', 'warning'];
const CLOCK_TICKS = 100;

/** N alerts with their own fingerprints, firing since five minutes ago. */
function alertGroup(status, startsAt, endsAt) {
  return Array.from({ length: ALERTS }, (_, index) => ({
    status,
    labels: {
      alertname: `Check${index}`,
      statuskit_service: SERVICES[index % SERVICES.length],
      severity: SEVERITIES[index % SEVERITIES.length],
      instance: `host-${index}.example:9100`,
    },
    annotations: {
      summary: `Kontrol ${index} fejler`,
      summary_en: `Check ${index} fails`,
      description: `Tjenesten svarer ikke på kontrol ${index}.`,
      description_en: `The service does not answer check ${index}.`,
    },
    startsAt,
    endsAt,
    generatorURL: `http://prometheus.example/graph?g0.expr=up%7Bcheck%3D%22${index}%22%7D`,
    fingerprint: index.toString(16).padStart(16, '0'),
  }));
}

function notification(alerts) {
  return {
    version: '4',
    groupKey: '{}:{job="checks"}',
    truncatedAlerts: 0,
    status: alerts.some((alert) => alert.status === 'firing') ? 'firing' : 'resolved',
    receiver: 'statuskit',
    groupLabels: { job: 'checks' },
    commonLabels: { job: 'checks' },
    commonAnnotations: {},
    externalURL: 'http://alertmanager.example:9093',
    alerts,
  };
}

/** The feed process's CPU seconds so far (user + system), from /proc. */
function cpuSeconds(pid) {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
}

async function startFeed(configPath, dataDir) {
  const child = spawn(
    'node',
    [feedBin, 'serve', '--config', configPath, '--data', dataDir, '--port', '0'],
    {
      cwd: root,
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const url = await new Promise((resolve, reject) => {
    child.once('exit', (code) =>
      reject(new Error(`the feed exited with ${code} before listening`)),
    );
    // Keep reading its log (a line per change) so the pipe never fills.
    createInterface({ input: child.stdout }).on('line', (line) => {
      if (line.includes('feed listening')) resolve(JSON.parse(line).url);
    });
  });
  return { child, url };
}

async function post(url, body) {
  const started = performance.now();
  const response = await fetch(`${url}/v1/integrations/alertmanager`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` },
    body: JSON.stringify(body),
  });
  const answer = await response.json();
  const ms = performance.now() - started;
  if (response.status !== 200) {
    throw new Error(
      `the feed answered ${response.status}: ${JSON.stringify(answer).slice(0, 300)}`,
    );
  }
  return { ms, answer };
}

async function step(feed, name, body) {
  const { revision: before } = await (await fetch(`${feed.url}/healthz`)).json();
  const cpu = cpuSeconds(feed.child.pid);
  const { ms, answer } = await post(feed.url, body);
  const outcomes = {};
  for (const { outcome } of answer.alerts) outcomes[outcome] = (outcomes[outcome] ?? 0) + 1;
  return {
    step: name,
    ms: Math.round(ms),
    revisions: answer.revision - before,
    cpuSeconds: Math.round((cpuSeconds(feed.child.pid) - cpu) * 100) / 100,
    outcomes,
  };
}

const work = await mkdtemp(join(tmpdir(), 'statuskit-alerts-'));
const config = benchConfig();
// A thousand open incidents are far more than one authority's live document holds by default
// (512 KiB): the benchmark raises the limit, as an operator expecting such groups would.
config.limits = { maxLiveBytesPerAuthority: 16 * 1024 * 1024 };
const configPath = join(work, 'statuskit.config.json');
await writeFile(configPath, JSON.stringify(config, null, 2));
const feed = await startFeed(configPath, join(work, 'data'));
try {
  console.log(
    `Alert receiver: one Alertmanager notification of ${ALERTS.toLocaleString('en')} alerts, file journal\n`,
  );
  const startsAt = new Date(Date.now() - 5 * 60_000).toISOString();
  const firing = notification(alertGroup('firing', startsAt, '0001-01-01T00:00:00Z'));
  const steps = [
    await step(feed, 'firing (opens)', firing),
    await step(feed, 'the same again', firing),
    await step(
      feed,
      'resolved',
      notification(alertGroup('resolved', startsAt, new Date().toISOString())),
    ),
  ];
  const rows = [['step', 'answered after', 'revisions written', 'feed CPU', 'outcomes']];
  for (const { step: name, ms, revisions, cpuSeconds: cpu, outcomes } of steps) {
    const counts = Object.entries(outcomes).map(([outcome, count]) => `${count} ${outcome}`);
    rows.push([
      name,
      `${(ms / 1000).toFixed(2)} s`,
      String(revisions),
      `${cpu} s`,
      counts.join(', '),
    ]);
  }
  console.log(formatTable(rows));
  console.log('');
  await saveResults('alerts', { machine: machineFacts(), alerts: ALERTS, steps });
} finally {
  feed.child.kill('SIGTERM');
  await new Promise((resolve) => feed.child.once('exit', resolve));
  await rm(work, { recursive: true, force: true });
}
