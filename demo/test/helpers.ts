// Shared by the demo's end-to-end tests: the demo (real feed + static site), Chromium, axe-core.
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import type { Browser, Page } from 'playwright-core';
import type * as Axe from 'axe-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../scripts/chromium.mjs';
import { startDemo, startDemoFeed } from '../server/demo-site.mjs';
import type { Demo } from '../server/demo-site.mjs';

const root = new URL('../..', import.meta.url).pathname;
export const screenshotDir = join(root, 'test-results', 'e2e');

/** Fast reconnects after the feed restarts, so the tests need not wait 3–13 s. */
const FEED_OPTIONS = { retryMs: 500, shutdownJitterMs: 500 };

export interface DemoRun {
  readonly demo: Demo;
  /** Stops the feed (the site stays up). */
  stopFeed(): Promise<void>;
  /** Starts the feed again on the same port with the same journal. */
  restartFeed(): Promise<void>;
  /** Stops everything and removes the journal. */
  stop(): Promise<void>;
}

/** The demo on free ports with an empty journal of its own (nothing seeded). */
export async function startTestDemo(): Promise<DemoRun> {
  const dataDir = await mkdtemp(join(tmpdir(), 'statuskit-e2e-'));
  const demo = await startDemo({ dataDir, feedOptions: FEED_OPTIONS });
  let feed: Demo['feed'] | undefined = demo.feed;
  const port = Number(new URL(demo.feedUrl).port);
  return {
    demo,
    async stopFeed() {
      await feed?.close();
      feed = undefined;
    },
    async restartFeed() {
      feed ??= await startDemoFeed({ dataDir, port, feedOptions: FEED_OPTIONS });
    },
    async stop() {
      demo.site.closeAllConnections();
      await Promise.all([new Promise((resolve) => demo.site.close(resolve)), feed?.close()]);
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

export async function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [...CHROMIUM_ARGS],
  });
}

/**
 * The text of the first element matching `selector`, or '' when there is none. One read, never a
 * wait: counting first and reading after raced an element that left in between, and the read
 * then waited for it forever (the operator-console test hung on the resolved banner).
 */
export async function shownText(page: Page, selector: string): Promise<string> {
  const texts = await page.locator(selector).allInnerTexts();
  return texts[0] ?? '';
}

/** Collects uncaught page errors, to assert there were none. */
export function collectPageErrors(page: Page): Error[] {
  const errors: Error[] = [];
  page.on('pageerror', (error) => errors.push(error));
  return errors;
}

/** The admin API body of an incident on the national eID, as an operator would open it. */
export const EID_OUTAGE = {
  services: ['eid'],
  impact: 'critical',
  title: { da: 'MitID virker ikke', en: 'MitID is not working' },
  message: { da: 'Vi arbejder på det.', en: 'We are working on it.' },
} as const;

export const EID_RESOLVED = {
  state: 'resolved',
  message: { da: 'MitID virker igen.', en: 'MitID works again.' },
} as const;

/** A real admin API call with an authority's demo token; returns the parsed body. */
export async function admin(
  demo: Demo,
  token: keyof Demo['tokens'],
  method: string,
  path: string,
  body: unknown,
): Promise<Record<string, unknown>> {
  const response = await fetch(`${demo.feedUrl}/v1/admin/${path}`, {
    method,
    headers: { authorization: `Bearer ${demo.tokens[token]}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const answer = (await response.json()) as Record<string, unknown>;
  if (!response.ok)
    throw new Error(`${method} ${path}: ${response.status} ${JSON.stringify(answer)}`);
  return answer;
}

export async function screenshot(page: Page, name: string): Promise<void> {
  await mkdir(screenshotDir, { recursive: true });
  await page.screenshot({ path: join(screenshotDir, `${name}.png`), fullPage: true });
}

const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];
let axeSource: string | undefined;

/**
 * axe-core on the whole page (it reaches into open shadow roots). The page's CSP blocks the
 * inline script `page.addScriptTag` would add, so axe's source is evaluated through the
 * DevTools protocol (`page.evaluate`), which CSP does not govern; the page keeps its policy.
 * Returns the violations, one line each.
 */
export async function axeViolations(page: Page): Promise<string[]> {
  axeSource ??= await readFile(join(root, 'node_modules/axe-core/axe.min.js'), 'utf8');
  const loaded = await page.evaluate(() => 'axe' in window);
  if (!loaded) await page.evaluate(axeSource);
  const violations = await page.evaluate(async (tags) => {
    const { axe } = window as unknown as { axe: typeof Axe };
    const result = await axe.run(document, { runOnly: { type: 'tag', values: tags } });
    return result.violations.map(
      (violation) =>
        `${violation.id}: ${violation.help} (${violation.nodes
          .map((node) => JSON.stringify(node.target))
          .join(', ')})`,
    );
  }, AXE_TAGS);
  return violations;
}
