/**
 * The live document as Statuspage's public API v2 sees a page: its components (our services,
 * with their experienced status), incidents and scheduled maintenances, texts in one language.
 * Pure: everything comes from the document, the clock and the config.
 */
import { createHash } from 'node:crypto';
import {
  effectiveStatus,
  isMaintenanceInProgress,
  resolveText,
  type Incident,
  type Maintenance,
  type StatusDocument,
} from '@statuskit/model';
import { TimeZone } from '../planning/zoned-time.js';
import type {
  MaintenanceStatus,
  StatuspageComponent,
  StatuspageIncident,
  StatuspageMaintenance,
  StatuspagePage,
  StatuspageStatus,
  StatuspageUpdate,
} from './objects.js';
import { componentStatus, pageStatus } from './status-mapping.js';

/** Statuspage lists at most the 50 most recent incidents or maintenances. */
const LIST_LIMIT = 50;

export interface PageViewOptions {
  readonly now: number;
  /** The language to resolve texts in (the document's default language when not given). */
  readonly lang: string | undefined;
  /** The config's `publicUrl`: the page's `url` and the base of `shortlink`s. */
  readonly publicUrl: string | undefined;
  /** When the store accepted its latest change, for a document with no dated entry. */
  readonly lastChange: string | undefined;
}

export interface PageView {
  readonly page: StatuspagePage;
  readonly status: StatuspageStatus;
  readonly components: readonly StatuspageComponent[];
  /** Newest first, at most 50. */
  readonly incidents: readonly StatuspageIncident[];
  /** Cancelled maintenance left out (Statuspage has no such state); latest start first. */
  readonly maintenances: readonly StatuspageMaintenance[];
}

/** `page.id`: 12 characters like Statuspage's, stable for a `publicUrl`. */
export function pageId(publicUrl: string | undefined): string {
  return createHash('sha256')
    .update(publicUrl ?? 'statuskit')
    .digest('hex')
    .slice(0, 12);
}

