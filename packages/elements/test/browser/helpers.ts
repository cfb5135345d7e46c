/**
 * Browser-test helpers: a real @statuskit/feed with the shared catalogue (started by the test
 * runner's `feed:*` commands), admin writes through its HTTP API, waiting for conditions, and
 * axe-core with the WCAG 2.0–2.2 A/AA tags plus best practice.
 */
import { executeServerCommand } from '@web/test-runner-commands';
// axe-core ships a UMD script: imported for its side effect, it sets `window.axe`.
import 'axe-core';
import type * as Axe from 'axe-core';
import { feedConfig } from '../catalogue.js';
import { getViewClient } from '@statuskit/client/view';
import { closeFeedClients, feedState } from '../../src/feed/feed-clients.js';

/** Admin tokens per authority of the catalogue. */
const TOKENS: Readonly<Record<string, string>> = {
  digst: 'elements-test-digst-0123456789abcdef',
  tax: 'elements-test-tax-0123456789abcdef',
};
/** Which authority owns what (for picking the token of a write). */
const OWNER: Readonly<Record<string, string>> = { 'tax-return': 'tax' };

export interface TestFeed {
  readonly id: number;
  /** The `/v1` base URL. */
  readonly url: string;
  /**
   * An authenticated admin request as the owner of the services in `body` (else digst); returns
   * the parsed JSON body, throws on failure.
   */
  admin(method: string, path: string, body?: unknown): Promise<Record<string, unknown>>;
  stop(): Promise<void>;
  dispose(): Promise<void>;
}

/** Feeds this test file started: their cached snapshots are ours to remove. */
const started = new Set<string>();

/**
 * Removes the client's cached snapshots of one feed URL (only that one: the test page running
 * next to this one shares localStorage, and a port may be reused by a later feed).
 */
function forgetCachedFeed(url: string): void {
  for (let index = localStorage.length - 1; index >= 0; index -= 1) {
    const key = localStorage.key(index);
    if (
      key === `statuskit:feed:${url}` ||
      key?.startsWith(`statuskit:feed:${url}?`) ||
      key?.startsWith(`statuskit:view:${url}?`)
    ) {
      localStorage.removeItem(key);
    }
  }
}

/** What `feed:start` takes besides the config. */
export interface FeedStartOptions {
  /** Probe settings added to the config as read (`probes` in statuskit.config.json). */
  readonly probes?: readonly Record<string, unknown>[];
}

/** A finished probe check, as the probe runner hands it to the feed (`at` as ISO text). */
export interface ProbeCheckInput {
  readonly probe: string;
  readonly service: string;
  readonly at: string;
  readonly ok: boolean;
}

/** Hands checks to the feed's measured availability, as its probe runner would. */
export async function recordProbeChecks(
  feed: TestFeed,
  checks: readonly ProbeCheckInput[],
): Promise<void> {
  await executeServerCommand('feed:record-probe-checks', { id: feed.id, checks });
}

