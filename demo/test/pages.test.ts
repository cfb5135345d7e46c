// Every demo page (service page in every demo language, playground, the console's sign-in) passes
// axe-core (WCAG 2.0–2.2 A/AA and best practice, inside the elements' shadow roots); the language
// switcher works; and the operators' console, signed in with a demo token, drives the service
// page live through the real admin API.
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext } from 'playwright-core';
import {
  admin,
  EID_OUTAGE,
  EID_RESOLVED,
  axeViolations,
  collectPageErrors,
  launchChromium,
  screenshot,
  shownText,
  startTestDemo,
} from './helpers.js';
import { openIncident, resolveIncident, signIn, TAX_RETURN_OUTAGE } from './console-steps.js';
import type { DemoRun } from './helpers.js';

let run: DemoRun;
let browser: Browser;
let context: BrowserContext;
let incidentId = '';

beforeAll(async () => {
  run = await startTestDemo();
  browser = await launchChromium();
  context = await browser.newContext({ viewport: { width: 1100, height: 900 } });
});

afterAll(async () => {
  await browser.close();
  await run.stop();
});

describe('the service page in each language, during an outage', () => {
  it('has an open incident to show', async () => {
    const answer = await admin(run.demo, 'digst', 'POST', 'incidents', {
      services: ['eid'],
      impact: 'major',
      title: { da: 'MitID er ustabil', en: 'MitID is unstable' },
      message: { da: 'Vi undersøger fejlen.', en: 'We are looking into it.' },
    });
    incidentId = (answer['incident'] as { id: string }).id;
    expect(incidentId).not.toBe('');
  });

  const cases = [
    { lang: 'da', h1: 'Årsopgørelse og selvangivelse', title: 'MitID er ustabil' },
    { lang: 'en', h1: 'Tax return', title: 'MitID is unstable' },
    { lang: 'sv', h1: 'Självdeklaration', title: 'MitID' },
    { lang: 'fi', h1: 'Veroilmoitus', title: 'MitID' },
  ];
  for (const { lang, h1, title } of cases) {
    it(`speaks ${lang} and has no axe violations`, async () => {
      const page = await context.newPage();
      const errors = collectPageErrors(page);
      await page.goto(`${run.demo.siteUrl}/?lang=${lang}`);
      expect(await page.locator('html').getAttribute('lang')).toBe(lang);
      expect(await page.locator('h1').innerText()).toBe(h1);
      await expect
        .poll(() => shownText(page, 'status-banner section'), { timeout: 5_000 })
        .toContain(title);
      expect(await page.locator('status-banner section').first().getAttribute('lang')).toBe(lang);
      await expect
        .poll(() => shownText(page, 'status-dependencies section'), { timeout: 5_000 })
        .toContain('MitID');
      if (lang === 'da') await screenshot(page, 'service-page-da');
      expect(await axeViolations(page)).toEqual([]);
      expect(errors).toEqual([]);
      await page.close();
    });
  }

  it('switches language with the language links', async () => {
    const page = await context.newPage();
    await page.goto(`${run.demo.siteUrl}/`);
    expect(await page.locator('html').getAttribute('lang')).toBe('da');
    await page.getByRole('link', { name: 'Suomi' }).click();
    await page.waitForURL(/\?lang=fi$/);
    expect(await page.locator('html').getAttribute('lang')).toBe('fi');
    expect(await page.locator('h1').innerText()).toBe('Veroilmoitus');
    expect(await page.getByRole('link', { name: 'Suomi' }).getAttribute('aria-current')).toBe(
      'true',
    );
    await page.close();
  });

  it('closes the incident', async () => {
    await admin(run.demo, 'digst', 'POST', `incidents/${incidentId}/updates`, {
      state: 'resolved',
      message: { da: 'Løst.', en: 'Fixed.' },
    });
  });
});

