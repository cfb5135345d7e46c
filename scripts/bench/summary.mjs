// The key figures of each benchmark part, as rows of `npm run bench`'s summary table:
// [part, figure, measured, target]. Every other figure stays in bench/results.json.
import { kb } from '../size/compressed.mjs';
import { engineCost } from './fanout-redis.mjs';

const ms = (value) =>
  value === undefined || value === null ? '–' : `${Number(value).toFixed(1)} ms`;
const verdict = (met) => (met ? 'met' : 'NOT MET');
const round = (value) => Math.round(value * 100) / 100;

function weight(result) {
  const transfer = result.quietPageTransfer ?? {};
  const rows = [];
  for (const [key, label] of [
    ['quiet', 'script tag, quiet page'],
    ['banner', 'script tag, <status-banner> with a notice'],
    ['notice', 'script tag, all five elements with a notice'],
  ]) {
    const page = result.pages?.[key];
    if (!page) continue;
    rows.push([
      `${label} (gzip)`,
      kb(page.gzip),
      `≤ ${kb(page.budget)}: ${verdict(page.gzip <= page.budget)}`,
    ]);
    for (const [name, part] of Object.entries(page.split)) {
      rows.push([`  of which ${name === 'own' ? 'our own code' : name}`, kb(part.gzip), '']);
    }
  }
  rows.push([
    'quiet page, JS transferred in Chromium',
    transfer.skipped ? `not measured (${transfer.skipped})` : kb(transfer.jsBytes),
    '',
  ]);
  return rows;
}

const FANOUT_TARGETS = { 10000: 80, 20000: 160 };

function fanout(result) {
  const rows = [];
  const ours = result.runs.filter((run) => run.kind === 'statuskit' && !run.error);
  for (const run of ours) {
    const theirs = result.runs.find(
      (other) => other.kind === 'better-sse' && other.requested === run.requested && !other.error,
    );
    const n = run.streams.toLocaleString('en');
    const aim = FANOUT_TARGETS[run.requested];
    rows.push([
      `p99 delivery at ${n} streams (better-sse)`,
      `${ms(run.latencyMs.p99)} (${theirs ? ms(theirs.latencyMs.p99) : '–'})`,
      aim ? `< ${aim} ms: ${verdict(run.latencyMs.p99 < aim)}` : '',
    ]);
    rows.push([
      `RSS per stream at ${n} (better-sse)`,
      `${run.rss.perStreamKiB} KiB (${theirs ? `${theirs.rss.perStreamKiB} KiB` : '–'})`,
      run.requested >= 10000
        ? `≤ 12 KB (11.7 KiB): ${verdict(run.rss.perStreamKiB * 1024 <= 12_000)}`
        : '',
    ]);
    if (run.floor && !run.floor.error) {
      rows.push([
        `p99 ÷ (N × one bare loopback write) at ${n}`,
        `${run.floor.p99OverFloor} (${run.floor.microsPerWrite} µs a write)`,
        run.requested >= 10000 ? `≤ 1.3: ${verdict(run.floor.p99OverFloor <= 1.3)}` : '',
      ]);
    }
    rows.push([
      `CPU while publishing at ${n} (better-sse)`,
      `${run.cpuSeconds.publish} s (${theirs ? `${theirs.cpuSeconds.publish} s` : '–'})`,
      '',
    ]);
  }
  return rows;
}

/** Redis's CPU per delivery over the file store's at each N, and the run on two workers. */
function fanoutRedis(result) {
  const rows = [];
  const sizes = [...new Set(result.runs.filter((run) => !run.workers).map((run) => run.requested))];
  for (const size of sizes) {
    const { pairs, ratios, median } = engineCost(result.runs, size);
    const complete = pairs.filter((pair) => pair.ratio !== undefined);
    if (median === undefined) continue;
    const mean = (pick) =>
      round(complete.reduce((total, pair) => total + pick(pair), 0) / complete.length);
    rows.push([
      `CPU per delivery at ${complete[0].redis.streams.toLocaleString('en')}, Redis (file store)`,
      `${mean((pair) => pair.redis.cpuMicrosPerDelivery)} µs ` +
        `(${mean((pair) => pair.file.cpuMicrosPerDelivery)} µs): ${median.toFixed(3)}×` +
        (ratios.length > 1
          ? `, median of ${ratios.map((ratio) => ratio.toFixed(2)).join(' / ')}`
          : ''),
      `≤ 1.05×: ${verdict(median <= 1.05)}`,
    ]);
    rows.push([
      `  redis-server CPU over the ${result.method.events} changes`,
      `${mean((pair) => pair.redis.redis.cpuSeconds)} s`,
      '',
    ]);
  }
  for (const run of result.runs.filter((candidate) => candidate.workers && !candidate.error)) {
    const { count, streamsPerWorker, generatorShareOfMachine } = run.workers;
    const label = `${count} workers on Redis`;
    rows.push([
      `${label}: streams held (per worker)`,
      `${run.streams.toLocaleString('en')} of ${run.requested.toLocaleString('en')} ` +
        `(${streamsPerWorker.map((n) => n.toLocaleString('en')).join(' + ')})`,
      '',
    ]);
    rows.push([
      `${label}: p50 / p99 / max delivery`,
      `${ms(run.latencyMs.p50)} / ${ms(run.latencyMs.p99)} / ${ms(run.latencyMs.max)}`,
      '',
    ]);
    rows.push([
      `${label}: events delivered, events/s`,
      `${run.delivered.toLocaleString('en')} of ${run.expected.toLocaleString('en')}, ` +
        `${run.eventsPerSecond.toLocaleString('en')}/s`,
      `all: ${verdict(run.delivered === run.expected)}`,
    ]);
    rows.push([
      `${label}: RSS per stream / CPU per delivery`,
      `${run.rss.perStreamKiB} KiB / ${run.cpuMicrosPerDelivery} µs`,
      '',
    ]);
    rows.push([
      `${label}: generators' share of the machine`,
      `${Math.round(generatorShareOfMachine * 100)} %`,
      '',
    ]);
  }
  return rows;
}

