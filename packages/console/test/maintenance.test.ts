/**
 * The maintenance duty end to end in Chromium through the real feed: plan from a generated log
 * uploaded in the browser, pick the quietest window, see the service-level warnings, reuse an
 * earlier window's texts, announce, see it in the overview; start, complete, open the
 * evaluation. axe 0 on each step in Danish and English, by keyboard where it matters, 320 px.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  adminRequest,
  axeViolations,
  horizontalOverflowAt320,
  journalRecords,
  launchChromium,
  openConsole,
  signIn,
  startConsoleFeed,
  TOKENS,
  type ConsoleFeed,
} from './harness.js';

const GENERATOR = fileURLToPath(
  new URL('../../../scripts/generate-access-log.mjs', import.meta.url),
);
const DAY_MS = 86_400_000;

let feed: ConsoleFeed;
let browser: Browser;
let dir: string;
let log: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'statuskit-console-maintenance-'));
  log = join(dir, 'access.log.gz');
  // Three weeks of traffic up to today, so the feed's own clock plans the next days from it.
  const start = new Date(Date.now() - 21 * DAY_MS).toISOString().slice(0, 10);
  await promisify(execFile)(process.execPath, [
    GENERATOR,
    ...['--size', '2m', '--weeks', '3', '--start', start, '--seed', '7', '--out', log],
  ]);
  feed = await startConsoleFeed();
  browser = await launchChromium();
  // An earlier window of the service, whose texts and alternatives the operator reuses.
  const earlier = await adminRequest(feed, 'POST', 'maintenance', {
    token: TOKENS.skat,
    body: {
      id: 'earlier-upgrade',
      services: ['tax-return'],
      title: { da: 'Opgradering af selvangivelsen', en: 'Tax return upgrade' },
      message: { da: 'Vi opgraderer systemet.', en: 'We are upgrading the system.' },
      scheduledStart: new Date(Date.now() + 30 * DAY_MS).toISOString(),
      scheduledEnd: new Date(Date.now() + 30 * DAY_MS + 3_600_000).toISOString(),
      alternatives: [{ kind: 'paper', label: { da: 'Papirblanket', en: 'Paper form' } }],
    },
  });
  expect(earlier.status).toBe(201);
});
afterAll(async () => {
  await browser.close();
  await feed.stop();
  await rm(dir, { recursive: true, force: true });
});

async function go(page: Page, hash: string): Promise<void> {
  await page.evaluate((target) => {
    location.hash = target;
  }, hash);
}

async function expectAccessible(page: Page, step: string): Promise<void> {
  expect(await axeViolations(page), step).toEqual([]);
  expect(await horizontalOverflowAt320(page), `${step} at 320 px`).toBe(0);
  await page.setViewportSize({ width: 1024, height: 800 });
}

describe('maintenance, step by step', () => {
  it('plans, checks, prepares from an earlier window, announces, runs and evaluates it', async () => {
    const { page, cspViolations, pageErrors } = await openConsole(browser, feed, {
      language: 'en',
    });
    page.setDefaultTimeout(8_000);
    await signIn(page, TOKENS.skat);
    await go(page, '#/maintenance/new');
    const screen = page.locator('sk-maintenance-new');
    await screen.locator('h1').waitFor();
    await screen.locator('#service').waitFor();
    await expectAccessible(page, 'new, empty');

    // (a) plan from the uploaded log; pick the quietest window by keyboard.
    await screen.locator('#body').setInputFiles(log);
    await screen.getByRole('button', { name: 'Find quiet windows' }).click();
    const first = screen.getByRole('button', { name: /^Choose / }).first();
    await first.waitFor();
    await expect.poll(() => screen.locator('tbody tr').count()).toBe(5);
    await expectAccessible(page, 'new, planned');
    await first.focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => first.getAttribute('aria-pressed')).toBe('true');

    // (b) the quietest window is within days: the notice period is not met, and it says so.
    // Worded by the console from the feed's figures, not the feed's English sentence.
    await expect
      .poll(() => screen.locator('ul.warnings').textContent())
      .toMatch(
        /Announced now, this gives [\d.]+ days’ notice, but Tax return declares a notice period of \d+ days\./,
      );

    // (c) start from the earlier window's texts and alternatives.
    await screen.getByRole('button', { name: /Tax return upgrade/ }).click();
    await expect
      .poll(() => screen.locator('sk-localized-text-fields#title input[lang="en"]').inputValue())
      .toBe('Tax return upgrade');
    await expect
      .poll(() => screen.locator('sk-alternatives-editor input[lang="en"]').first().inputValue())
      .toBe('Paper form');
    await expectAccessible(page, 'new, prepared');

    // (d) announce now.
    await screen.getByRole('button', { name: 'Announce', exact: true }).click();
    const one = page.locator('sk-maintenance-screen');
    await expect.poll(() => one.locator('h1').textContent()).toBe('Tax return upgrade');
    const id = decodeURIComponent(new URL(page.url()).hash.split('/')[2] ?? '');
    expect(id).not.toBe('');
    await expectAccessible(page, 'one window, scheduled');

    // It is in the overview, and stored as skat with its session.
    await go(page, '#/overview');
    await page.locator('sk-overview-screen').getByText('Tax return upgrade').first().waitFor();
    // And on the service's public page data.
    const view = await fetch(`${feed.url}/v1/status.json?services=tax-return`);
    expect(await view.text()).toContain(`"${id}"`);
    const record = (await journalRecords(feed)).at(-1);
    expect(record).toMatchObject({
      actor: 'skat',
      session: expect.stringMatching(/^s_/) as unknown,
    });

    // Run it: start, then complete (confirmed), then the evaluation.
    await go(page, `#/maintenance/${id}`);
    await one.getByRole('button', { name: 'Start now' }).click();
    await expect.poll(() => one.locator('p.meta').first().textContent()).toContain('In progress');
    await one.getByRole('button', { name: 'Complete' }).click();
    await expectAccessible(page, 'one window, confirming');
    await expect.poll(() => page.evaluate(() => document.activeElement?.tagName)).toBeTruthy();
    await one.getByRole('button', { name: 'Yes, do it' }).click();
    await one.getByRole('link', { name: 'See the evaluation' }).click();
    const evaluation = page.locator('sk-maintenance-evaluation');
    await evaluation.locator('table').waitFor();
    expect(await evaluation.locator('tbody th').allTextContents()).toContain('Overrun (minutes)');
    expect(await evaluation.getByRole('link', { name: 'Open the signed record' }).count()).toBe(1);
    await expectAccessible(page, 'evaluation');
    expect(cspViolations).toEqual([]);
    expect(pageErrors).toEqual([]);
  });

  it('has no axe violations and fits 320 px in Danish', async () => {
    const { page } = await openConsole(browser, feed, { language: 'da' });
    page.setDefaultTimeout(8_000);
    await signIn(page, TOKENS.skat);
    await go(page, '#/maintenance');
    await page.locator('sk-maintenance-screen h1').waitFor();
    await expect
      .poll(() => page.locator('sk-maintenance-screen h1').textContent())
      .toBe('Vedligeholdelse');
    await expectAccessible(page, 'list, da');
    await go(page, '#/maintenance/new');
    await page.locator('sk-maintenance-new #service').waitFor();
    await expectAccessible(page, 'new, da');
    await go(page, '#/maintenance/earlier-upgrade');
    await expect
      .poll(() => page.locator('sk-maintenance-screen h1').textContent())
      .toBe('Opgradering af selvangivelsen');
    await expectAccessible(page, 'one window, da');

    // An evaluation in Danish: a window announced and cancelled through the API.
    const body = {
      id: 'aflyst',
      services: ['tax-return'],
      title: { da: 'Aflyst arbejde', en: 'Cancelled work' },
      message: { da: 'Aflyst.', en: 'Cancelled.' },
      scheduledStart: new Date(Date.now() + 40 * DAY_MS).toISOString(),
      scheduledEnd: new Date(Date.now() + 40 * DAY_MS + 3_600_000).toISOString(),
    };
    expect(
      (await adminRequest(feed, 'POST', 'maintenance', { token: TOKENS.skat, body })).status,
    ).toBe(201);
    const cancelled = await adminRequest(feed, 'PATCH', 'maintenance/aflyst', {
      token: TOKENS.skat,
      body: { state: 'cancelled' },
    });
    expect(cancelled.status).toBe(200);
    await go(page, '#/maintenance/aflyst/evaluation');
    await page.locator('sk-maintenance-evaluation table').waitFor();
    await expect
      .poll(async () => (await page.locator('sk-maintenance-evaluation h1').textContent())?.trim())
      .toBe('Evaluering: Aflyst arbejde');
    await expectAccessible(page, 'evaluation, da');
  });

  it('schedules an announcement with times typed by hand, lists it, and removes it', async () => {
    const { page } = await openConsole(browser, feed, { language: 'en' });
    page.setDefaultTimeout(8_000);
    await signIn(page, TOKENS.skat);
    await go(page, '#/maintenance/new');
    const screen = page.locator('sk-maintenance-new');
    await screen.locator('#service').waitFor();
    /** `datetime-local` text `days` from now, in the browser's zone (the test's). */
    const local = (days: number, hours = 0): string => {
      const date = new Date(Date.now() + days * DAY_MS + hours * 3_600_000);
      return new Date(date.getTime() - date.getTimezoneOffset() * 60_000)
        .toISOString()
        .slice(0, 16);
    };
    await screen.locator('#scheduledStart').fill(local(20));
    await screen.locator('#scheduledEnd').fill(local(20, 2));
    for (const [field, language, text] of [
      ['title', 'da', 'Planlagt flytning'],
      ['title', 'en', 'Planned move'],
      ['message', 'da', 'Vi flytter serverne.'],
      ['message', 'en', 'We are moving the servers.'],
    ] as const) {
      await screen.locator(`sk-localized-text-fields#${field} [lang="${language}"]`).fill(text);
    }
    await screen.getByLabel('Schedule the announcement').check();
    await screen.locator('#at').fill(local(2));
    await expectAccessible(page, 'new, scheduling');
    await screen.getByRole('button', { name: 'Schedule', exact: true }).click();
    const list = page.locator('sk-maintenance-screen');
    await list.getByRole('heading', { name: 'Planned move' }).waitFor();
    await expectAccessible(page, 'list with a scheduled announcement');
    await list
      .getByRole('button', { name: 'Remove the scheduled announcement "Planned move"' })
      .click();
    await list.getByRole('heading', { name: 'Planned move' }).waitFor({ state: 'detached' });
    const left = await adminRequest(feed, 'GET', 'scheduled-announcements', { token: TOKENS.skat });
    expect(left.body).toEqual({ announcements: [] });
  });
});