describe('the integrator playground', () => {
  it('previews the chosen elements live, prints their snippet, and has no axe violations', async () => {
    const page = await context.newPage();
    const errors = collectPageErrors(page);
    await page.goto(`${run.demo.siteUrl}/playground.html`);
    await expect
      .poll(() => shownText(page, '#preview status-dependencies section'), { timeout: 5_000 })
      .toContain('Services Tax return depends on');
    expect(await page.locator('#snippet').innerText()).toContain('data-service="tax-return"');
    expect(await axeViolations(page)).toEqual([]);

    await page.getByLabel('Service', { exact: true }).selectOption('building-permit');
    await page.getByLabel('Language', { exact: true }).selectOption('da');
    await expect
      .poll(() => shownText(page, '#preview status-dependencies section'), { timeout: 5_000 })
      .toContain('Tjenester, som Byggetilladelse afhænger af');
    const snippet = await page.locator('#snippet').innerText();
    expect(snippet).toContain('data-service="building-permit"');
    expect(snippet).toContain('<html lang="da">');
    expect(snippet).toContain(`data-feed="${run.demo.feedUrl}/v1"`);
    await screenshot(page, 'playground');
    expect(await axeViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });
});

describe("the playground's snippet", () => {
  let blank: Server;
  let blankUrl = '';
  let blankPage = '';
  let incident = '';

  beforeAll(async () => {
    // Another site, on another origin, with nothing on it but what is pasted into it.
    blank = createServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      response.end(blankPage);
    });
    await new Promise<void>((resolve) => blank.listen(0, '127.0.0.1', resolve));
    blankUrl = `http://127.0.0.1:${(blank.address() as AddressInfo).port}/`;
    const answer = await admin(run.demo, 'digst', 'POST', 'incidents', EID_OUTAGE);
    incident = (answer['incident'] as { id: string }).id;
  });

  afterAll(async () => {
    await admin(run.demo, 'digst', 'POST', `incidents/${incident}/updates`, EID_RESOLVED);
    blank.closeAllConnections();
    await new Promise((resolve) => blank.close(resolve));
  });

  /** Chooses `form` in the playground, presses Copy and reads the clipboard. */
  async function copySnippet(form: string, theme = 'Light'): Promise<string> {
    const page = await context.newPage();
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], {
      origin: run.demo.siteUrl,
    });
    await page.goto(`${run.demo.siteUrl}/playground.html`);
    await page.getByLabel(form, { exact: true }).check();
    await page.getByLabel(theme, { exact: true }).check();
    await page.getByRole('button', { name: 'Copy the snippet' }).click();
    // The clipboard write is asynchronous; on a loaded machine it can take longer than the default 1 s poll.
    await expect
      .poll(() => page.locator('#copied').innerText(), { timeout: 5_000 })
      .toBe('Copied.');
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(copied).toBe(await page.locator('#snippet').innerText());
    await page.close();
    return copied;
  }

  for (const form of ['Script tag', 'ES module import']) {
    it(`in the ${form} form, written to a blank page of another site, renders the banner`, async () => {
      blankPage = await copySnippet(form);
      const page = await context.newPage();
      const errors = collectPageErrors(page);
      const failed: string[] = [];
      page.on('requestfailed', (request) => failed.push(request.url()));
      await page.goto(blankUrl);
      await expect
        .poll(() => shownText(page, 'status-banner section'), {
          timeout: 5_000,
        })
        .toContain('MitID is not working');
      expect(await shownText(page, 'status-alternatives section')).toContain(
        'What you can do instead',
      );
      await screenshot(page, `playground-snippet-${form.split(' ')[0]?.toLowerCase() ?? form}`);
      expect(await axeViolations(page)).toEqual([]);
      expect(errors).toEqual([]);
      expect(failed).toEqual([]);
      await page.close();
    });
  }

  it('carries the dark theme into the page', async () => {
    blankPage = await copySnippet('Script tag', 'Dark');
    expect(blankPage).toContain('color-scheme: dark');
    const page = await context.newPage();
    await page.goto(blankUrl);
    await expect
      .poll(() => shownText(page, 'status-banner section'), {
        timeout: 5_000,
      })
      .toContain('MitID is not working');
    expect(await page.evaluate(() => getComputedStyle(document.documentElement).colorScheme)).toBe(
      'dark',
    );
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });

  it('warns when a custom colour is too light for text', async () => {
    const page = await context.newPage();
    await page.goto(`${run.demo.siteUrl}/playground.html`);
    await page.getByLabel('Custom colour', { exact: true }).check();
    await page.locator('#accent').fill('#ffcc00');
    await expect.poll(() => page.locator('#accent-warning').innerText()).toContain('Too light');
    expect(await page.locator('#snippet').innerText()).toContain(
      '--statuskit-focus-color: #ffcc00',
    );
    await page.locator('#accent').fill('#6b2c91');
    await expect.poll(() => page.locator('#accent-warning').innerText()).toMatch(/^Contrast/);
    await page.close();
  });

  it('in the React form, imports the wrappers with typed props', async () => {
    const snippet = await copySnippet('React');
    expect(snippet).toContain("from '@statuskit/elements/react'");
    expect(snippet).toContain('<StatusBanner feed={feed} service="tax-return" headingLevel={2} />');
  });
});

describe('the operator console', () => {
  for (const [page, path] of [
    ['service page', '/'],
    ['playground', '/playground.html'],
  ] as const) {
    it(`is linked from the ${page}, and its sign-in screen has no axe violations`, async () => {
      const tab = await context.newPage();
      const errors = collectPageErrors(tab);
      await tab.goto(`${run.demo.siteUrl}${path}`);
      await tab.getByRole('link', { name: 'Operator console' }).first().click();
      await tab.waitForURL(run.demo.consoleUrl);
      await tab.locator('sk-sign-in-screen input[name="token"]').waitFor({ timeout: 5_000 });
      expect(await axeViolations(tab)).toEqual([]);
      expect(errors).toEqual([]);
      await tab.close();
    });
  }

  it('opens and resolves an incident that the service page shows live', async () => {
    const service = await context.newPage();
    const serviceErrors = collectPageErrors(service);
    await service.goto(`${run.demo.siteUrl}/?lang=en`);
    await expect
      .poll(() => shownText(service, 'status-dependencies section'), { timeout: 5_000 })
      .toContain('are working');

    const operator = await context.newPage();
    // A step that cannot happen fails on its own, naming what it waited for.
    operator.setDefaultTimeout(5_000);
    const operatorErrors = collectPageErrors(operator);
    await operator.goto(run.demo.consoleUrl);
    await signIn(operator, run.demo.tokens.skat);
    await openIncident(operator, TAX_RETURN_OUTAGE);
    await expect
      .poll(() => shownText(service, 'status-banner section'), { timeout: 2_000, interval: 100 })
      .toContain(TAX_RETURN_OUTAGE.title.en);
    await screenshot(operator, 'console-incident');
    expect(await axeViolations(operator)).toEqual([]);
    await screenshot(service, 'service-page-from-console');

    await resolveIncident(operator, TAX_RETURN_OUTAGE);
    await expect
      .poll(() => shownText(service, 'status-banner section'), { timeout: 2_000, interval: 100 })
      .toBe('');
    expect(serviceErrors).toEqual([]);
    expect(operatorErrors).toEqual([]);
  });
});
