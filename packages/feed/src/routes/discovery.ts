/**
 * `GET /v1`: a discovery document linking every public endpoint, so an integrator who only knows
 * the feed's address finds the rest. Links are absolute from the config's `publicUrl`, never from
 * the request's Host header (which anyone can forge); without `publicUrl` they are relative.
 */
import type { FeedConfig } from '@statuskit/model';
import { sendJson } from '../http/respond.js';
import type { Router } from '../http/router.js';
import { STATUSPAGE_PATHS } from '../statuspage/routes.js';
import type { ChangeStore } from '../store/change-store.js';

export interface DiscoveryDependencies {
  readonly config: FeedConfig;
  readonly store: ChangeStore;
  /** `/metrics` is on its own listener (`--metrics-port`), so not linked here. */
  readonly metricsElsewhere: boolean;
}

/** `summary.json` → `summary`, `scheduled-maintenances/upcoming.json` → `scheduledMaintenancesUpcoming`. */
function linkName(path: string): string {
  return path
    .slice('/api/v2/'.length, -'.json'.length)
    .split(/[/-]/)
    .map((word, index) => (index === 0 ? word : `${word.charAt(0).toUpperCase()}${word.slice(1)}`))
    .join('');
}

export function registerDiscoveryRoute(router: Router, deps: DiscoveryDependencies): void {
  const base = deps.config.publicUrl?.replace(/\/+$/, '') ?? '';
  const link = (path: string): string => `${base}${path}`;
  router.on('GET', '/v1', ({ res }) => {
    const services = deps.store.document.services.map((service) => ({
      id: service.id,
      availability: link(`/v1/services/${encodeURIComponent(service.id)}/availability`),
    }));
    sendJson(
      res,
      200,
      {
        protocol: 'statuskit-feed/v1',
        links: {
          self: link('/v1'),
          status: link('/v1/status.json'),
          stream: link('/v1/stream'),
          // RFC 6570 templates: one service's view, worded in `lang` (see the README, "Service views").
          view: link('/v1/status.json?view={id}{&lang}'),
          viewStream: link('/v1/stream?view={id}{&lang}'),
          maintenanceCalendar: link('/v1/maintenance.ics'),
          historyAtom: link('/v1/history.atom'),
          // RFC 6570 template: one per service below.
          availability: link('/v1/services/{id}/availability'),
          // The public keys that signed outage records (`/v1/records/{id}`) verify against.
          keys: link('/v1/keys'),
          healthz: link('/healthz'),
          ...(!deps.metricsElsewhere && { metrics: link('/metrics') }),
          statuspage: Object.fromEntries(
            STATUSPAGE_PATHS.map((path) => [linkName(path), link(path)]),
          ),
        },
        services,
      },
      { 'cache-control': 'public, max-age=60' },
    );
  });
}
