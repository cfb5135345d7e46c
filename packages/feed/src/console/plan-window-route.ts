import { stat } from 'node:fs/promises';
import type { IncomingMessage } from 'node:http';
import { authenticateAdmin } from '../admin-auth.js';
import { badRequest, HttpError } from '../http/http-error.js';
import { sendJson } from '../http/respond.js';
import type { RouteContext, Router } from '../http/router.js';
import { planWindows, type PlanReport } from '../planning/plan.js';
import { parsePlanParameters, PlanParameterError } from '../planning/plan-parameters.js';
import type { ConsoleApiDependencies } from './console-api-routes.js';
import { MAX_UPLOADED_LOG_BYTES, withUploadedLog } from './uploaded-log.js';

/** The name an uploaded log has in the report (its temporary path is nobody's business). */
const UPLOADED = 'uploaded';

/**
 * `POST /v1/admin/plan-window?service=&duration=&within=&top=&avoid=`: `plan-window --json` for
 * one service, in its time zone, from an uploaded access log (the body) or from the logs the
 * config names for it (`source=configured`, no body). Planning changes nothing, so any
 * authority may plan for any service; the configured logs are their owner's only.
 */
export function registerPlanWindowRoute(router: Router, deps: ConsoleApiDependencies): void {
  router.on('POST', '/v1/admin/plan-window', async (context) => {
    const actor = await authenticateAdmin(context.req, deps, 'write');
    const query = context.url.searchParams;
    const serviceId = query.get('service');
    const service = deps.store.document.services.find((candidate) => candidate.id === serviceId);
    if (!service) {
      context.req.resume();
      throw badRequest([
        {
          path: 'service',
          message:
            serviceId === null ? 'is needed: the id of the service' : `no service "${serviceId}"`,
        },
      ]);
    }
    const parameters = planParameters(context);
    const source = query.get('source') ?? 'upload';
    const plan = (logs: readonly string[]): Promise<PlanReport> =>
      planWindows({
        logs,
        ...parameters,
        timeZone: service.timeZone ?? deps.store.document.timeZone,
        now: deps.now().getTime(),
      }).then(
        ({ report }) => report,
        (error: unknown) => {
          // The logs cover less than an hour of traffic: the operator's to fix, not the feed's.
          if (error instanceof RangeError) {
            throw new HttpError(422, `cannot plan from these logs: ${error.message}`);
          }
          throw error;
        },
      );

    let report: PlanReport;
    if (source === 'configured') {
      context.req.resume();
      if (service.owner !== actor.authority) {
        throw new HttpError(
          403,
          `the access logs configured for service "${service.id}" are its owner's ("${service.owner}"); upload a log instead`,
        );
      }
      report = await plan(await configuredLogs(deps, service.id));
    } else if (source === 'upload') {
      report = await uploaded(context.req, async (file) => {
        const answer = await plan([file]);
        return {
          ...answer,
          input: {
            ...answer.input,
            files: answer.input.files.map((entry) => ({ ...entry, file: UPLOADED })),
            malformedExamples: answer.input.malformedExamples.map((entry) => ({
              ...entry,
              file: UPLOADED,
            })),
          },
        };
      });
    } else {
      context.req.resume();
      throw badRequest([{ path: 'source', message: 'must be "configured" or left out (upload)' }]);
    }
    sendJson(context.res, 200, report, { 'cache-control': 'no-store' });
  });
}

function planParameters(context: RouteContext): ReturnType<typeof parsePlanParameters> {
  const query = context.url.searchParams;
  try {
    return parsePlanParameters({
      duration: query.get('duration') ?? undefined,
      within: query.get('within') ?? undefined,
      top: query.get('top') ?? undefined,
      avoid: query.getAll('avoid').filter((entry) => entry !== ''),
    });
  } catch (error) {
    if (!(error instanceof PlanParameterError)) throw error;
    context.req.resume();
    const value = error.value === undefined ? '' : `${error.value} `;
    throw badRequest([{ path: error.parameter, message: `${value}${error.reason}` }]);
  }
}

function uploaded<T>(req: IncomingMessage, use: (file: string) => Promise<T>): Promise<T> {
  return withUploadedLog(req, MAX_UPLOADED_LOG_BYTES, use);
}

/** The config's `console.accessLogs[service]`, each still a readable file. */
async function configuredLogs(
  deps: ConsoleApiDependencies,
  service: string,
): Promise<readonly string[]> {
  const logs = deps.config.console?.accessLogs[service] ?? [];
  if (logs.length === 0) {
    throw new HttpError(
      409,
      `no access logs are configured for service "${service}" (console.accessLogs.${service} in the feed's config); upload a log instead`,
    );
  }
  for (const file of logs) {
    try {
      if (!(await stat(file)).isFile()) throw new Error('not a file');
    } catch {
      throw new HttpError(
        409,
        `the configured access log ${file} (console.accessLogs.${service}) does not exist or is not a file; fix the config or upload a log`,
      );
    }
  }
  return logs;
}
