import { epochMs } from '../active.js';
import { dependencyGraph, type DependencyGraph } from '../dependencies.js';
import { effectiveStatus, type EffectiveStatus } from '../effective-status.js';
import { noticesFor, type Notice } from '../notices.js';
import { impactStatus } from '../status.js';
import { nextTransition } from '../transitions.js';
import type { Alternative, SlaDeclaration, Status, StatusDocument } from '../types.js';
import {
  SERVICE_VIEW_FORMAT,
  type ServiceView,
  type ViewAlternative,
  type ViewNotice,
  type ViewSla,
} from './service-view.js';
import { alternativesWithPlanned } from './view-alternatives.js';
import { viewDependencies } from './view-dependencies.js';
import { viewMaintenance } from './view-maintenance.js';
import { serviceRef, viewText } from './view-text.js';

/** A notice as the model derives it: everything but the sentences, which the feed words. */
export type DerivedNotice = Omit<ViewNotice, 'sentences'>;

/**
 * A service view as the model derives it: everything but what the feed adds (the sentences, the
 * revision, `generatedAt` and the store's freshness).
 */
export type DerivedServiceView = Omit<
  ServiceView,
  'notices' | 'revision' | 'generatedAt' | 'fresh' | 'staleSince'
> & { readonly notices: readonly DerivedNotice[] };

/**
 * What does not depend on the service asked for, kept per document object (documents are
 * immutable values in the model): a feed deriving the view of every service at one instant walks
 * the dependency graph and derives effective statuses once, not once per service.
 */
interface Derivation {
  readonly graph: DependencyGraph;
  at?: { readonly now: number; readonly effective: Readonly<Record<string, EffectiveStatus>> };
}

const derivations = new WeakMap<StatusDocument, Derivation>();

function derivationOf(
  document: StatusDocument,
  now: number,
): { graph: DependencyGraph; effective: Readonly<Record<string, EffectiveStatus>> } {
  let known = derivations.get(document);
  if (known === undefined) {
    known = { graph: dependencyGraph(document) };
    derivations.set(document, known);
  }
  if (known.at?.now !== now) known.at = { now, effective: effectiveStatus(document, now) };
  return { graph: known.graph, effective: known.at.effective };
}

/** The status where the problem starts, which is what the cause sentences talk about. */
function originStatus(notice: Notice): Status {
  switch (notice.kind) {
    case 'incident':
      return impactStatus(notice.incident.impact);
    case 'maintenance':
      return 'maintenance';
    case 'status':
      return notice.service.status;
  }
}

function viewAlternative(
  alternative: Alternative,
  lang: string,
  fallback: string,
): ViewAlternative {
  const { kind, href, detail, hours } = alternative;
  return {
    kind,
    label: viewText(alternative.label, lang, fallback),
    ...(detail !== undefined && { detail: viewText(detail, lang, fallback) }),
    ...(href !== undefined && { href }),
    ...(hours !== undefined && { hours: viewText(hours, lang, fallback) }),
  };
}

/**
 * Everything the elements of `serviceId`'s page show at `now`, with the document's texts in
 * `lang` (else its `defaultLocale`, else any): effective status, notices (`noticesFor`) with
 * their chains, alternatives, the dependency closure and when time alone will change it.
 * `undefined` for a service the document does not have. Pure; never throws on a structurally
 * typed document.
 */
