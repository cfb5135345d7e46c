/**
 * The console's end-to-end harness: the real feed with `--console` on a free port over a temp data
 * dir, Debian's Chromium through playwright-core, and the checks every screen shares (sign-in,
 * axe-core, no horizontal scroll at 320 px, no CSP violation). Other screens' tests build on it,
 * so its exports stay stable; new ones are added beside them.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type * as Axe from 'axe-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../../scripts/chromium.mjs';
import { parseConfig } from '../../feed/src/config.js';
import type { LogEntry } from '../../feed/src/log.js';
import { startFeedServer, type FeedServer, type FeedServerOptions } from '../../feed/src/server.js';

const root = new URL('../../..', import.meta.url).pathname;
const consoleDir = new URL('..', import.meta.url).pathname;
/** The built console (`npm run build`), as `serve --console` serves it. */
export const CONSOLE_DIST = join(consoleDir, 'dist');
export const CONFIG_PATH = join(consoleDir, 'test/fixtures/console.config.json');

/** The test authorities' tokens; the fixture config holds only their SHA-256 hashes. */
export const TOKENS = {
  /** Owns `eid` and `login`. */
  digst: 'console-test-digst-token-0123456789',
  /** Owns `tax-return`, which depends on `login`. */
  skat: 'console-test-skat-token-0123456789',
} as const;

export type TestAuthority = keyof typeof TOKENS;

export interface ConsoleFeed {
  readonly feed: FeedServer;
  /** The feed's origin, e.g. `http://127.0.0.1:41234`. */
  readonly url: string;
  /** `${url}/console/`. */
  readonly consoleUrl: string;
  readonly dataDir: string;
  /** Every line the feed logged, to check what it says (and never says, like a token). */
  readonly logs: LogEntry[];
  /** Restarts the feed on the same data dir and port (sessions in memory are then gone). */
  restart(): Promise<void>;
  /** Stops the feed and removes the data dir. */
  stop(): Promise<void>;
}

export interface ConsoleFeedOptions {
  /** Merged over the fixture config's top-level fields. */
  readonly configOverrides?: Readonly<Record<string, unknown>>;
  /** More feed options (e.g. `now`, `signIn`); `console` is merged over the harness's own. */
  readonly feedOptions?: Partial<FeedServerOptions>;
  /** Session idle expiry, in ms (default: the config's `console.sessionIdleMinutes`). */
  readonly sessionIdleMs?: number;
  /** Session absolute expiry, in ms (default: the config's `console.sessionMaxHours`). */
  readonly sessionMaxMs?: number;
}

/** The real feed with the console, on a free port over an empty temp data dir. */
export async function startConsoleFeed(options: ConsoleFeedOptions = {}): Promise<ConsoleFeed> {
  const fixture = JSON.parse(await readFile(CONFIG_PATH, 'utf8')) as Record<string, unknown>;
  const config = parseConfig(
    JSON.stringify({ ...fixture, ...options.configOverrides }),
    CONFIG_PATH,
  );
  const dataDir = await mkdtemp(join(tmpdir(), 'statuskit-console-'));
  const logs: LogEntry[] = [];
  const start = (port: number): Promise<FeedServer> =>
    startFeedServer({
      config,
      dataDir,
      port,
      log: (entry) => logs.push(entry),
      ...options.feedOptions,
      console: {
        assetsDir: CONSOLE_DIST,
        ...(options.sessionIdleMs !== undefined && { sessionIdleMs: options.sessionIdleMs }),
        ...(options.sessionMaxMs !== undefined && { sessionMaxMs: options.sessionMaxMs }),
        ...options.feedOptions?.console,
      },
    });
  let feed = await start(0);
  const url = feed.url;
  const run = {
    get feed() {
      return feed;
    },
    url,
    consoleUrl: `${url}/console/`,
    dataDir,
    logs,
    async restart() {
      await feed.close();
      feed = await start(Number(new URL(url).port));
    },
    async stop() {
      await feed.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
  return run;
}

export async function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS] });
}

export interface ConsolePage {
  readonly context: BrowserContext;
  readonly page: Page;
  /** CSP violations the page reported (`securitypolicyviolation`), one line each. */
  readonly cspViolations: string[];
  /** Uncaught page errors. */
  readonly pageErrors: Error[];
}

