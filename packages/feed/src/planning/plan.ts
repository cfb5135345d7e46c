import { readUsage, usageTotals, type MalformedLine, type UsageLog } from './access-log.js';
import { formatDuration } from './duration.js';
import { buildProfile, type UsageProfile } from './usage-profile.js';
import {
  profileLoad,
  proposeWindows,
  shareOf,
  type WindowLoad,
  type WindowPlan,
} from './windows.js';
import { TimeZone } from './zoned-time.js';

export interface PlanOptions {
  readonly logs: readonly string[];
  readonly durationMs: number;
  readonly withinMs: number;
  readonly timeZone: string;
  /** Local dates (`2026-03-15`) to keep free. */
  readonly avoid?: readonly string[];
  readonly top?: number;
  readonly now: number;
  readonly jsonField?: string | undefined;
}

/** One proposed window, as printed with `--json`. */
export interface PlannedWindow {
  readonly rank?: number;
  /** ISO 8601 in the planning time zone, ready for `scheduledStart` / `scheduledEnd`. */
  readonly start: string;
  readonly end: string;
  /** `Sun 2026-03-15 03:00–05:00` */
  readonly local: string;
  readonly visitors: number;
  readonly requests: number;
  readonly percentOfBusiest?: number;
  readonly crossesDaylightSavingChange: boolean;
}

/** The whole answer of `plan-window`; `--json` prints exactly this. */
export interface PlanReport {
  readonly timeZone: string;
  readonly now: string;
  readonly period: { readonly from: string; readonly to: string };
  readonly durationMinutes: number;
  readonly avoid: readonly string[];
  readonly input: {
    readonly files: readonly {
      readonly file: string;
      readonly gzip: boolean;
      readonly bytes: number;
      readonly lines: number;
      readonly requests: number;
      readonly bots: number;
      readonly malformed: number;
      readonly formats: { readonly clf: number; readonly combined: number; readonly json: number };
      readonly from: string | null;
      readonly to: string | null;
      readonly problem?: string;
    }[];
    readonly lines: number;
    readonly requests: number;
    readonly bots: number;
    readonly malformed: number;
    readonly malformedExamples: readonly MalformedLine[];
    readonly from: string | null;
    readonly to: string | null;
  };
  readonly profile: {
    readonly statistic: 'median';
    readonly weeks: number;
    readonly observedHours: number;
    readonly filledHours: number;
  };
  readonly candidates: number;
  readonly avoidedCandidates: number;
  readonly windows: readonly PlannedWindow[];
  readonly busiest: PlannedWindow | null;
}

export interface Plan {
  readonly report: PlanReport;
  readonly zone: TimeZone;
  readonly usage: UsageLog;
  readonly profile: UsageProfile;
  readonly plan: WindowPlan;
}

const round = (value: number): number => Math.round(value);

export function describeWindow(
  zone: TimeZone,
  window: WindowLoad,
  busiest: WindowLoad | undefined,
  rank?: number,
): PlannedWindow {
  const percent = shareOf(window.visitors, busiest?.visitors);
  return {
    ...(rank !== undefined && { rank }),
    start: zone.iso(window.start),
    end: zone.iso(window.end),
    local: zone.span(window.start, window.end),
    visitors: round(window.visitors),
    requests: round(window.requests),
    ...(percent !== undefined && { percentOfBusiest: percent }),
    crossesDaylightSavingChange: window.crossesDaylightSavingChange,
  };
}

/** Reads the logs, builds the typical week and proposes the quietest windows. */
export async function planWindows(options: PlanOptions): Promise<Plan> {
  const zone = new TimeZone(options.timeZone);
  const usage = await readUsage(options.logs, {
    timeZone: zone,
    jsonField: options.jsonField,
    now: options.now,
  });
  const profile = buildProfile(usage);
  const avoid = [...new Set(options.avoid ?? [])].sort();
  const plan = proposeWindows({
    zone,
    load: profileLoad(profile),
    from: options.now,
    to: options.now + options.withinMs,
    durationMs: options.durationMs,
    avoid: new Set(avoid),
    top: options.top ?? 5,
  });
  const totals = usageTotals(usage);
  const iso = (instant: number | undefined): string | null =>
    instant === undefined ? null : zone.iso(instant);
  const report: PlanReport = {
    timeZone: zone.name,
    now: zone.iso(options.now),
    period: { from: zone.iso(options.now), to: zone.iso(options.now + options.withinMs) },
    durationMinutes: Math.round(options.durationMs / 60_000),
    avoid,
    input: {
      files: usage.files.map((file) => ({
        file: file.file,
        gzip: file.gzip,
        bytes: file.bytes,
        lines: file.lines,
        requests: file.requests,
        bots: file.bots,
        malformed: file.malformed,
        formats: file.formats,
        from: iso(file.first),
        to: iso(file.last),
        ...(file.problem !== undefined && { problem: file.problem }),
      })),
      lines: totals.lines,
      requests: totals.requests,
      bots: totals.bots,
      malformed: totals.malformed,
      malformedExamples: usage.malformedExamples,
      from: iso(totals.first),
      to: iso(totals.last),
    },
    profile: {
      statistic: 'median',
      weeks: profile.weeks,
      observedHours: profile.observedHours,
      filledHours: profile.filledHours,
    },
    candidates: plan.candidates,
    avoidedCandidates: plan.avoided,
    windows: plan.windows.map((window, index) =>
      describeWindow(zone, window, plan.busiest, index + 1),
    ),
    busiest: plan.busiest ? describeWindow(zone, plan.busiest, plan.busiest) : null,
  };
  return { report, zone, usage, profile, plan };
}