function model(result) {
  const { effectiveStatus, snapshotAllServices } = result.milliseconds;
  const { services, edges } = result.catalogue;
  return [
    [
      `effectiveStatus, ${services} services / ${edges} edges (median)`,
      ms(effectiveStatus.median),
      `< 50 ms: ${verdict(effectiveStatus.median < 50)}`,
    ],
    ['effectiveStatus + noticesFor every service (median)', ms(snapshotAllServices.median), ''],
  ];
}

function pageImpact(result) {
  const rows = [];
  for (const [key, label] of [
    ['quiet-cold', 'quiet page, cold'],
    ['notice-cold', 'banner page, cold'],
    ['notice-warm', 'banner page, warm (cached view)'],
    ['all-cold', 'all five elements, cold'],
    ['all-warm', 'all five elements, warm'],
    ['server-cold', 'server-rendered banner, cold'],
    ['server-warm', 'server-rendered banner, warm'],
  ]) {
    const median = result.scenarios[key]?.median;
    const added = result.differences[key];
    if (!median || !added) continue;
    rows.push([
      `${label}: scripting added / long tasks`,
      `+${added.scriptMs.toFixed(1)} ms / ${median.longTasks}`,
      '',
    ]);
    rows.push([
      `${label}: CLS / JS heap added`,
      `${median.cls.toFixed(3)} / +${Math.round(added.heapKiB)} KiB`,
      key.startsWith('server')
        ? `CLS 0: ${verdict(median.cls === 0)}`
        : key === 'quiet-cold'
          ? ''
          : `CLS ≤ 0.05: ${verdict(median.cls <= 0.05)}`,
    ]);
    if (median.bannerVisibleMs !== undefined && median.bannerVisibleMs !== null) {
      rows.push([`${label}: banner visible after`, ms(median.bannerVisibleMs), '']);
    }
  }
  return rows;
}

function reconnectStorm(result) {
  const rows = [];
  for (const kind of ['graceful', 'kill']) {
    const runs = result.runs.filter((run) => run.kind === kind && !run.error);
    if (runs.length === 0) continue;
    const label = kind === 'graceful' ? 'SIGTERM restart' : 'SIGKILL restart';
    const n = runs[0].clients.toLocaleString('en');
    const peak = Math.max(...runs.map((run) => run.reconnect.peakPerSecond));
    const live = runs.map((run) => run.reconnect.allLiveSeconds);
    const missed = runs.reduce((sum, run) => sum + run.missed, 0);
    const duplicated = runs.reduce((sum, run) => sum + run.duplicated, 0);
    rows.push([`${label}, ${n} clients: peak reconnections/s`, String(peak), '']);
    rows.push([
      `${label}: until every client is live (${runs.length} run${runs.length > 1 ? 's' : ''})`,
      live.map((seconds) => `${seconds.toFixed(1)} s`).join(', '),
      '',
    ]);
    rows.push([
      `${label}: events missed / duplicated`,
      `${missed} / ${duplicated}`,
      `0 / 0: ${verdict(missed === 0 && duplicated === 0)}`,
    ]);
  }
  return rows;
}

