// Issue 14, parts 2 and 3, end to end: the real feed with the console, Debian's Chromium. An
// operator opens an incident on `login` by keyboard and the page of `tax-return` (which depends
// on it) shows it with its cause; the preview shows the draft in each feed language; the
// overview warns; axe finds nothing on the overview and incident screens in Danish and English.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  adminRequest,
  axeViolations,
  CONSOLE_DIST,
  horizontalOverflowAt320,
  launchChromium,
  openConsole,
  signIn,
  startConsoleFeed,
  TOKENS,
  type ConsoleFeed,
  type ConsolePage,
} from './harness.js';
import { focusedElement, tabTo } from './keyboard.js';
import { serveServicePage, type ServicePage } from './service-page.js';

let feed: ConsoleFeed;
let browser: Browser;
let taxReturnPage: ServicePage;
const opened: ConsolePage[] = [];

beforeAll(async () => {
  if (!existsSync(join(CONSOLE_DIST, 'console.js'))) throw new Error('run `npm run build` first');
  feed = await startConsoleFeed();
  browser = await launchChromium();
  taxReturnPage = await serveServicePage(feed.url, 'tax-return');
});

afterAll(async () => {
  for (const { context } of opened) await context.close();
  await browser.close();
  await taxReturnPage.close();
  await feed.stop();
});

async function console_(
  token: string,
  options: { language?: 'da' | 'en'; path?: string; width?: number } = {},
): Promise<ConsolePage> {
  const opening = await openConsole(browser, feed, options);
  opened.push(opening);
  await signIn(opening.page, token);
  return opening;
}

/** The visible text of the first match, through shadow roots ('' when there is none). */
async function textOf(page: Page, selector: string): Promise<string> {
  const [first = ''] = await page.locator(selector).allInnerTexts();
  return first;
}

const heading = (page: Page) => textOf(page, 'main h1');
const bannerOn = (page: Page) => textOf(page, 'status-banner section');

describe('incidents in the console', () => {
  let incidentId = '';

  it('opens an incident on login by keyboard, and the page of tax-return shows it with its cause', async () => {
    const { page, cspViolations, pageErrors } = await console_(TOKENS.digst, {
      path: '#/incidents/new',
    });
    await expect.poll(() => heading(page)).toBe('Open an incident');

    await tabTo(page, 'input#service-login');
    await page.keyboard.press('Space');
    await tabTo(page, 'select#impact');
    await page.keyboard.press('End');
    await tabTo(page, 'input#text-da[name=title.da]');
    await page.keyboard.type('Log ind virker ikke');
    await page.keyboard.press('Tab');
    expect(await focusedElement(page)).toBe('input#text-en[name=title.en]');
    await page.keyboard.type('Login is not working');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Vi arbejder på det.');
    await page.keyboard.press('Tab');
    await page.keyboard.type('We are working on it.');

    // The preview shows the draft on the first page it would appear on (login's own).
    await expect
      .poll(() => textOf(page, 'sk-preview-panel status-banner section'))
      .toContain('Log ind');

    await tabTo(page, 'button[type=submit]', 80);
    await page.keyboard.press('Enter');

    await expect.poll(() => heading(page)).toBe('Login is not working');
    incidentId = decodeURIComponent(new URL(page.url()).hash.split('/')[2] ?? '');
    expect(incidentId).not.toBe('');
    await expect
      .poll(() => textOf(page, 'statuskit-console .announcer'))
      .toContain('is open and published');

    const service = await browser.newPage();
    await service.goto(taxReturnPage.url);
    await expect.poll(() => bannerOn(service), { timeout: 10_000 }).toContain('Login');
    expect(await bannerOn(service)).toContain('Tax return');
    await service.close();
    expect(cspViolations).toEqual([]);
    expect(pageErrors).toEqual([]);
  });

  it('posts an update and resolves the incident; the service page clears', async () => {
    const { page } = await console_(TOKENS.digst, { path: `#/incidents/${incidentId}` });
    await expect.poll(() => heading(page)).toBe('Login is not working');
    const service = await browser.newPage();
    await service.goto(taxReturnPage.url);
    await expect.poll(() => bannerOn(service), { timeout: 10_000 }).toContain('Login');

    await page.locator('select#state').selectOption('monitoring');
    await page
      .locator('sk-localized-text-fields#message textarea[lang=da]')
      .fill('Det virker igen.');
    await page
      .locator('sk-localized-text-fields#message textarea[lang=en]')
      .fill('It works again.');
    await page.locator('button[type=submit]').click();
    await expect.poll(() => textOf(page, 'main ul.plain li')).toContain('It works again.');
    await expect.poll(() => textOf(page, 'statuskit-console .announcer')).toContain('published');

    await page.locator('sk-localized-text-fields#message textarea[lang=da]').fill('Løst.');
    await page.locator('sk-localized-text-fields#message textarea[lang=en]').fill('Resolved.');
    await page.getByRole('button', { name: 'Resolve' }).click();
    await expect.poll(() => textOf(page, 'main p.meta')).toContain('Resolved');
    await expect.poll(() => bannerOn(service), { timeout: 10_000 }).toBe('');
    await service.close();
  });

  it("shows another authority's incident read-only, and lists only the own services to open one on", async () => {
    const incident = await adminRequest(feed, 'POST', 'incidents', {
      token: TOKENS.digst,
      body: {
        services: ['eid'],
        impact: 'minor',
        title: { da: 'MitID er langsom', en: 'MitID is slow' },
        message: { da: 'Vi undersøger det.', en: 'We are looking into it.' },
      },
    });
    const id = (incident.body as { incident: { id: string } }).incident.id;
    const { page } = await console_(TOKENS.skat, { path: `#/incidents/${id}` });
    await expect.poll(() => heading(page)).toBe('MitID is slow');
    expect(await textOf(page, 'main p.notice')).toContain('Read only');
    expect(await page.locator('main form').count()).toBe(0);

    await page.goto(`${feed.consoleUrl}#/incidents/new`);
    await expect.poll(() => heading(page)).toBe('Open an incident');
    const choices = await page
      .locator('main input[name=services]')
      .evaluateAll((inputs) => inputs.map((input) => (input as HTMLInputElement).value));
    expect(choices).toEqual(['tax-return']);
    await adminRequest(feed, 'POST', `incidents/${id}/updates`, {
      token: TOKENS.digst,
      body: { state: 'resolved', message: { da: 'Løst.', en: 'Resolved.' } },
    });
  });

  it('shows the feed’s problems next to their fields and in a focused summary', async () => {
    const { page } = await console_(TOKENS.skat, { path: '#/incidents/new' });
    await expect.poll(() => heading(page)).toBe('Open an incident');
    await page.locator('button[type=submit]').click();
    const summary = page.locator('main .alert[role=alert]');
    await expect.poll(() => summary.count()).toBe(1);
    expect(await summary.innerText()).toContain('services');
    const focusedIsSummary = await page.evaluate(() => {
      let active: Element | null = document.activeElement;
      while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
      return active?.classList.contains('alert') ?? false;
    });
    expect(focusedIsSummary).toBe(true);
    const described = await page.locator('main fieldset#services').getAttribute('aria-describedby');
    expect(described).toBe('services-problem');
    expect(await textOf(page, 'main #services-problem')).not.toBe('');
  });

  it('submits the form with Enter in a one-line text field, as a plain form would', async () => {
    const { page } = await console_(TOKENS.skat, { path: '#/incidents/new' });
    await expect.poll(() => heading(page)).toBe('Open an incident');
    const title = page.locator('sk-localized-text-fields#title input[lang=da]');
    await title.fill('Selvangivelsen er nede');
    await title.press('Enter');
    // Nothing else was filled in: the feed's refusal proves the form was sent.
    await expect.poll(() => page.locator('main .alert[role=alert]').count()).toBe(1);
  });
});