const count = (value: number): string => value.toLocaleString('en-US');

function bytes(value: number): string {
  if (value >= 1e9) return `${(value / 1e9).toFixed(2)} GB`;
  if (value >= 1e6) return `${(value / 1e6).toFixed(1)} MB`;
  return `${(value / 1e3).toFixed(1)} kB`;
}

function table(rows: readonly (readonly string[])[], rightAligned: ReadonlySet<number>): string[] {
  const widths =
    rows[0]?.map((_, column) => Math.max(...rows.map((row) => (row[column] ?? '').length))) ?? [];
  return rows.map((row) =>
    row
      .map((cell, column) =>
        rightAligned.has(column)
          ? cell.padStart(widths[column] ?? 0)
          : cell.padEnd(widths[column] ?? 0),
      )
      .join('  ')
      .trimEnd(),
  );
}

/** The plan as text for a terminal. */
export function formatPlan(report: PlanReport): string {
  const { input } = report;
  const lines: string[] = [];
  const dateOf = (iso: string | null): string => iso?.slice(0, 10) ?? '?';
  const size = input.files.reduce((sum, file) => sum + file.bytes, 0);
  lines.push(
    `Read ${count(input.lines)} lines from ${input.files.length} file${input.files.length === 1 ? '' : 's'} ` +
      `(${bytes(size)}), ${dateOf(input.from)} to ${dateOf(input.to)}.`,
  );
  const formats = input.files.reduce(
    (sum, file) => ({
      clf: sum.clf + file.formats.clf,
      combined: sum.combined + file.formats.combined,
      json: sum.json + file.formats.json,
    }),
    { clf: 0, combined: 0, json: 0 },
  );
  const formatNames = (
    [
      ['combined', formats.combined],
      ['common', formats.clf],
      ['JSON', formats.json],
    ] as const
  )
    .filter(([, n]) => n > 0)
    .map(([name, n]) => `${count(n)} ${name}`)
    .join(', ');
  lines.push(
    `  ${count(input.requests)} requests by people, ${count(input.bots)} by bots (left out); formats: ${formatNames || 'none'}.`,
  );
  const share = input.lines > 0 ? ((input.malformed / input.lines) * 100).toFixed(2) : '0';
  lines.push(`  ${count(input.malformed)} malformed lines (${share} %), skipped.`);
  for (const example of input.malformedExamples.slice(0, 3)) {
    lines.push(`    ${example.file} line ${count(example.line)}: ${example.reason}`);
  }
  for (const file of input.files) {
    if (file.problem !== undefined) lines.push(`  ${file.file}: ${file.problem}`);
  }
  const { profile } = report;
  lines.push(
    `  Typical week: per hour of the week, the median of ${profile.weeks} week${profile.weeks === 1 ? '' : 's'}` +
      (profile.filledHours > 0
        ? `; ${profile.filledHours} hours never seen were filled from the same hour on other days.`
        : '.'),
  );
  lines.push('');

  const duration = formatDuration(report.durationMinutes * 60_000);
  const from = `${report.period.from.slice(0, 10)} ${report.period.from.slice(11, 16)}`;
  const to = `${report.period.to.slice(0, 10)} ${report.period.to.slice(11, 16)}`;
  lines.push(`Quietest ${duration} windows from ${from} to ${to} (${report.timeZone}):`);
  if (report.avoid.length > 0) lines.push(`  keeping ${report.avoid.join(', ')} free`);
  if (report.windows.length === 0) {
    lines.push('  none: every candidate touches an avoided date, or the period is too short.');
  } else {
    const rows = [
      ['#', 'When', 'Visitors', 'Requests', 'Of busiest', ''],
      ...report.windows.map((window) => [
        String(window.rank ?? ''),
        window.local,
        count(window.visitors),
        count(window.requests),
        window.percentOfBusiest === undefined ? '–' : `${window.percentOfBusiest} %`,
        window.crossesDaylightSavingChange ? 'clocks change' : '',
      ]),
    ];
    for (const row of table(rows, new Set([0, 2, 3, 4]))) lines.push(`  ${row}`);
  }
  if (report.busiest) {
    lines.push(
      `Busiest ${duration} window: ${report.busiest.local}, ${count(report.busiest.visitors)} visitors, ` +
        `${count(report.busiest.requests)} requests.`,
    );
  }
  lines.push(
    "Visitors: distinct client address + user agent per hour, summed over the window's hours (an upper bound).",
  );
  return `${lines.join('\n')}\n`;
}