function faults(result) {
  const rows = [];
  const kills = result.workerKill ?? [];
  if (kills.length > 0) {
    const n = kills[0].clients.toLocaleString('en');
    const on = kills.reduce((sum, run) => sum + run.onKilled, 0);
    const within = kills.reduce((sum, run) => sum + run.withinJitterWindow, 0);
    const missed = kills.reduce((sum, run) => sum + run.missed, 0);
    const duplicated = kills.reduce((sum, run) => sum + run.duplicated, 0);
    const wrong = kills.reduce((sum, run) => sum + run.backwards + run.wrongEnd, 0);
    rows.push([
      `kill -9 a worker, ${n} clients: all live after the kill (${kills.length} kills)`,
      kills.map((run) => `${run.liveAgainSeconds.all} s`).join(', '),
      '',
    ]);
    rows.push([
      `kill -9 a worker: live within the ${kills[0].jitterWindowSeconds} s jitter window of the break`,
      `${within} of ${on}`,
      `all: ${verdict(within === on)}`,
    ]);
    rows.push([
      'kill -9 a worker: events missed / duplicated',
      `${missed} / ${duplicated}`,
      `0 / 0: ${verdict(missed === 0 && duplicated === 0 && wrong === 0)}`,
    ]);
  }
  for (const [key, label] of [
    ['redisRestarts', `Redis restarted ${result.redisRestarts?.restarts} times under writes`],
    ['failover', `Sentinel failover ×${result.failover?.failovers?.length}`],
  ]) {
    const run = result[key];
    if (!run) continue;
    rows.push([
      `${label}: acknowledged writes lost (of ${run.acknowledged})`,
      String(run.lost),
      `0: ${verdict(run.lost === 0 && run.gaps === 0 && run.repeats === 0)}`,
    ]);
  }
  if (result.failover) {
    rows.push([
      'Sentinel failover: longest time without an acknowledged write',
      result.failover.failovers
        .map((round) => `${round.withoutAcknowledgedWritesSeconds} s`)
        .join(', '),
      '',
    ]);
  }
  return rows;
}

/** The alert receiver: one notification of N alerts opened, repeated, resolved. */
function alerts(result) {
  return result.steps.map(({ step, ms, revisions, cpuSeconds }) => [
    `${result.alerts.toLocaleString('en')} alerts in one notification: ${step}`,
    `${(ms / 1000).toFixed(2)} s, ${revisions} revisions, ${cpuSeconds} s CPU`,
    step === 'the same again' ? `0 revisions: ${verdict(revisions === 0)}` : '',
  ]);
}

/** Webhooks: one change delivered to N subscriptions on local receivers. */
function webhooks(result) {
  return [
    [
      `one change to ${result.subscriptions.toLocaleString('en')} webhook subscriptions`,
      `all delivered after ${(result.allDeliveredMs / 1000).toFixed(2)} s, ${result.cpuSeconds} s CPU, RSS ${result.rssMiB.subscribed} → ${result.rssMiB.peak} MiB`,
      '',
    ],
  ];
}

/** The built-in HTTP probes: the feed's CPU while N probes check every 60 s. */
function probes(result) {
  return [
    [
      `${result.probes} probes at ${result.intervalSeconds} s, over ${result.measuredSeconds} s`,
      `${(result.cpuShareOfOneCore * 100).toFixed(2)} % of one core, ${result.checksPerSecond} checks/s, RSS ${result.rssMiB} MiB`,
      '',
    ],
  ];
}

/** Signed outage records: building and signing one, and verifying one. */
function records(result) {
  const row = (what, step) => [
    `${what} (${result.records.toLocaleString('en')} incidents)`,
    `median ${step.medianMicros} µs, p99 ${step.p99Micros} µs, ${step.perSecond.toLocaleString('en')}/s`,
    '',
  ];
  return [
    row('outage record: build + sign', result.buildAndSign),
    row('outage record: verify', result.verify),
  ];
}

/** Service views: deriving and wording one, every one after a change, and a typical one's size. */
function views(result) {
  const { one, every, size } = result;
  return [
    [
      'service view: derive + word one',
      `median ${one.medianMicros} µs, p99 ${one.p99Micros} µs`,
      '',
    ],
    [
      `service views: all ${every.views} after a change`,
      `median ${every.medianMicros} µs each, ${(every.perChangeMedianMicros / 1000).toFixed(1)} ms in all`,
      '',
    ],
    [
      `service view (${size.service}, ${size.lang}, gzip)`,
      `${size.gzip} B (${size.bytes} B raw)`,
      '',
    ],
  ];
}

const PARTS = {
  weight: ['weight', weight],
  fanout: ['fanout', fanout],
  'fanout-redis': ['fanoutRedis', fanoutRedis],
  page: ['pageImpact', pageImpact],
  storm: ['reconnectStorm', reconnectStorm],
  model: ['model', model],
  faults: ['faults', faults],
  alerts: ['alerts', alerts],
  probes: ['probes', probes],
  records: ['records', records],
  views: ['views', views],
  webhooks: ['webhooks', webhooks],
};

export function summaryRows(part, results) {
  const [key, rows] = PARTS[part];
  const result = results[key];
  if (!result) return [[part, 'no result', '', '']];
  try {
    return rows(result).map((row) => [part, ...row]);
  } catch (error) {
    return [[part, `result unreadable (${error.message})`, '', '']];
  }
}