/**
 * A fresh browser context (no cookies, no storage) on the console, in `language` (the browser's
 * language, which the console starts in) and `width` px wide (default 1024).
 */
export async function openConsole(
  browser: Browser,
  feed: ConsoleFeed,
  options: { language?: 'da' | 'en'; width?: number; path?: string } = {},
): Promise<ConsolePage> {
  const context = await browser.newContext({
    locale: options.language ?? 'en',
    viewport: { width: options.width ?? 1024, height: 800 },
  });
  const cspViolations: string[] = [];
  await context.exposeBinding('__statuskitCspViolation', (_source, line: string) => {
    cspViolations.push(line);
  });
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      const report = (window as unknown as Record<string, (line: string) => void>)[
        '__statuskitCspViolation'
      ];
      report?.(`${event.violatedDirective} blocked ${event.blockedURI || 'inline'}`);
    });
  });
  const page = await context.newPage();
  const pageErrors: Error[] = [];
  page.on('pageerror', (error) => pageErrors.push(error));
  await page.goto(`${feed.consoleUrl}${options.path ?? ''}`);
  return { context, page, cspViolations, pageErrors };
}

/** Signs in on the sign-in screen with `token`, and waits until the console shows the session. */
export async function signIn(page: Page, token: string): Promise<void> {
  const field = page.locator('sk-sign-in-screen input[name="token"]');
  await field.fill(token);
  await field.press('Enter');
  await page.locator('statuskit-console button.sign-out').waitFor({ state: 'visible' });
}

/** A real admin API call with a bearer token; status and parsed body, never throwing on 4xx. */
export async function adminRequest(
  feed: ConsoleFeed,
  method: string,
  path: string,
  options: { token?: string; body?: unknown; headers?: Record<string, string> } = {},
): Promise<{ status: number; body: unknown; headers: Headers }> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token !== undefined) headers.authorization = `Bearer ${options.token}`;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(`${feed.url}/v1/admin/${path}`, {
    method,
    headers,
    ...(options.body !== undefined && { body: JSON.stringify(options.body) }),
  });
  const text = await response.text();
  return {
    status: response.status,
    body: text === '' ? undefined : (JSON.parse(text) as unknown),
    headers: response.headers,
  };
}

/** The records of the feed's file journal (`journal.jsonl`), parsed, oldest first. */
export async function journalRecords(feed: ConsoleFeed): Promise<Record<string, unknown>[]> {
  const text = await readFile(join(feed.dataDir, 'journal.jsonl'), 'utf8').catch(() => '');
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];
let axeSource: string | undefined;

/**
 * axe-core on the whole page (it reaches into open shadow roots), one line per violation. The
 * console's CSP blocks the inline script `page.addScriptTag` would add, so axe's source is
 * evaluated through the DevTools protocol, which CSP does not govern; the page keeps its policy.
 */
export async function axeViolations(page: Page): Promise<string[]> {
  axeSource ??= await readFile(join(root, 'node_modules/axe-core/axe.min.js'), 'utf8');
  const loaded = await page.evaluate(() => 'axe' in window);
  if (!loaded) await page.evaluate(axeSource);
  return page.evaluate(async (tags) => {
    const { axe } = window as unknown as { axe: typeof Axe };
    const result = await axe.run(document, { runOnly: { type: 'tag', values: tags } });
    return result.violations.map(
      (violation) =>
        `${violation.id}: ${violation.help} (${violation.nodes
          .map((node) => JSON.stringify(node.target))
          .join(', ')})`,
    );
  }, AXE_TAGS);
}

/**
 * How many px the page scrolls sideways at 320 px wide (0 when it fits): sets the viewport to
 * 320 px, then compares the document's scroll width with its client width.
 */
export async function horizontalOverflowAt320(page: Page): Promise<number> {
  const size = page.viewportSize();
  await page.setViewportSize({ width: 320, height: size?.height ?? 800 });
  return page.evaluate(() => {
    const element = document.scrollingElement ?? document.documentElement;
    return Math.max(0, element.scrollWidth - element.clientWidth);
  });
}