describe('the preview', () => {
  it("shows the draft's heading in each feed language, at phone and desktop widths", async () => {
    const { page } = await console_(TOKENS.skat, { path: '#/incidents/new' });
    await expect.poll(() => heading(page)).toBe('Open an incident');
    await page.locator('input#service-tax-return').check();
    await page
      .locator('sk-localized-text-fields#title input[lang=da]')
      .fill('Selvangivelsen er nede');
    await page
      .locator('sk-localized-text-fields#title input[lang=en]')
      .fill('The tax return is down');
    await page
      .locator('sk-localized-text-fields#message textarea[lang=da]')
      .fill('Vi arbejder på det.');
    await page.locator('sk-localized-text-fields#message textarea[lang=en]').fill('We are on it.');
    await expect
      .poll(() => textOf(page, 'sk-preview-panel .frame.phone status-banner section'))
      .toContain('Selvangivelsen er nede');
    expect(
      await page.locator('sk-preview-panel .frame.phone').evaluate((frame) => frame.clientWidth),
    ).toBe(320);
    await page.locator('sk-preview-panel input[value=desktop]').check();
    expect(
      await page.locator('sk-preview-panel .frame.desktop').evaluate((frame) => frame.clientWidth),
    ).toBe(960);
    await page.locator('sk-preview-panel select#preview-language').selectOption('en');
    await expect
      .poll(() => textOf(page, 'sk-preview-panel .frame.desktop status-banner section'))
      .toContain('The tax return is down');
  });
});

