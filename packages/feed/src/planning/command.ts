import { readFile, stat } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import type { LocalizedText } from '@statuskit/model';
import { describeWindow, formatPlan, planWindows } from './plan.js';
import { parsePlanParameters, PlanParameterError } from './plan-parameters.js';
import { fetchService, noticeShortfall, PlanningError, scheduleMaintenance } from './schedule.js';
import { profileLoad, proposeWindows } from './windows.js';
import { DAY_MS } from './zoned-time.js';

/** A mistake in how `plan-window` or `report` was called: the CLI prints usage and exits 2. */
export class OptionError extends Error {
  override name = 'OptionError';
}

/** `--now` is hidden: tests (and replays of a past decision) pin the clock with it. */
export function parseNow(text: string | undefined): number {
  if (text === undefined) return Date.now();
  const now = Date.parse(text);
  if (Number.isNaN(now) || !/(Z|[+-]\d{2}:?\d{2})$/i.test(text)) {
    throw new OptionError(`--now ${text} is not an ISO 8601 time with offset`);
  }
  return now;
}

export async function requireFiles(files: readonly string[]): Promise<void> {
  for (const file of files) {
    try {
      if (!(await stat(file)).isFile()) throw new Error('not a file');
    } catch {
      throw new PlanningError(`log file ${file} does not exist or is not a file`);
    }
  }
}

function localized(da: string | undefined, en: string | undefined): LocalizedText | undefined {
  if (da === undefined && en === undefined) return undefined;
  return { ...(da !== undefined && { da }), ...(en !== undefined && { en }) };
}

const PLAN_OPTIONS = {
  log: { type: 'string', multiple: true },
  duration: { type: 'string' },
  within: { type: 'string', default: '14d' },
  'time-zone': { type: 'string', default: 'Europe/Copenhagen' },
  avoid: { type: 'string', multiple: true },
  top: { type: 'string', default: '5' },
  json: { type: 'boolean', default: false },
  'json-field': { type: 'string' },
  now: { type: 'string' },
  schedule: { type: 'boolean', default: false },
  service: { type: 'string' },
  feed: { type: 'string' },
  'token-file': { type: 'string' },
  'title-da': { type: 'string' },
  'title-en': { type: 'string' },
  'message-da': { type: 'string' },
  'message-en': { type: 'string' },
} as const;

/** `statuskit-feed plan-window`: see the feed README. */
export async function planWindowCommand(args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: PLAN_OPTIONS });
  const logs = values.log ?? [];
  if (logs.length === 0) throw new OptionError('plan-window needs at least one --log FILE');
  if (values.duration === undefined) throw new OptionError('plan-window needs --duration, e.g. 2h');
  let parameters;
  try {
    parameters = parsePlanParameters(
      {
        duration: values.duration,
        within: values.within,
        top: values.top,
        avoid: values.avoid ?? [],
      },
      (parameter) => `--${parameter}`,
    );
  } catch (error) {
    if (!(error instanceof PlanParameterError)) throw error;
    throw new OptionError(`--${error.parameter} ${error.value ?? ''} ${error.reason}`);
  }
  const { durationMs, withinMs, top, avoid } = parameters;
  if (values.schedule) {
    for (const flag of ['service', 'feed', 'token-file'] as const) {
      if (values[flag] === undefined) throw new OptionError(`--schedule needs --${flag}`);
    }
  }
  const now = parseNow(values.now);
  await requireFiles(logs);

  let planned;
  try {
    planned = await planWindows({
      logs,
      durationMs,
      withinMs,
      timeZone: values['time-zone'],
      avoid,
      top,
      now,
      jsonField: values['json-field'],
    });
  } catch (error) {
    if (error instanceof RangeError) throw new PlanningError(error.message);
    throw error;
  }
  const { report, zone, plan, profile } = planned;

  if (!values.schedule) {
    process.stdout.write(values.json ? `${JSON.stringify(report, null, 2)}\n` : formatPlan(report));
    return 0;
  }

  const best = plan.windows[0];
  if (!best)
    throw new PlanningError(
      'there is no window to schedule in the period; widen --within or --avoid less',
    );
  const feed = values.feed ?? '';
  const serviceId = values.service ?? '';
  const tokenFile = values['token-file'] ?? '';
  let token: string;
  try {
    token = (await readFile(tokenFile, 'utf8')).trim();
  } catch {
    throw new PlanningError(`cannot read the token file ${tokenFile}`);
  }
  const service = await fetchService(feed, serviceId);
  const shortfall = noticeShortfall(service, now, best.start);
  let warning: string | undefined;
  if (shortfall !== undefined) {
    const days = service.sla?.noticePeriodDays ?? 0;
    const later = proposeWindows({
      zone,
      load: profileLoad(profile),
      from: now + days * DAY_MS,
      to: now + withinMs,
      durationMs,
      avoid: new Set(avoid),
      top: 1,
    }).windows[0];
    warning =
      `the quietest window (${zone.span(best.start, best.end)}) is ${shortfall}` +
      (later
        ? `; the quietest window that respects it is ${zone.span(later.start, later.end)} ` +
          `(${Math.round(later.visitors)} visitors against ${Math.round(best.visitors)})`
        : '; no window in --within respects it');
    process.stderr.write(`statuskit-feed: warning: ${warning}\n`);
  }
  const title = localized(values['title-da'], values['title-en']);
  const message = localized(values['message-da'], values['message-en']);
  const maintenance = await scheduleMaintenance({
    feed,
    token,
    service: serviceId,
    start: best.start,
    end: best.end,
    zone,
    ...(title && { title }),
    ...(message && { message }),
  });
  if (values.json) {
    const scheduled = {
      window: describeWindow(zone, best, plan.busiest, 1),
      maintenance,
      ...(warning !== undefined && { warning }),
    };
    process.stdout.write(`${JSON.stringify({ ...report, scheduled }, null, 2)}\n`);
  } else {
    process.stdout.write(
      `${formatPlan(report)}\nAnnounced ${maintenance.id} for "${serviceId}": ${zone.span(best.start, best.end)} ` +
        `(${maintenance.scheduledStart} to ${maintenance.scheduledEnd}).\n`,
    );
  }
  return 0;
}
