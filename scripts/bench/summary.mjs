// The key figures of each benchmark part, as rows of `npm run bench`'s summary table:
// [part, figure, measured, target]. Every other figure stays in bench/results.json.
import { kb } from '../size/compressed.mjs';

const ms = (value) =>
  value === undefined || value === null ? '–' : `${Number(value).toFixed(1)} ms`;
const verdict = (met) => (met ? 'met' : 'NOT MET');

function weight(result) {
  const { notice, quiet } = result.scriptTag;
  const transfer = result.quietPageTransfer ?? {};
  return [
    [
      'script tag, page with a notice (gzip)',
      kb(notice.gzip),
      `≤ 30.0 KB: ${verdict(notice.gzip <= 30 * 1024)}`,
    ],
    ['script tag, page with a notice (brotli)', kb(notice.brotli), ''],
    [
      'script tag, quiet page (gzip)',
      kb(quiet.gzip),
      `≤ 8.0 KB: ${verdict(quiet.gzip <= 8 * 1024)}`,
    ],
    [
      'quiet page, JS transferred in Chromium',
      transfer.skipped ? `not measured (${transfer.skipped})` : kb(transfer.jsBytes),
      '',
    ],
    ...['i18next', 'lit', 'eventsource-parser', 'own'].map((name) => [
      `  of which ${name === 'own' ? 'our own code' : name} (gzip)`,
      kb(result.split[name].gzip),
      '',
    ]),
  ];
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
    rows.push([
      `CPU while publishing at ${n} (better-sse)`,
      `${run.cpuSeconds.publish} s (${theirs ? `${theirs.cpuSeconds.publish} s` : '–'})`,
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
    ['notice-cold', 'notice, cold'],
    ['notice-warm', 'notice, warm (cached snapshot)'],
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
      median.cls > 0.1 ? 'CLS ≤ 0.1 (good): NOT MET' : '',
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

const PARTS = {
  weight: ['weight', weight],
  fanout: ['fanout', fanout],
  page: ['pageImpact', pageImpact],
  storm: ['reconnectStorm', reconnectStorm],
  model: ['model', model],
  faults: ['faults', faults],
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