describe('the overview', () => {
  it('warns of a missing translation and a notice period not met, and refreshes live', async () => {
    await adminRequest(feed, 'POST', 'maintenance', {
      token: TOKENS.skat,
      body: {
        id: 'rushed',
        services: ['tax-return'],
        title: { da: 'Hasteopdatering', en: 'Urgent update' },
        message: { da: 'Selvangivelsen lukker.' },
        scheduledStart: new Date(Date.now() + 2 * 86_400_000).toISOString(),
        scheduledEnd: new Date(Date.now() + 2 * 86_400_000 + 3_600_000).toISOString(),
      },
    });
    const { page } = await console_(TOKENS.skat, { path: '#/overview' });
    await expect.poll(() => heading(page)).toBe('Overview');
    const warnings = () => textOf(page, 'sk-overview-screen section[aria-labelledby=warnings]');
    await expect.poll(warnings).toContain('notice period of 5 days');
    expect(await warnings()).toContain('lacks English in message');

    // Live: a change elsewhere shows without a reload.
    await adminRequest(feed, 'POST', 'incidents', {
      token: TOKENS.digst,
      body: {
        id: 'alert-eid',
        services: ['eid'],
        impact: 'critical',
        title: { da: 'MitID er nede', en: 'MitID is down' },
        message: { da: 'Alarm.', en: 'Alert.' },
      },
    });
    const incidents = () => textOf(page, 'sk-overview-screen section[aria-labelledby=incidents]');
    await expect.poll(incidents, { timeout: 10_000 }).toContain('MitID is down');
    expect(await incidents()).toContain('Opened by monitoring');
    // By name, not by id.
    expect(await incidents()).toContain('Affects MitID');
    const services = () => textOf(page, 'sk-overview-screen section[aria-labelledby=services]');
    expect(await services()).toContain(
      'because it depends on Login (Major outage), which depends on MitID (Major outage)',
    );
    // MitID itself is down through its own incident, not through a dependency.
    expect(await services()).toContain(
      'because of an open incident or maintenance on this service',
    );
    await adminRequest(feed, 'POST', 'incidents/alert-eid/updates', {
      token: TOKENS.digst,
      body: { state: 'resolved', message: { da: 'Løst.', en: 'Resolved.' } },
    });
  });
});

describe('the overview, when the feed cannot be reached', () => {
  it('says so, and clears the message when the stream is back', async () => {
    const { page } = await console_(TOKENS.skat, { path: '#/overview' });
    await expect.poll(() => heading(page)).toBe('Overview');
    // The browser's connection to the stream fails (as when the feed is down) from the next load.
    await page.route('**/v1/stream**', (route) => route.abort('connectionrefused'));
    await page.reload();
    const status = () => textOf(page, 'sk-overview-screen p[role=status]');
    await expect.poll(status, { timeout: 10_000 }).toContain('cannot be reached');
    await page.unroute('**/v1/stream**');
    await expect.poll(status, { timeout: 15_000 }).toBe('');
  });
});

describe('accessibility', () => {
  for (const language of ['da', 'en'] as const) {
    it(`has no axe violations on the overview and incident screens (with the preview) in ${language}, and no sideways scroll at 320 px`, async () => {
      const { page, cspViolations } = await console_(TOKENS.skat, { language, path: '#/overview' });
      await page.locator('sk-overview-screen section').first().waitFor();
      expect(await axeViolations(page)).toEqual([]);
      expect(await horizontalOverflowAt320(page)).toBe(0);

      await page.setViewportSize({ width: 1024, height: 800 });
      await page.goto(`${feed.consoleUrl}#/incidents/new`);
      await page.locator('input#service-tax-return').check();
      await page.locator('sk-localized-text-fields#title input[lang=da]').fill('Nede');
      await page.locator('sk-localized-text-fields#title input[lang=en]').fill('Down');
      await page.locator('sk-localized-text-fields#message textarea[lang=da]').fill('Nede.');
      await page.locator('sk-localized-text-fields#message textarea[lang=en]').fill('Down.');
      await page.locator('sk-preview-panel .frame.phone status-banner section').waitFor();

      expect(await axeViolations(page)).toEqual([]);
      expect(await horizontalOverflowAt320(page)).toBe(0);
      expect(await axeViolations(page)).toEqual([]);

      // One incident of the operator's own: its updates, the update form and its preview.
      const opened = await adminRequest(feed, 'POST', 'incidents', {
        token: TOKENS.skat,
        body: {
          services: ['tax-return'],
          impact: 'minor',
          title: { da: 'Langsom selvangivelse', en: 'Slow tax return' },
          message: { da: 'Vi undersøger det.', en: 'We are looking into it.' },
        },
      });
      const id = (opened.body as { incident: { id: string } }).incident.id;
      await page.setViewportSize({ width: 1024, height: 800 });
      await page.goto(`${feed.consoleUrl}#/incidents/${id}`);
      await page.locator('sk-localized-text-fields#message textarea[lang=da]').fill('Bedre nu.');
      await page.locator('sk-localized-text-fields#message textarea[lang=en]').fill('Better now.');
      await page.locator('sk-preview-panel .frame.phone status-banner section').waitFor();
      expect(await axeViolations(page)).toEqual([]);
      expect(await horizontalOverflowAt320(page)).toBe(0);
      await adminRequest(feed, 'POST', `incidents/${id}/updates`, {
        token: TOKENS.skat,
        body: { state: 'resolved', message: { da: 'Løst.', en: 'Resolved.' } },
      });

      await page.setViewportSize({ width: 1024, height: 800 });
      await page.goto(`${feed.consoleUrl}#/incidents`);
      await expect.poll(() => heading(page)).not.toBe('');
      expect(await axeViolations(page)).toEqual([]);
      expect(cspViolations).toEqual([]);
    });
  }
});
