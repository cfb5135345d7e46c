/**
 * `POST /v1/integrations/alertmanager` and `POST /v1/integrations/grafana`: alert notifications
 * become incident changes on the admin write path (authenticate → read → validate → check
 * scope → append durably → answer), so they are journalled, get revisions and reach every
 * stream like any write. Senders retry only 5xx: the answer is 2xx once every change is stored,
 * 503 while the store cannot take it, and 4xx (naming the field) for a payload that can never
 * succeed, in which case nothing is written.
 */
import {
  ALERT_DEFAULTS,
  applyChange,
  validateDocument,
  validateIncidentUpdate,
  validateNewIncident,
  type WriteContext,
} from '@statuskit/model';
import { authenticateTokenGuarded, requireOwnership, type TokenMatch } from '../auth.js';
import { sendJson } from '../http/respond.js';
import type { RouteContext, Router } from '../http/router.js';
import { checkLiveSize } from '../limits.js';
import { storeRefusal, type AdminDependencies } from '../routes/admin.js';
import { onCurrentDocument } from '../store/current-append.js';
import { valid } from '../write-path.js';
import { mapAlert, type AlertIntent } from './alert-mapping.js';
import { checkGrafanaSignature } from './grafana-signature.js';
import { readAlerts, type AlertSource, type ReceivedAlert } from './received-alert.js';
import {
  alertIncidentId,
  reconcileAlerts,
  type AlertResult,
  type IncidentChecks,
} from './reconcile.js';
import { parseJson, readWebhookBody } from './webhook-body.js';

/** What the receivers need is what admin writes need: they take the same durable path. */
export type AlertReceiverDependencies = AdminDependencies;

export interface AlertAnswer {
  readonly revision: number;
  readonly alerts: readonly AlertResult[];
}

export function registerAlertRoutes(router: Router, deps: AlertReceiverDependencies): void {
  router.on('POST', '/v1/integrations/alertmanager', receive('alertmanager', deps));
  router.on('POST', '/v1/integrations/grafana', receive('grafana', deps));
}

function receive(source: AlertSource, deps: AlertReceiverDependencies) {
  const { config, store } = deps;
  const settings = config.alerts ?? ALERT_DEFAULTS;
  const secret = config.alerts?.grafanaSecret;
  return async (context: RouteContext): Promise<void> => {
    const credential = await authenticateTokenGuarded(context.req, config, deps.signIns);
    const { authority } = credential;
    const body = await readWebhookBody(context.req);
    if (source === 'grafana' && secret !== undefined) {
      checkGrafanaSignature(context.req.headers, body, secret);
    }
    const alerts = readAlerts(parseJson(body), source);
    const intentsOn = (): AlertIntent[] => {
      const intents = alerts.map((alert) =>
        mapAlert(alert, store.document, settings.serviceLabel, config.defaultLocale),
      );
      requireOwnership(
        store.document,
        authority,
        intents.map((intent) => intent.service),
      );
      return intents;
    };
    // Judged once before the queue, so a hopeless payload is refused without waiting for it.
    intentsOn();
    const retired = await retiredIds(alerts, deps);
    const answer = await deps.writes.run(async () => {
      try {
        return await onCurrentDocument(store, (expectedRevision) =>
          reconcileAndStore(intentsOn(), credential, expectedRevision, retired, source, deps),
        );
      } catch (error) {
        deps.metrics.writesRejected += 1;
        throw storeRefusal(error, false);
      }
    });
    sendJson(context.res, 200, answer, { 'cache-control': 'no-store' });
  };
}

/** The alerts' incident ids that the journal has held and the live document no longer does. */
async function retiredIds(
  alerts: readonly ReceivedAlert[],
  deps: AlertReceiverDependencies,
): Promise<ReadonlySet<string>> {
  const retired = new Set<string>();
  const { history } = deps;
  if (!history) return retired;
  const live = new Set(deps.store.document.incidents.map((incident) => incident.id));
  for (const alert of alerts) {
    const id = alertIncidentId(alert.fingerprint, alert.startsAt);
    if (!live.has(id) && (await history.everHad('incident', id))) retired.add(id);
  }
  return retired;
}

/**
 * Plans the group's changes against the current document and appends them one by one, each
 * with its alert's actor. A retry after a conflict or a 503 plans again: what was stored by
 * then is already reflected and yields no change.
 */
async function reconcileAndStore(
  intents: readonly AlertIntent[],
  { authority, token }: TokenMatch,
  expectedRevision: number,
  retired: ReadonlySet<string>,
  source: AlertSource,
  deps: AlertReceiverDependencies,
): Promise<AlertAnswer> {
  const { store, config } = deps;
  const now = deps.now();
  const judged: WriteContext = { now, limits: config.limits };
  const checks: IncidentChecks = {
    create: (input, document) => valid(validateNewIncident(input, document, judged)),
    update: (input, incident, document) =>
      valid(validateIncidentUpdate(input, document, incident, judged)),
  };
  const before = store.document;
  const { writes, results } = reconcileAlerts(before, intents, {
    source,
    now,
    defaultLocale: config.defaultLocale,
    retired: (id) => retired.has(id),
    checks,
    apply: applyChange,
  });
  // The group is checked as a whole before the first change is stored, so a group that cannot
  // all be taken changes nothing; once, not per change, so a large group costs linear time.
  const last = writes.at(-1);
  if (last) {
    const after = writes.reduce((document, { change }) => applyChange(document, change), before);
    valid(validateDocument(after));
    // The last change stands for the group when judging the allowance for closing writes.
    checkLiveSize(before, after, authority, last.change, config.limits);
  }
  let revision = expectedRevision;
  for (const { actor, change } of writes) {
    // The alert's actor says which alert; the token says whose receiver sent it.
    const [record] = await store.append([change], actor, {
      expectedRevision: revision,
      credential: { token },
    });
    revision = record?.revision ?? store.revision;
    deps.metrics.writesAccepted += 1;
    deps.log({
      level: 'info',
      msg: 'change accepted',
      revision,
      actor,
      authority,
      token,
      type: change.type,
      id: change.incident.id,
    });
  }
  return { revision: store.revision, alerts: results };
}
