// The agency's service page as a citizen sees it, driven through the feed's real admin API:
// incidents on a dependency, planned maintenance, the feed going away and coming back.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import {
  admin,
  EID_OUTAGE,
  axeViolations,
  collectPageErrors,
  launchChromium,
  screenshot,
  shownText,
  startTestDemo,
} from './helpers.js';
import type { DemoRun } from './helpers.js';

let run: DemoRun;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let errors: Error[];

const text = (selector: string): Promise<string> => shownText(page, selector);
const banner = () => text('status-banner section');
const dependencies = () => text('status-dependencies section');
const alternatives = () => text('status-alternatives section');
const maintenance = () => text('status-maintenance section');

/** Tomorrow at 22.00 (the runner's local time), for four hours. */
function tomorrowNight(): { scheduledStart: string; scheduledEnd: string } {
  const start = new Date(Date.now() + 86_400_000);
  start.setHours(22, 0, 0, 0);
  return {
    scheduledStart: start.toISOString(),
    scheduledEnd: new Date(start.getTime() + 4 * 3_600_000).toISOString(),
  };
}

beforeAll(async () => {
  run = await startTestDemo();
  browser = await launchChromium();
  context = await browser.newContext({ viewport: { width: 1100, height: 900 } });
  page = await context.newPage();
  errors = collectPageErrors(page);
  await page.goto(`${run.demo.siteUrl}/?lang=en`);
});

afterAll(async () => {
  await browser.close();
  await run.stop();
});

describe('the tax-return service page', () => {
  let incidentId = '';
  let maintenanceId = '';

  it('is quiet while all is well, in English, with no axe violations', async () => {
    await expect.poll(dependencies, { timeout: 10_000 }).toContain('are working');
    expect(await page.locator('h1').innerText()).toBe('Tax return');
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    expect(await banner()).toBe('');
    await screenshot(page, 'service-page-quiet');
    expect(await axeViolations(page)).toEqual([]);
  });

  it('shows an outage of the national eID, with its cause, within 2 seconds', async () => {
    const answer = await admin(run.demo, 'digst', 'POST', 'incidents', EID_OUTAGE);
    incidentId = (answer['incident'] as { id: string }).id;
    await expect.poll(banner, { timeout: 2_000, interval: 100 }).toContain('MitID is not working');
    const shown = await banner();
    expect(shown).toContain('Tax return is not working right now');
    expect(shown).toContain('because MitID (national eID) is down');
    const deps = await dependencies();
    expect(deps).toContain('Affecting you now');
    expect(deps).toMatch(/MitID \(national eID\)\s*:?\s*Down/);
    await screenshot(page, 'service-page-eid-outage');
    expect(await axeViolations(page)).toEqual([]);
  });

  it('clears the banner and the dependency problem when the incident is resolved', async () => {
    await admin(run.demo, 'digst', 'POST', `incidents/${incidentId}/updates`, {
      state: 'resolved',
      message: { da: 'MitID virker igen.', en: 'MitID works again.' },
    });
    await expect.poll(banner, { timeout: 2_000, interval: 100 }).toBe('');
    await expect.poll(dependencies, { timeout: 2_000 }).toContain('are working');
    expect(await dependencies()).not.toContain('Affecting you now');
  });

  it('announces maintenance planned for tomorrow, with a working calendar link', async () => {
    const answer = await admin(run.demo, 'skat', 'POST', 'maintenance', {
      services: ['tax-return'],
      title: { da: 'Planlagt vedligeholdelse', en: 'Planned maintenance of the tax return' },
      message: {
        da: 'Du kan ikke bruge selvbetjeningen, mens vi opdaterer systemet.',
        en: 'You cannot use the self-service while we update the system.',
      },
      ...tomorrowNight(),
      keepsWork: true,
    });
    maintenanceId = (answer['maintenance'] as { id: string }).id;
    await expect
      .poll(maintenance, { timeout: 2_000, interval: 100 })
      .toContain('Planned maintenance of the tax return');
    expect(await banner()).toContain('Planned maintenance');

    const link = page.locator('status-maintenance a[href*="maintenance.ics"]');
    const href = await link.getAttribute('href');
    expect(href).toContain('services=tax-return');
    const calendar = await fetch(new URL(href ?? '', page.url()));
    expect(calendar.status).toBe(200);
    expect(calendar.headers.get('content-type')).toMatch(/^text\/calendar/);
    expect(await calendar.text()).toContain(`UID:${maintenanceId}@`);
    await screenshot(page, 'service-page-maintenance-planned');
  });

  it('shows maintenance in progress and the alternatives when it starts', async () => {
    await admin(run.demo, 'skat', 'PATCH', `maintenance/${maintenanceId}`, {
      state: 'in_progress',
    });
    await expect
      .poll(banner, { timeout: 2_000, interval: 100 })
      .toContain('Tax return is closed for maintenance');
    expect(await banner()).toContain('Maintenance now');
    await expect
      .poll(alternatives, { timeout: 2_000, interval: 100 })
      .toContain('Call the Danish Tax Agency');
    expect(await alternatives()).toContain('Fill in paper form 04.063');
    expect(await page.locator('status-alternatives a[href="tel:+4572221818"]').count()).toBe(1);
    await screenshot(page, 'service-page-maintenance-now');
    expect(await axeViolations(page)).toEqual([]);
  });

  it('stays usable when the feed stops, and a page opened meanwhile says the status is unknown', async () => {
    await run.stopFeed();
    await page.waitForTimeout(1_000);
    // The open page keeps what it knew (it is marked out of date after a minute without news)
    // and keeps working.
    expect(await banner()).toContain('closed for maintenance');
    await page.locator('a.start-button').click();
    expect(await page.locator('h1').isVisible()).toBe(true);

    // A first visit while the feed is down (a fresh browser profile: no cached copy, no other
    // tab to share with) must say "Status unknown", never "all working".
    const fresh = await browser.newContext({ viewport: { width: 1100, height: 900 } });
    const late = await fresh.newPage();
    const lateErrors = collectPageErrors(late);
    await late.goto(`${run.demo.siteUrl}/?lang=en`);
    const lateDependencies = () => shownText(late, 'status-dependencies section');
    await expect.poll(lateDependencies, { timeout: 10_000 }).toContain('Status unknown');
    expect(await lateDependencies()).not.toContain('are working');
    await screenshot(late, 'service-page-feed-down');
    expect(lateErrors).toEqual([]);
    await fresh.close();
    expect(errors).toEqual([]);
  });

  it('recovers without a reload when the feed comes back on the same port', async () => {
    await run.restartFeed();
    await admin(run.demo, 'skat', 'PATCH', `maintenance/${maintenanceId}`, {
      state: 'completed',
    });
    await expect.poll(banner, { timeout: 20_000, interval: 250 }).toBe('');
    await expect.poll(dependencies, { timeout: 5_000 }).toContain('are working');
    expect(await dependencies()).not.toMatch(/out of date|Status unknown/);
    expect(errors).toEqual([]);
  });
});
