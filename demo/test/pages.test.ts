// Every demo page (service page in every demo language, playground, operator console) passes axe-core (WCAG 2.0–2.2 A/AA and best practice,
// inside the elements' shadow roots); the language switcher works; and the operator console
// drives the service page live, through the real admin API.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import {
  admin,
  axeViolations,
  collectPageErrors,
  launchChromium,
  screenshot,
  startTestDemo,
} from './helpers.js';
import type { DemoRun } from './helpers.js';

let run: DemoRun;
let browser: Browser;
let context: BrowserContext;
let incidentId = '';

const shown = async (page: Page, selector: string): Promise<string> => {
  const found = page.locator(selector);
  return (await found.count()) > 0 ? found.first().innerText() : '';
};

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
        .poll(() => shown(page, 'status-banner section'), { timeout: 5_000 })
        .toContain(title);
      expect(await page.locator('status-banner section').first().getAttribute('lang')).toBe(lang);
      await expect
        .poll(() => shown(page, 'status-dependencies section'), { timeout: 5_000 })
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
      .poll(() => shown(page, '#preview status-dependencies section'), { timeout: 5_000 })
      .toContain('Services Tax return depends on');
    expect(await page.locator('#snippet').innerText()).toContain('data-service="tax-return"');
    expect(await axeViolations(page)).toEqual([]);

    await page.getByLabel('Service', { exact: true }).selectOption('building-permit');
    await page.getByLabel('Language', { exact: true }).selectOption('da');
    await expect
      .poll(() => shown(page, '#preview status-dependencies section'), { timeout: 5_000 })
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

describe('the operator console', () => {
  it('has no axe violations', async () => {
    const page = await context.newPage();
    const errors = collectPageErrors(page);
    await page.goto(`${run.demo.siteUrl}/operator.html`);
    await page.locator('#services li').first().waitFor();
    expect(await axeViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('opens and resolves an incident that the service page shows live', async () => {
    const service = await context.newPage();
    const serviceErrors = collectPageErrors(service);
    await service.goto(`${run.demo.siteUrl}/?lang=en`);
    await expect
      .poll(() => shown(service, 'status-dependencies section'), { timeout: 5_000 })
      .toContain('are working');

    const operator = await context.newPage();
    const operatorErrors = collectPageErrors(operator);
    await operator.goto(`${run.demo.siteUrl}/operator.html`);
    await operator.locator('#new-incident input[value="eid"]').waitFor({ timeout: 5_000 });
    expect(await operator.locator('#new-incident input[value="eid"]').isChecked()).toBe(true);
    await operator.getByRole('button', { name: 'Open incident' }).click({ timeout: 5_000 });
    await expect
      .poll(() => operator.locator('#result').innerText(), { timeout: 5_000 })
      .toContain('Saved');
    await expect
      .poll(() => shown(service, 'status-banner section'), { timeout: 2_000, interval: 100 })
      .toContain('MitID is not working');
    await screenshot(operator, 'operator-console-incident');
    await screenshot(service, 'service-page-from-console');

    const resolve = operator.getByRole('button', { name: 'Resolve "MitID is not working"' });
    await resolve.waitFor({ timeout: 5_000 });
    await resolve.click({ timeout: 5_000 });
    await expect
      .poll(() => shown(service, 'status-banner section'), { timeout: 2_000, interval: 100 })
      .toBe('');
    expect(serviceErrors).toEqual([]);
    expect(operatorErrors).toEqual([]);
  });
});
