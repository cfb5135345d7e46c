// How fanout.mjs prints its runs of the feed against better-sse: one line per run, a table of
// both servers at each N with how many times better ours is, and the issue's targets beside them.

export function printRun(run) {
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
export function table(all, sizes) {
  const rows = [['streams', 'server', ...COLUMNS.map(([name]) => name)]];
  for (const size of sizes) {
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
export function disturbed(run) {
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
export function targets(all) {
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
  for (const run of ours.filter((candidate) => candidate.floor && !candidate.floor.error)) {
    const { floor } = run;
    lines.push(
      `  p99 ÷ (N × one bare write) at ${run.streams.toLocaleString('en')}: ` +
        `${floor.p99OverFloor} (${run.latencyMs.p99} ms ÷ ${floor.floorMs} ms, ` +
        `${floor.microsPerWrite} µs a write; aim ≤ 1.3 at 10,000 and 20,000)`,
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