/** A feed of the shared catalogue; `adjust` may change its configuration first (e.g. names). */
export async function startFeed(
  adjust: (config: Record<string, unknown>) => Record<string, unknown> = (config) => config,
  options: FeedStartOptions = {},
): Promise<TestFeed> {
  const hashes: Record<string, string> = {};
  for (const [authority, token] of Object.entries(TOKENS)) {
    hashes[authority] = await executeServerCommand<string, { token: string }>('feed:hash-token', {
      token,
    });
  }
  const { id, url } = await executeServerCommand<{ id: number; url: string }, unknown>(
    'feed:start',
    {
      // The test page writes through the admin API from its own origin, which the feed must list
      // as an admin origin (public reads are open to any origin).
      config: adjust({
        ...feedConfig(hashes),
        cors: { origins: '*', adminOrigins: [location.origin] },
      }),
      options,
    },
  );
  forgetCachedFeed(url);
  started.add(url);
  return {
    id,
    url,
    admin: async (method, path, body) => {
      const services = (body as { services?: string[] } | undefined)?.services ?? [];
      const authority = OWNER[services[0] ?? ''] ?? 'digst';
      const response = await fetch(`${url}/admin${path}`, {
        method,
        headers: {
          authorization: `Bearer ${TOKENS[authority] ?? ''}`,
          'content-type': 'application/json',
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      const json = (await response.json()) as Record<string, unknown>;
      if (!response.ok)
        throw new Error(`${method} ${path}: ${response.status} ${JSON.stringify(json)}`);
      return json;
    },
    stop: async () => {
      await executeServerCommand('feed:stop', { id });
    },
    dispose: async () => {
      await executeServerCommand('feed:dispose', { id });
    },
  };
}

/** ISO time `minutes` from now. */
export function fromNow(minutes: number): string {
  return new Date(Date.now() + minutes * 60_000).toISOString();
}

/** The states every element is checked in. */
export type Scenario =
  | 'quiet'
  | 'incident-direct'
  | 'incident-dependency'
  | 'maintenance-upcoming'
  | 'maintenance-in-progress'
  | 'maintenance-soon'
  | 'several';

/** Puts a fresh feed into a scenario through the admin API. */
export async function arrange(feed: TestFeed, scenario: Scenario): Promise<void> {
  const incidentOn = (services: string[], impact: string, extra: Record<string, unknown> = {}) =>
    feed.admin('POST', '/incidents', {
      services,
      impact,
      title: { da: 'Fejl ved indsendelse', en: 'Problems sending returns', fi: 'Lähetysvirhe' },
      message: {
        da: 'Vi arbejder på at løse fejlen.',
        en: 'We are working on a fix.',
        fi: 'Korjaamme vikaa.',
      },
      ...extra,
    });
  const maintenanceOn = (services: string[], start: number, end: number, extra = {}) =>
    feed.admin('POST', '/maintenance', {
      services,
      title: { da: 'Opdatering af MitID', en: 'MitID update', fi: 'MitID-päivitys' },
      message: { da: 'MitID får en ny version.', en: 'MitID gets a new version.' },
      scheduledStart: fromNow(start),
      scheduledEnd: fromNow(end),
      keepsWork: false,
      alternatives: [
        {
          kind: 'deadline',
          label: { da: 'Fristen forlænges med en dag', en: 'The deadline moves one day' },
        },
      ],
      ...extra,
    });
  switch (scenario) {
    case 'quiet':
      return;
    case 'incident-direct':
      await incidentOn(['tax-return'], 'major', { keepsWork: true });
      return;
    case 'incident-dependency':
      await feed.admin('POST', '/incidents', {
        services: ['eid'],
        impact: 'critical',
        title: { da: 'MitID er nede', en: 'MitID is down', fi: 'MitID ei toimi' },
        message: { da: 'Ingen kan logge ind lige nu.', en: 'Nobody can log in right now.' },
      });
      return;
    case 'maintenance-upcoming':
      await maintenanceOn(['eid'], 3 * 24 * 60, 3 * 24 * 60 + 240);
      return;
    case 'maintenance-in-progress':
      await maintenanceOn(['tax-return'], -30, 90, { keepsWork: true });
      return;
    case 'maintenance-soon':
      await maintenanceOn(['eid'], 10, 130);
      return;
    case 'several':
      await incidentOn(['digital-post'], 'minor');
      await maintenanceOn(['eid'], 2 * 24 * 60, 2 * 24 * 60 + 120);
      await incidentOn(['login'], 'major');
      return;
  }
}

/** Resolves once `check` passes, polling; generous for a loaded 2-core machine. */
export async function waitFor(
  check: () => boolean,
  what: string | (() => string),
  timeoutMs = 10_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) {
      throw new Error(`timed out waiting for ${typeof what === 'string' ? what : what()}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** The visible text of an element's shadow root, whitespace collapsed. */
export function shadowText(element: Element | null | undefined): string {
  return (element?.shadowRoot?.textContent ?? '').replace(/\s+/g, ' ').trim();
}

/** The page's light-DOM live region text: both politeness levels, or one. */
export function announcerText(
  politeness?: 'polite' | 'assertive',
  root: Document = document,
): string {
  const selector = politeness
    ? `[data-statuskit-announcer] [aria-live="${politeness}"]`
    : '[data-statuskit-announcer]';
  return (root.querySelector(selector)?.textContent ?? '').replace(/\s+/g, ' ').trim();
}

/** Resolves once the shared client of `url` holds a document confirmed by the feed. */
export async function feedConfirmed(url: string): Promise<void> {
  await waitFor(() => feedState(url)?.source === 'feed', `feed ${url} confirmed`);
}

/**
 * Resolves once the page's shared view client of `service` in `lang` (the one a banner for it
 * uses) holds a view confirmed by the feed.
 */
export async function viewConfirmed(url: string, service: string, lang: string): Promise<void> {
  const client = getViewClient(url, service, lang);
  await waitFor(() => client.getState().source === 'feed', `view of ${service} confirmed`);
}

/** Brings the test's page to the front: background pages render no frames (layout shifts). */
export async function bringToFront(): Promise<void> {
  await executeServerCommand('page:bring-to-front');
}

/**
 * A page around the elements as an agency would have it: `lang`, a main landmark with an h1 (so
 * axe's page-level best practices hold), the elements inside.
 */
export function mount(html: string, lang = 'en'): HTMLElement {
  const main = document.createElement('main');
  main.setAttribute('lang', lang);
  main.innerHTML = `<h1>Test page</h1>${html}`;
  document.body.append(main);
  return main;
}

/** An element fed by a service view: what it asks the page's shared view client for. */
interface ViewFed extends Element {
  feedUrl(): string | undefined;
  serviceId(): string | undefined;
  viewLanguage(): string | undefined;
}

/**
 * The view clients the page's elements use (feed, service, language): closed with the page, as
 * the document clients are, so a test's live streams do not pile up against the browser's six
 * connections per origin.
 */
function viewClientsInUse(): [string, string, string][] {
  const triples: [string, string, string][] = [];
  for (const element of document.querySelectorAll('main *')) {
    if (!('viewLanguage' in element)) continue;
    const fed = element as ViewFed;
    const [feed, service, lang] = [fed.feedUrl(), fed.serviceId(), fed.viewLanguage()];
    if (feed !== undefined && service !== undefined && lang !== undefined) {
      triples.push([feed, service, lang]);
    }
  }
  return triples;
}

/** Removes test pages, closes the shared clients, forgets this page's cached feeds. */
export function cleanUp(): void {
  const views = viewClientsInUse();
  for (const main of document.querySelectorAll('main')) main.remove();
  for (const [feed, service, lang] of views) getViewClient(feed, service, lang).close();
  // Drop anything still waiting in the announcer's debounce, so it cannot leak into a later test.
  const announcer = (
    globalThis as Record<symbol, { queue: unknown[]; timer?: number } | undefined>
  )[Symbol.for('statuskit.announcer')];
  if (announcer) {
    announcer.queue = [];
    clearTimeout(announcer.timer);
  }
  for (const region of document.querySelectorAll('[data-statuskit-announcer] [aria-live]')) {
    region.textContent = '';
  }
  closeFeedClients();
  // Dismissals are kept per feed, and every test has a feed of its own: nothing to forget (and
  // localStorage is shared with the test page running next to this one).
  for (const url of started) forgetCachedFeed(url);
}

export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];

/** axe-core on `root` (it reaches into open shadow roots); throws listing every violation. */
export async function expectNoAxeViolations(
  root: Element | Document,
  label: string,
): Promise<void> {
  const { axe } = globalThis as unknown as { axe: typeof Axe };
  const result = await axe.run(root, { runOnly: { type: 'tag', values: AXE_TAGS } });
  if (result.violations.length > 0) {
    const report = result.violations
      .map(
        (violation) =>
          `${violation.id}: ${violation.help}\n${violation.nodes
            .map((node) => `  ${JSON.stringify(node.target)} ${node.failureSummary ?? ''}`)
            .join('\n')}`,
      )
      .join('\n');
    throw new Error(`axe (${label}):\n${report}`);
  }
}
