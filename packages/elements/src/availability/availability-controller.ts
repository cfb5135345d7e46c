import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { isServiceId } from '../feed/feed-url.js';
import { parseAvailabilityReport } from './availability-report.js';
import type { AvailabilityReport } from './availability-report.js';

/** What the controller needs from its element. */
export interface AvailabilityHost extends ReactiveControllerHost {
  readonly days: number;
  /** The feed of the element's view (its client's, else its attribute's or the page's). */
  viewFeedUrl(): string | undefined;
  serviceId(): string | undefined;
}

export type AvailabilityLoad =
  | { readonly status: 'idle' }
  | { readonly status: 'loading' }
  | { readonly status: 'ready'; readonly report: AvailabilityReport }
  /** The feed answered 404: it has no such service (a mistyped id), so there is nothing to show. */
  | { readonly status: 'unknown-service' }
  | { readonly status: 'error' };

export const DEFAULT_DAYS = 90;
const MAX_DAYS = 366;
/** Refetch at most once a minute, however often the view changes. */
const MIN_INTERVAL_MS = 60_000;
/** A burst of changes (an incident opened, then updated) is one refetch. */
const DEBOUNCE_MS = 2_000;
const TIMEOUT_MS = 20_000;

/** `days` as the feed accepts it: a whole number from 1 to 366, else 90. */
export function clampDays(days: unknown): number {
  const value = typeof days === 'number' ? Math.floor(days) : Number.NaN;
  return Number.isFinite(value) && value >= 1 ? Math.min(value, MAX_DAYS) : DEFAULT_DAYS;
}

/**
 * Fetches the service's availability history for `<status-availability>`.
 *
 * **The one exception to "elements never fetch".** Every other element renders from the shared
 * client's live service view, which holds the present: open incidents, maintenance to come.
 * Ninety days of measured availability are not in that view (they would bloat every event sent
 * to every page), so the feed serves them from `GET /services/{id}/availability`, and this
 * controller asks for them. It stays tied to the shared client: a new view (its `revision`) tells
 * it when the history may have changed, and it refetches then, debounced and at most once
 * a minute (the feed caches answers for five minutes anyway). A failed refetch keeps the last
 * good figures; a first fetch that fails is the element's error state. Nothing ever throws into
 * the page.
 */
export class AvailabilityController implements ReactiveController {
  load: AvailabilityLoad = { status: 'idle' };
  private target: string | undefined;
  private revision: number | undefined;
  private lastFetch = Number.NEGATIVE_INFINITY;
  private abort: AbortController | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private connected = false;

  constructor(private readonly host: AvailabilityHost) {
    host.addController(this);
  }

  hostConnected(): void {
    this.connected = true;
    // `sync` runs in the element's next update and fetches again if needed.
    this.target = undefined;
    this.host.requestUpdate();
  }

  hostDisconnected(): void {
    this.connected = false;
    this.cancel();
  }

  /** The printable page of an outage's signed record, in `lang`; `undefined` without a feed. */
  recordUrl(id: string, lang: string): string | undefined {
    const base = this.host.viewFeedUrl();
    if (base === undefined) return undefined;
    return `${base.replace(/\/+$/, '')}/records/${encodeURIComponent(id)}?format=html&lang=${encodeURIComponent(lang)}`;
  }

  /** The URL asked for, or `undefined` when there is no usable feed or service. */
  url(): string | undefined {
    const base = this.host.viewFeedUrl();
    const service = this.host.serviceId();
    if (base === undefined || !isServiceId(service)) return undefined;
    const days = clampDays(this.host.days);
    return `${base.replace(/\/+$/, '')}/services/${service}/availability?days=${String(days)}`;
  }

  /**
   * Called in every update with the view's revision: fetches when the target changed,
   * and schedules a refetch when the revision did. Cheap when nothing changed.
   */
  sync(revision: number | undefined): void {
    if (!this.connected) return;
    const url = this.url();
    if (url !== this.target) {
      this.cancel();
      this.target = url;
      this.revision = revision;
      this.load = url === undefined ? { status: 'idle' } : { status: 'loading' };
      if (url !== undefined) void this.fetch(url);
      return;
    }
    if (revision === undefined || revision === this.revision) return;
    const first = this.revision === undefined;
    this.revision = revision;
    // The first revision to arrive is the state the first fetch already reflects.
    if (!first && url !== undefined) this.schedule(url);
  }

  private schedule(url: string): void {
    if (this.timer !== undefined) return;
    const wait = Math.max(DEBOUNCE_MS, this.lastFetch + MIN_INTERVAL_MS - Date.now());
    this.timer = setTimeout(() => {
      this.timer = undefined;
      if (this.connected && this.target === url) void this.fetch(url);
    }, wait);
  }

  private cancel(): void {
    this.abort?.abort();
    this.abort = undefined;
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private async fetch(url: string): Promise<void> {
    this.abort?.abort();
    const abort = new AbortController();
    this.abort = abort;
    this.lastFetch = Date.now();
    const timeout = setTimeout(() => {
      abort.abort();
    }, TIMEOUT_MS);
    let report: AvailabilityReport | undefined;
    let missing = false;
    try {
      const response = await fetch(url, {
        signal: abort.signal,
        headers: { accept: 'application/json' },
        credentials: 'omit',
      });
      if (response.ok) report = parseAvailabilityReport(await response.json());
      missing = response.status === 404;
    } catch {
      // Unreachable, aborted, not JSON: the error state (or the last good figures) below.
    } finally {
      clearTimeout(timeout);
    }
    if (this.abort !== abort) return;
    this.abort = undefined;
    if (abort.signal.aborted && !this.connected) return;
    if (report) this.load = { status: 'ready', report };
    else if (missing) this.load = { status: 'unknown-service' };
    else if (this.load.status !== 'ready') this.load = { status: 'error' };
    this.host.requestUpdate();
  }
}
