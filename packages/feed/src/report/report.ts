import { stat } from 'node:fs/promises';
import type { FeedConfig } from '@statuskit/model';
import { readUsage } from '../planning/access-log.js';
import { buildProfile } from '../planning/usage-profile.js';
import { parseLocalDate, TimeZone } from '../planning/zoned-time.js';
import { readAllRecords } from '../store/archive.js';
import { evaluate, type Report } from './evaluation.js';
import { catalogueFromConfig, loadCatalogue, replayHistory } from './history.js';

/** A report that cannot be made as asked: no data dir, an unknown service, a bad period. */
export class ReportError extends Error {
  override name = 'ReportError';
}

export interface ReportRequest {
  readonly dataDir: string;
  /** `2026-01-01` (local midnight in the time zone) or an ISO 8601 instant with offset. */
  readonly from: string;
  /** `2026-03-31` includes that whole day; an ISO 8601 instant is the exact end. */
  readonly to: string;
  readonly configPath?: string | undefined;
  /** The catalogue from a config already loaded (a running feed's), instead of `configPath`. */
  readonly config?: FeedConfig | undefined;
  readonly service?: string | undefined;
  readonly logs?: readonly string[] | undefined;
  readonly jsonField?: string | undefined;
  /** Default: the service's time zone (with `service`), else the document's. */
  readonly timeZone?: string | undefined;
  readonly now?: number | undefined;
  /** The feed's public address for links to signed records; default: the config's `publicUrl`. */
  readonly feedUrl?: string | undefined;
}

function boundary(text: string, zone: TimeZone, end: boolean, flag: string): number {
  const date = parseLocalDate(text);
  if (date) return zone.instant(date.year, date.month, date.day + (end ? 1 : 0));
  if (/^\d{4}-\d{2}-\d{2}T.*(Z|[+-]\d{2}:\d{2})$/i.test(text)) {
    const instant = Date.parse(text);
    if (!Number.isNaN(instant)) return instant;
  }
  throw new ReportError(
    `${flag} ${text} is not a date (2026-03-31) or an ISO 8601 time with offset`,
  );
}

/**
 * Reads the data directory's whole journal (archive segments, then the active journal: no lock
 * needed, so a running feed can stay up), replays it and evaluates the period.
 */
export async function buildReport(
  request: ReportRequest,
): Promise<{ report: Report; zone: TimeZone }> {
  try {
    if (!(await stat(request.dataDir)).isDirectory()) throw new Error('not a directory');
  } catch {
    throw new ReportError(`data directory ${request.dataDir} does not exist or is not a directory`);
  }
  const { catalogue, source, publicUrl } = request.config
    ? {
        catalogue: catalogueFromConfig(request.config),
        source: 'config' as const,
        publicUrl: request.config.publicUrl,
      }
    : await loadCatalogue(request.dataDir, request.configPath);
  const history = await replayHistory(readAllRecords(request.dataDir), catalogue);
  const document = history.timeline.document;
  if (request.service !== undefined && !history.timeline.serviceIds().includes(request.service)) {
    if (!document.services.some((service) => service.id === request.service)) {
      throw new ReportError(
        `no service "${request.service}" in the ${source === 'journal' ? 'journal' : source}` +
          (source === 'journal' ? '; pass --config to name the catalogue' : ''),
      );
    }
  }
  if (document.services.length === 0 && history.timeline.serviceIds().length === 0) {
    throw new ReportError(
      `${request.dataDir} has no snapshot.json and its journal defines no services; pass --config with the feed's config`,
    );
  }
  const serviceZone =
    request.service === undefined
      ? undefined
      : document.services.find((service) => service.id === request.service)?.timeZone;
  const zone = new TimeZone(request.timeZone ?? serviceZone ?? document.timeZone);
  const from = boundary(request.from, zone, false, '--from');
  const to = boundary(request.to, zone, true, '--to');
  if (to <= from) throw new ReportError(`--to must be after --from`);

  let usage;
  if (request.logs && request.logs.length > 0) {
    const log = await readUsage(request.logs, {
      timeZone: zone,
      jsonField: request.jsonField,
      now: request.now,
    });
    usage = { usage: log, profile: buildProfile(log) };
  }
  const report = evaluate(history, {
    from,
    to,
    now: request.now ?? Date.now(),
    zone,
    service: request.service,
    catalogueSource: source,
    dataDir: request.dataDir,
    usage,
    feedUrl: request.feedUrl ?? publicUrl,
  });
  return { report, zone };
}