export function pageView(document: StatusDocument, options: PageViewOptions): PageView {
  const { now, publicUrl } = options;
  const zone = new TimeZone(document.timeZone);
  const time = (iso: string): string => zone.iso(Date.parse(iso));
  const text = (value: Parameters<typeof resolveText>[0]): string =>
    resolveText(value, options.lang ?? document.defaultLocale, document.defaultLocale);
  const id = pageId(publicUrl);
  const base = publicUrl?.replace(/\/+$/, '') ?? '';
  const updatedAt = time(
    lastUpdate(document, now) ?? options.lastChange ?? new Date(now).toISOString(),
  );

  const effective = effectiveStatus(document, now);
  const components = document.services.map((service, index): StatuspageComponent => {
    const since = service.statusSince === undefined ? updatedAt : time(service.statusSince);
    return {
      id: service.id,
      name: text(service.name),
      status: componentStatus(effective[service.id]?.status ?? service.status),
      created_at: since,
      updated_at: since,
      position: index + 1,
      description: null,
      showcase: false,
      start_date: null,
      group_id: null,
      page_id: id,
      group: false,
      only_show_if_degraded: false,
    };
  });
  const byId = new Map(components.map((component) => [component.id, component]));
  const componentsOf = (services: readonly string[]): StatuspageComponent[] =>
    services.flatMap((service) => byId.get(service) ?? []);
  const update = <S extends string>(
    entity: string,
    number: number,
    status: S,
    at: string,
    body: string,
  ): StatuspageUpdate<S> => ({
    id: `${entity}-u${number}`,
    status,
    body,
    incident_id: entity,
    created_at: time(at),
    updated_at: time(at),
    display_at: time(at),
    affected_components: null,
    deliver_notifications: true,
    custom_tweet: null,
    tweet_id: null,
  });

  const incident = (entry: Incident): StatuspageIncident => {
    const updates = entry.updates.map((step, index) =>
      update(entry.id, index + 1, step.state, step.time, text(step.message)),
    );
    const monitoring = entry.updates.find((step) => step.state === 'monitoring');
    const last = entry.updates.at(-1)?.time ?? entry.startedAt;
    return {
      id: entry.id,
      name: text(entry.title),
      status: entry.state,
      created_at: time(entry.startedAt),
      updated_at: time(last),
      monitoring_at: monitoring ? time(monitoring.time) : null,
      resolved_at: entry.state === 'resolved' ? time(entry.resolvedAt ?? last) : null,
      impact: entry.impact,
      shortlink: `${base}/api/v2/incidents.json#${entry.id}`,
      started_at: time(entry.startedAt),
      page_id: id,
      incident_updates: updates.reverse(),
      components: componentsOf(entry.services),
    };
  };

  const maintenance = (entry: Maintenance): StatuspageMaintenance | undefined => {
    const status = maintenanceStatus(entry, now);
    if (status === undefined) return undefined;
    const body = text(entry.message);
    const steps: [MaintenanceStatus, string][] = [['scheduled', entry.announcedAt]];
    if (status !== 'scheduled') {
      steps.push(['in_progress', entry.actualStart ?? entry.scheduledStart]);
    }
    const ended = status === 'completed' ? (entry.actualEnd ?? entry.scheduledEnd) : undefined;
    if (ended !== undefined) steps.push(['completed', ended]);
    const updates = steps.map(([state, at], index) => update(entry.id, index + 1, state, at, body));
    return {
      id: entry.id,
      name: text(entry.title),
      status,
      created_at: time(entry.announcedAt),
      updated_at: time(steps.at(-1)?.[1] ?? entry.announcedAt),
      monitoring_at: null,
      resolved_at: ended === undefined ? null : time(ended),
      impact: 'maintenance',
      shortlink: `${base}/api/v2/scheduled-maintenances.json#${entry.id}`,
      started_at: time(entry.announcedAt),
      page_id: id,
      incident_updates: updates.reverse(),
      components: componentsOf(entry.services),
      scheduled_for: time(entry.scheduledStart),
      scheduled_until: time(entry.scheduledEnd),
    };
  };

  const incidents = [...document.incidents]
    .sort((a, b) => Date.parse(b.startedAt) - Date.parse(a.startedAt))
    .slice(0, LIST_LIMIT)
    .map(incident);
  const maintenances = [...document.maintenance]
    .sort((a, b) => Date.parse(b.scheduledStart) - Date.parse(a.scheduledStart))
    .flatMap((entry) => maintenance(entry) ?? [])
    .slice(0, LIST_LIMIT);

  return {
    page: {
      id,
      name: publicUrl === undefined ? 'Statuskit' : new URL(publicUrl).host,
      url: publicUrl ?? '/',
      time_zone: document.timeZone,
      updated_at: updatedAt,
    },
    status: pageStatus(Object.values(effective).map((entry) => entry.status)),
    components,
    incidents,
    maintenances,
  };
}

/**
 * Statuspage's state of a window at `now`. A `scheduled` window whose time has come counts as in
 * progress (as it does for the effective status), and one whose time has passed as completed.
 * Cancelled windows have no Statuspage state: `undefined`.
 */
function maintenanceStatus(entry: Maintenance, now: number): MaintenanceStatus | undefined {
  switch (entry.state) {
    case 'cancelled':
      return undefined;
    case 'completed':
      return 'completed';
    case 'in_progress':
      return 'in_progress';
    case 'scheduled':
      if (isMaintenanceInProgress(entry, now)) return 'in_progress';
      return Date.parse(entry.scheduledEnd) <= now ? 'completed' : 'scheduled';
  }
}

/**
 * When the page last changed: the latest time a status, incident or maintenance window was
 * written, as recorded in the document (so the same document always gives the same body);
 * `undefined` for a document without any.
 */
function lastUpdate(document: StatusDocument, now: number): string | undefined {
  let latest: string | undefined;
  let latestMs = -Infinity;
  const consider = (iso: string | undefined): void => {
    if (iso === undefined) return;
    const ms = Date.parse(iso);
    if (ms > latestMs && ms <= now) {
      latestMs = ms;
      latest = iso;
    }
  };
  for (const service of document.services) consider(service.statusSince);
  for (const entry of document.incidents) {
    consider(entry.startedAt);
    consider(entry.resolvedAt);
    for (const step of entry.updates) consider(step.time);
  }
  for (const entry of document.maintenance) {
    consider(entry.announcedAt);
    consider(entry.actualStart);
    consider(entry.actualEnd);
  }
  return latest;
}
