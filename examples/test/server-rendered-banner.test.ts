// examples/server-rendered-banner: the documented nginx SSI configuration in front of a real feed.
// The page carries the banner as nginx serves it: readers without JavaScript see it, and with
// JavaScript the element takes it over in place (no layout shift) under the example's strict CSP.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  admin,
  collectPageErrors,
  launchChromium,
  startTestDemo,
  type DemoRun,
} from '../../demo/test/helpers.js';
import { EID_OUTAGE, examplesDir, shownText } from './helpers.js';
import { startNginx, type RunningNginx } from './nginx.js';

const EXAMPLE = join(examplesDir, 'server-rendered-banner');
const SITE = join(EXAMPLE, 'statuskit-ssi.conf');
const DIST = join(examplesDir, '..', 'packages', 'elements', 'dist');

let run: DemoRun;
let nginx: RunningNginx;
let browser: Browser;

beforeAll(async () => {
  run = await startTestDemo();
  nginx = await startNginx(SITE, [new URL(run.demo.feedUrl).host], {
    'root /var/www/agency;': `root ${join(EXAMPLE, 'site')};`,
    'alias /var/www/statuskit/;': `alias ${DIST}/;`,
  });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser.close();
  await nginx.stop();
  await run.stop();
});

const page = () => fetch(`${nginx.url}/`).then((response) => response.text());

describe('the server-rendered banner example (nginx SSI)', () => {
  it('includes nothing while all is well', async () => {
    const html = await page();
    expect(html).toContain('<h1>Selvangivelse</h1>');
    expect(html).not.toContain('<status-banner');
    expect(html).not.toContain('error occurred');
  });

  it('keeps the CSP hash of the banner style in step with the feed', async () => {
    const response = await fetch(`${run.demo.feedUrl}/v1/services/tax-return/banner.html`);
    const hash = String(response.headers.get('statuskit-style-hash'));
    expect(hash).toMatch(/^'sha256-/);
    expect(await readFile(SITE, 'utf8')).toContain(`style-src 'self' ${hash};`);
  });

  it('shows the banner with JavaScript off: heading, cause, message and the way to the alternatives', async () => {
    await admin(run.demo, 'digst', 'POST', 'incidents', EID_OUTAGE);
    const html = await page();
    expect(html).toMatch(/<main>\s*<status-banner service="tax-return" lang="da"/);
    const context = await browser.newContext({ javaScriptEnabled: false });
    try {
      const noScript = await context.newPage();
      await noScript.goto(`${nginx.url}/`);
      const text = await shownText(noScript, 'status-banner section');
      expect(text).toContain('Årsopgørelse');
      expect(text).toContain('MitID');
      const link = noScript.locator('status-banner a[href="#andre-veje"]');
      expect(await link.count()).toBe(1);
      await link.click();
      expect(noScript.url()).toMatch(/#andre-veje$/);
    } finally {
      await context.close();
    }
  });

  it('with JavaScript, the element takes the banner over in place: same box, no layout shift, no CSP error', async () => {
    // A reader in Denmark, as the server assumes (a reader in another zone sees the zone named
    // once the element takes over, which may wrap a line: see the elements README).
    const context = await browser.newContext({
      viewport: { width: 1000, height: 800 },
      locale: 'da-DK',
      timezoneId: 'Europe/Copenhagen',
    });
    try {
      const live = await context.newPage();
      const errors: string[] = [];
      const pageErrors = collectPageErrors(live);
      live.on('console', (message) => {
        if (message.type() === 'error') errors.push(message.text());
      });
      await live.addInitScript(() => {
        const seen: number[] = [];
        (window as unknown as { shifts: number[] }).shifts = seen;
        new PerformanceObserver((list) => {
          for (const entry of list.getEntries())
            seen.push((entry as unknown as { value: number }).value);
        }).observe({ type: 'layout-shift', buffered: true });
      });
      await live.goto(`${nginx.url}/`, { waitUntil: 'domcontentloaded' });
      const box = () =>
        live.evaluate(() => {
          const rect = document.querySelector('h1')?.getBoundingClientRect();
          return rect ? `${rect.top},${rect.height}` : '';
        });
      const before = await box();
      // Taken over: lit has rendered the element's own view (its comment markers are in the
      // shadow root; the server's markup has none).
      await live
        .waitForFunction(
          () =>
            document.querySelector('status-banner')?.shadowRoot?.innerHTML.includes('<!--') ===
            true,
          undefined,
          { timeout: 10_000 },
        )
        .catch(async (error: unknown) => {
          const state = await live.evaluate(() => ({
            defined: customElements.get('status-banner') !== undefined,
            html: document.querySelector('status-banner')?.shadowRoot?.innerHTML.slice(0, 200),
          }));
          throw new Error(`${String(error)} ${JSON.stringify(state)} ${errors.join(' | ')}`);
        });
      await live.waitForTimeout(500);
      expect(await box()).toBe(before);
      expect(await live.evaluate(() => (window as unknown as { shifts: number[] }).shifts)).toEqual(
        [],
      );
      expect(await shownText(live, 'status-banner section')).toContain('MitID');
      expect(errors).toEqual([]);
      expect(pageErrors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('leaves the banner out, and no error text in, when the feed cannot be reached', async () => {
    await run.stopFeed();
    const html = await page();
    expect(html).toContain('<h1>Selvangivelse</h1>');
    expect(html).not.toContain('<status-banner');
    expect(html).not.toContain('error occurred');
    await run.restartFeed();
  });
});
