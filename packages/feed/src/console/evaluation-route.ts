import type { Maintenance } from '@statuskit/model';
import { authenticateAdmin } from '../admin-auth.js';
import { HttpError } from '../http/http-error.js';
import { sendJson } from '../http/respond.js';
import type { Router } from '../http/router.js';
import type { MaintenanceEvaluation, Report, ServiceEvaluation } from '../report/evaluation.js';
import { buildReport, ReportError } from '../report/report.js';
import type { ConsoleApiDependencies } from './console-api-routes.js';

/** `GET /v1/admin/maintenance/{id}/evaluation`: the `report` figures of one window. */
export interface WindowEvaluation {
  readonly period: Report['period'];
  readonly source: Report['source'];
  readonly definitions: Report['definitions'];
  readonly maintenance: MaintenanceEvaluation;
  /** The services it was announced for, evaluated over the window's period. */
  readonly services: readonly ServiceEvaluation[];
}

/**
 * Evaluates one maintenance window with the code of `statuskit-feed report`, over the window's
 * own period (its start to its end), reading the feed's journal as the command does; with the
 * visitors it reached when the config names access logs for its service.
 */
export function registerEvaluationRoute(router: Router, deps: ConsoleApiDependencies): void {
  router.on('GET', '/v1/admin/maintenance/{id}/evaluation', async ({ req, res, params }) => {
    await authenticateAdmin(req, deps, 'read');
    const id = params['id'] ?? '';
    const window = await findWindow(deps, id);
    if (deps.dataDir === undefined) {
      throw new HttpError(
        503,
        'this feed keeps its changes in Redis, so it cannot read a journal to evaluate from; archive the stream (statuskit-feed archive) and run statuskit-feed report --data DIR on the archive',
      );
    }
    const start = Date.parse(window.actualStart ?? window.scheduledStart);
    const end = Math.max(
      Date.parse(window.scheduledEnd),
      window.actualEnd === undefined ? 0 : Date.parse(window.actualEnd),
      start + 1, // the report needs an end after the start
    );
    const logs = window.services.flatMap(
      (service) => deps.config.console?.accessLogs[service] ?? [],
    );
    let report: Report;
    try {
      ({ report } = await buildReport({
        dataDir: deps.dataDir,
        config: deps.config,
        from: new Date(start).toISOString(),
        to: new Date(end).toISOString(),
        logs: [...new Set(logs)],
        now: deps.now().getTime(),
      }));
    } catch (error) {
      if (error instanceof ReportError) throw new HttpError(409, error.message);
      throw error;
    }
    const evaluated = report.maintenance.find((entry) => entry.id === id);
    if (!evaluated) {
      throw new HttpError(
        409,
        `maintenance "${id}" is not in the journal yet; try again once the feed has written it`,
      );
    }
    const answer: WindowEvaluation = {
      period: report.period,
      source: report.source,
      definitions: report.definitions,
      // Links to signed records only where the feed serves them.
      maintenance: deps.signsRecords ? evaluated : { ...evaluated, record: null },
      services: report.services.filter((service) => window.services.includes(service.id)),
    };
    sendJson(res, 200, answer, { 'cache-control': 'no-store' });
  });
}

async function findWindow(deps: ConsoleApiDependencies, id: string): Promise<Maintenance> {
  const live = deps.store.document.maintenance.find((window) => window.id === id);
  if (live) return live;
  const earlier = (await deps.journal?.events())?.maintenance.find((window) => window.id === id);
  if (earlier) return earlier;
  throw new HttpError(404, `no maintenance "${id}"`);
}
