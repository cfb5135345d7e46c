import type { LocalizedText, Maintenance, MaintenanceWarning, Service } from '@statuskit/model';
import { DAY_MS, type TimeZone } from './zoned-time.js';

/** A planning step that cannot go on: a feed that does not answer, an unknown service, … */
export class PlanningError extends Error {
  override name = 'PlanningError';
}

export interface ScheduleRequest {
  /** The feed's `/v1` base, e.g. `https://status.example.dk/v1`. */
  readonly feed: string;
  readonly token: string;
  readonly service: string;
  readonly start: number;
  readonly end: number;
  readonly zone: TimeZone;
  readonly title?: LocalizedText;
  readonly message?: LocalizedText;
  /** Where the feed's warnings about the window go; standard error by default. */
  readonly warn?: (line: string) => void;
}

interface StatusBody {
  readonly document?: { readonly services?: readonly Service[] };
}

function feedUrl(base: string, path: string): string {
  return `${base.replace(/\/+$/, '')}/${path}`;
}

async function answer(response: Response): Promise<unknown> {
  const text = await response.text();
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

function errorOf(body: unknown): string {
  if (typeof body === 'object' && body !== null && 'error' in body) return String(body.error);
  return typeof body === 'string' ? body.slice(0, 200) : JSON.stringify(body);
}

async function call(url: string, init?: RequestInit): Promise<Response> {
  try {
    return await fetch(url, init);
  } catch (error) {
    const cause =
      error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : '';
    throw new PlanningError(`cannot reach the feed at ${url}${cause}; check --feed`);
  }
}

/** The service as the feed publishes it (`{feed}/status.json`). */
export async function fetchService(feed: string, id: string): Promise<Service> {
  const url = feedUrl(feed, 'status.json');
  const response = await call(url);
  if (!response.ok) {
    throw new PlanningError(
      `${url} answered ${response.status}; is --feed the /v1 base of a feed?`,
    );
  }
  const body = (await answer(response)) as StatusBody;
  const service = body.document?.services?.find((candidate) => candidate.id === id);
  if (!service) throw new PlanningError(`the feed has no service "${id}"`);
  return service;
}

/**
 * Why announcing now is too late for the service's declared notice period, or `undefined`.
 * The notice period is `sla.noticePeriodDays` (whole days before the start).
 */
export function noticeShortfall(service: Service, now: number, start: number): string | undefined {
  const days = service.sla?.noticePeriodDays;
  if (days === undefined) return undefined;
  const lead = start - now;
  if (lead >= days * DAY_MS) return undefined;
  const leadDays = Math.floor((lead / DAY_MS) * 10) / 10;
  return (
    `announced ${leadDays} days ahead, but "${service.id}" declares a notice period of ` +
    `${days} days (sla.noticePeriodDays)`
  );
}

function defaultTexts(
  zone: TimeZone,
  start: number,
  end: number,
): { title: LocalizedText; message: LocalizedText } {
  const sameDay = zone.date(start) === zone.date(end - 1);
  const until = sameDay ? zone.clock(end) : `${zone.date(end)} ${zone.clock(end)}`;
  return {
    title: { da: 'Planlagt vedligeholdelse', en: 'Planned maintenance' },
    message: {
      da: `Tjenesten er lukket for planlagt vedligeholdelse ${zone.date(start)} kl. ${zone.clock(start)}–${until}.`,
      en: `The service is closed for planned maintenance on ${zone.date(start)} from ${zone.clock(start)} to ${until}.`,
    },
  };
}

/** Announces the window through the admin API (`POST {feed}/admin/maintenance`). */
export async function scheduleMaintenance(request: ScheduleRequest): Promise<Maintenance> {
  const texts = defaultTexts(request.zone, request.start, request.end);
  const body = {
    services: [request.service],
    title: request.title ?? texts.title,
    message: request.message ?? texts.message,
    scheduledStart: request.zone.iso(request.start),
    scheduledEnd: request.zone.iso(request.end),
  };
  const url = feedUrl(request.feed, 'admin/maintenance');
  const response = await call(url, {
    method: 'POST',
    headers: { authorization: `Bearer ${request.token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const result = await answer(response);
  if (response.status !== 201) {
    throw new PlanningError(
      `the feed refused the maintenance (${response.status}): ${errorOf(result)}`,
    );
  }
  const { maintenance, warnings = [] } = result as {
    maintenance?: Maintenance;
    warnings?: readonly MaintenanceWarning[];
  };
  if (!maintenance)
    throw new PlanningError(`the feed answered 201 without a maintenance: ${errorOf(result)}`);
  const warn = request.warn ?? ((line: string) => process.stderr.write(line));
  // The planner has judged the notice period already (noticeShortfall, the same rule), and said
  // more: which later window would respect it. Everything else the feed says is passed on.
  for (const warning of warnings) {
    if (warning.code === 'notice_period') continue;
    warn(`statuskit-feed: warning from the feed: ${warning.message}\n`);
  }
  return maintenance;
}