export function deriveServiceView(
  document: StatusDocument,
  serviceId: string,
  now: Date | number,
  lang: string,
): DerivedServiceView | undefined {
  const nowMs = epochMs(now);
  const { graph, effective } = derivationOf(document, nowMs);
  const position = graph.positions.get(serviceId);
  const service = position === undefined ? undefined : graph.services[position];
  if (position === undefined || service === undefined) return undefined;
  const fallback = document.defaultLocale;
  const byId = (id: string) => {
    const at = graph.positions.get(id);
    return at === undefined ? undefined : graph.services[at];
  };
  const own = effective[serviceId];

  const found = noticesFor(document, serviceId, nowMs, { effective });
  const notices = found.map((notice): DerivedNotice => {
    const origin = byId(notice.chain.at(-1) ?? serviceId);
    const subject =
      notice.kind === 'incident'
        ? notice.incident
        : notice.kind === 'maintenance'
          ? notice.maintenance
          : undefined;
    const title =
      notice.kind === 'status'
        ? serviceRef(notice.service.id, notice.service, lang, fallback).name
        : viewText(subject?.title, lang, fallback);
    const message =
      notice.kind === 'incident'
        ? // The latest update says most about where things stand now.
          viewText(
            notice.incident.updates.at(-1)?.message ?? notice.incident.message,
            lang,
            fallback,
          )
        : notice.kind === 'maintenance'
          ? viewText(notice.maintenance.message, lang, fallback)
          : viewText(notice.service.statusMessage, lang, fallback);
    const startsAt =
      notice.kind === 'maintenance' && notice.phase === 'upcoming'
        ? notice.maintenance.scheduledStart
        : undefined;
    return {
      key: notice.key,
      version: notice.version,
      kind: notice.kind,
      id: subject?.id ?? (notice.kind === 'status' ? notice.service.id : ''),
      phase: notice.phase,
      status: notice.status,
      originStatus: originStatus(notice),
      chain: notice.chain.map((id) => serviceRef(id, byId(id), lang, fallback)),
      optional: notice.optional,
      since: notice.since,
      ...(notice.until !== undefined && { until: notice.until }),
      ...(startsAt !== undefined && { startsAt }),
      timeZone: origin?.timeZone ?? document.timeZone,
      title,
      message,
      ...(subject?.keepsWork !== undefined && { keepsWork: subject.keepsWork }),
    };
  });

  const dependencies = viewDependencies(document, graph, position, effective, nowMs, lang);
  const next = viewTransition(document, service, dependencies, nowMs);
  const alternatives = own?.alternatives ?? [];
  const withPlanned = alternativesWithPlanned(alternatives, found);
  const maintenance = viewMaintenance(document, graph, position, nowMs, lang);
  const toView = (item: Alternative) => viewAlternative(item, lang, fallback);
  return {
    format: SERVICE_VIEW_FORMAT,
    service: serviceId,
    lang,
    ...(next !== undefined && { nextChangeAt: new Date(next).toISOString() }),
    name: serviceRef(serviceId, service, lang, fallback).name,
    ...(service.url !== undefined && { url: service.url }),
    timeZone: service.timeZone ?? document.timeZone,
    status: own?.status ?? 'operational',
    ownStatus: service.status,
    notices,
    alternatives: alternatives.map(toView),
    dependencies,
    ...(withPlanned !== undefined && { alternativesWithPlanned: withPlanned.map(toView) }),
    ...(maintenance.length > 0 && { maintenance }),
    ...(service.sla !== undefined && { sla: viewSla(service.sla, lang, fallback) }),
  };
}

function viewSla(sla: SlaDeclaration, lang: string, fallback: string): ViewSla {
  const { availabilityTarget, supportHours, maxOutageMinutes, noticePeriodDays } = sla;
  return {
    availabilityTarget,
    ...(supportHours !== undefined && { supportHours: viewText(supportHours, lang, fallback) }),
    ...(maxOutageMinutes !== undefined && { maxOutageMinutes }),
    ...(noticePeriodDays !== undefined && { noticePeriodDays }),
  };
}

/**
 * When time alone changes this view: `nextTransition` over only the windows on the service and
 * its dependencies, with only the service's own notice window, so a window elsewhere does not
 * make every view new.
 */
function viewTransition(
  document: StatusDocument,
  service: StatusDocument['services'][number],
  dependencies: readonly { readonly id: string }[],
  now: number,
): number | undefined {
  const closure = new Set([service.id, ...dependencies.map(({ id }) => id)]);
  const maintenance = document.maintenance.filter((window) =>
    window.services.some((id) => closure.has(id)),
  );
  return nextTransition({ ...document, services: [service], maintenance }, now);
}
