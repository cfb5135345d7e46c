#!/usr/bin/env node
// Webhook benchmark: N subscriptions (default 1,000) on local receivers, then one change (an
// incident on a service every subscription follows), then a second one a second later. Prints
// per change the time from the write until every subscription has its delivery, the time until the first, and the feed's memory
// (RSS) and CPU around it. Prints figures and never fails on time.
//
//   node scripts/bench/webhooks.mjs [--quick] [--n 1000] [--json]
//
// Runs the built feed (`npm run build` first), file journal (every change fsynced), with
// `"subscriptions": { "allowPrivateAddresses": true }` so it may deliver to 127.0.0.1. The
// receivers run in a child process (webhook-receivers.mjs): 4 node:http servers answering 204 at
// once, so what is measured is the feed's side (on the same machine, sharing its cores). --json prints one JSON object instead of the table. Results are merged
// into bench/results.json under `webhooks`. Linux only (reads /proc).
import { fork, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { benchConfig, SERVICE_ID, TOKEN } from './fanout-fixture.mjs';
import { formatTable, machineFacts, root, saveResults } from './results.mjs';

const { values: flags } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    n: { type: 'string' },
    json: { type: 'boolean', default: false },
  },
});
const SUBSCRIPTIONS = Number(flags.n ?? (flags.quick ? 200 : 1000));
if (!Number.isInteger(SUBSCRIPTIONS) || SUBSCRIPTIONS < 1) {
  console.error('webhooks: --n must be a positive whole number');
  process.exit(2);
}
const RECEIVERS = 4;
const CLOCK_TICKS = 100;
const feedBin = join(root, 'packages/feed/bin/statuskit-feed.js');
const say = (text) => {
  if (!flags.json) console.log(text);
};

/** The feed process's CPU seconds so far (user + system), from /proc. */
function cpuSeconds(pid) {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
}

function rssMiB(pid) {
  const kib = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]);
  return Math.round(kib / 1024);
}

/** The receivers, in a child process; `delivered()` resolves with the next change's arrivals. */
async function startReceivers() {
  const child = fork(join(root, 'scripts/bench/webhook-receivers.mjs'), [
    String(RECEIVERS),
    String(SUBSCRIPTIONS),
  ]);
  const waiting = [];
  const ports = await new Promise((resolve) => {
    child.on('message', (message) => {
      if (message.ports) resolve(message.ports);
      if (message.arrivals) waiting.shift()?.(message.arrivals);
    });
  });
  const delivered = () => new Promise((resolve) => waiting.push(resolve));
  return { child, ports, delivered };
}

/** Now as an absolute time in ms, comparable with the receivers' process. */
const clock = () => performance.timeOrigin + performance.now();

async function startFeed(configPath, dataDir) {
  const child = spawn(
    'node',
    [feedBin, 'serve', '--config', configPath, '--data', dataDir, '--port', '0'],
    { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const url = await new Promise((resolve, reject) => {
    child.once('exit', (code) =>
      reject(new Error(`the feed exited with ${code} before listening`)),
    );
    createInterface({ input: child.stdout }).on('line', (line) => {
      if (line.includes('feed listening')) resolve(JSON.parse(line).url);
    });
  });
  return { child, url };
}

async function admin(url, method, path, body) {
  const response = await fetch(`${url}${path}`, {
    method,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` },
    body: JSON.stringify(body),
  });
  const answer = await response.json();
  if (response.status >= 300) {
    throw new Error(
      `${method} ${path}: ${response.status} ${JSON.stringify(answer).slice(0, 300)}`,
    );
  }
  return answer;
}

const work = await mkdtemp(join(tmpdir(), 'statuskit-webhooks-'));
const receivers = await startReceivers();
const config = benchConfig();
config.subscriptions = { allowPrivateAddresses: true, maxPerAuthority: SUBSCRIPTIONS };
const configPath = join(work, 'statuskit.config.json');
await writeFile(configPath, JSON.stringify(config, null, 2));
const feed = await startFeed(configPath, join(work, 'data'));
try {
  say(
    `Webhooks: ${SUBSCRIPTIONS.toLocaleString('en')} subscriptions on ${RECEIVERS} local receivers, one change, file journal\n`,
  );
  const rssBefore = rssMiB(feed.child.pid);
  for (let index = 0; index < SUBSCRIPTIONS; index += 50) {
    await Promise.all(
      Array.from({ length: Math.min(50, SUBSCRIPTIONS - index) }, (_, offset) => {
        const n = index + offset;
        const port = receivers.ports[n % RECEIVERS];
        return admin(feed.url, 'POST', '/v1/admin/subscriptions', {
          url: `http://127.0.0.1:${port}/hooks/${n}`,
        });
      }),
    );
  }
  // Let the feed settle (its last subscription file writes) before the change is timed.
  await new Promise((resolve) => setTimeout(resolve, 1000));
  const rssSubscribed = rssMiB(feed.child.pid);
  /** One change timed from the write until every subscription has it. */
  const change = async (title) => {
    const cpu = cpuSeconds(feed.child.pid);
    const arrived = receivers.delivered();
    const started = clock();
    await admin(feed.url, 'POST', '/v1/admin/incidents', {
      services: [SERVICE_ID],
      impact: 'major',
      title: { da: title, en: title },
      message: { da: 'Vi undersøger sagen.', en: 'We are investigating.' },
    });
    const answered = clock();
    const times = await arrived;
    return {
      writeAnsweredMs: Math.round(answered - started),
      firstDeliveryMs: Math.round(Math.min(...times) - started),
      allDeliveredMs: Math.round(Math.max(...times) - started),
      cpuSeconds: Math.round((cpuSeconds(feed.child.pid) - cpu) * 100) / 100,
    };
  };
  let peakRss = rssSubscribed;
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, rssMiB(feed.child.pid));
  }, 20);
  const first = await change('MitID svarer langsomt');
  await new Promise((resolve) => setTimeout(resolve, 1000));
  // The same again, the feed warm: its code paths compiled, its sockets' memory reused.
  const second = await change('MitID svarer stadig langsomt');
  clearInterval(sampler);
  const result = {
    machine: machineFacts(),
    subscriptions: SUBSCRIPTIONS,
    receivers: RECEIVERS,
    ...first,
    second,
    rssMiB: {
      before: rssBefore,
      subscribed: rssSubscribed,
      peak: Math.max(peakRss, rssMiB(feed.child.pid)),
    },
  };
  say(
    formatTable([
      ['figure', 'first change', 'second change'],
      ['write answered after', `${first.writeAnsweredMs} ms`, `${second.writeAnsweredMs} ms`],
      ['first delivery after', `${first.firstDeliveryMs} ms`, `${second.firstDeliveryMs} ms`],
      [
        `all ${SUBSCRIPTIONS.toLocaleString('en')} delivered after`,
        `${first.allDeliveredMs} ms`,
        `${second.allDeliveredMs} ms`,
      ],
      ['feed CPU for the change', `${first.cpuSeconds} s`, `${second.cpuSeconds} s`],
      [
        'feed RSS: idle / with subscriptions / peak',
        `${result.rssMiB.before} / ${result.rssMiB.subscribed} / ${result.rssMiB.peak} MiB`,
        '',
      ],
    ]),
  );
  say('');
  if (flags.json) console.log(JSON.stringify(result));
  await saveResults('webhooks', result);
} finally {
  feed.child.kill('SIGTERM');
  await new Promise((resolve) => feed.child.once('exit', resolve));
  receivers.child.disconnect();
  await rm(work, { recursive: true, force: true });
}
