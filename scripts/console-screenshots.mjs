#!/usr/bin/env node
// Screenshots of the operators' console for its README:
//   npm run build && node scripts/console-screenshots.mjs
// Starts the demo (the real feed with the console, the demo catalogue and its synthetic access
// logs) in a temp folder, gives it something to show through the admin API (an incident upstream,
// a planned window, a completed one), signs in in Debian's Chromium and saves PNGs under
// packages/console/docs/: the overview (English and Danish), an incident with its live preview at
// phone and desktop widths, maintenance planning with ranked windows, and an evaluation.
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { startDemo } from '../demo/server/demo-site.mjs';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './chromium.mjs';

const root = new URL('..', import.meta.url).pathname;
const out = join(root, 'packages/console/docs');
const WAIT = { timeout: 15_000 };

/** An admin API call with a demo token; the parsed answer, or a thrown error saying why. */
async function admin(demo, authority, method, path, body) {
  const response = await fetch(`${demo.feedUrl}/v1/admin/${path}`, {
    method,
    headers: {
      authorization: `Bearer ${demo.tokens[authority]}`,
      'content-type': 'application/json',
    },
    body: JSON.stringify(body),
  });
  const answer = await response.json();
  if (!response.ok)
    throw new Error(`${method} ${path}: ${response.status} ${JSON.stringify(answer)}`);
  return answer;
}

const fromNow = (minutes) => new Date(Date.now() + minutes * 60_000).toISOString();

/**
 * What the screenshots show besides the seeded NemKonto window: NemLog-in degraded (so the tax
 * return's experienced status has a cause chain), and an earlier tax return window that ran and
 * is completed (to reuse and to evaluate). Returns the completed window's id.
 */
async function setScene(demo) {
  await admin(demo, 'digst', 'POST', 'incidents', {
    services: ['login'],
    impact: 'major',
    title: { da: 'Log ind er langsomt', en: 'Logging in is slow' },
    message: {
      da: 'Mange får ventetid ved log ind. Vi arbejder på det.',
      en: 'Many people have to wait when logging in. We are working on it.',
    },
  });
  const { maintenance } = await admin(demo, 'skat', 'POST', 'maintenance', {
    services: ['tax-return'],
    title: { da: 'Opdatering af selvangivelsen', en: 'Tax return update' },
    message: {
      da: 'Du kan ikke se eller ændre din selvangivelse, mens vi opdaterer.',
      en: 'You cannot see or change your tax return while we update it.',
    },
    alternatives: [
      {
        kind: 'phone',
        label: { da: 'Ring til Skattestyrelsen', en: 'Call the Danish Tax Agency' },
        href: 'tel:+4572222828',
        hours: { da: 'Man–fre 9.00–16.00', en: 'Mon–Fri 9.00–16.00' },
      },
    ],
    scheduledStart: fromNow(1),
    scheduledEnd: fromNow(121),
  });
  await admin(demo, 'skat', 'PATCH', `maintenance/${maintenance.id}`, { state: 'in_progress' });
  await admin(demo, 'skat', 'PATCH', `maintenance/${maintenance.id}`, { state: 'completed' });
  return maintenance.id;
}

/** A fresh browser context on the console, signed in as `authority`. */
async function signedIn(browser, demo, authority, { language = 'en', width = 1280 } = {}) {
  const context = await browser.newContext({
    locale: language,
    viewport: { width, height: 900 },
    deviceScaleFactor: 1,
  });
  const page = await context.newPage();
  page.on('pageerror', (error) => console.error(`console-screenshots: page error: ${error}`));
  await page.goto(demo.consoleUrl);
  const field = page.locator('sk-sign-in-screen input[name="token"]');
  await field.fill(demo.tokens[authority], WAIT);
  await field.press('Enter');
  await page.locator('statuskit-console button.sign-out').waitFor({ state: 'visible', ...WAIT });
  return page;
}

async function shoot(page, name) {
  await page.screenshot({ path: join(out, `${name}.png`), fullPage: true });
  console.log(`wrote packages/console/docs/${name}.png`);
}

const dataDir = await mkdtemp(join(tmpdir(), 'statuskit-console-screenshots-'));
const demo = await startDemo({ dataDir, seed: true, accessLogs: true });
const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS] });
try {
  await mkdir(out, { recursive: true });
  const completed = await setScene(demo);
  await overview(browser, demo);
  await incidentPreview(browser, demo);
  await maintenancePlan(browser, demo);
  await evaluation(browser, demo, completed);
} finally {
  await browser.close();
  await demo.close();
  await rm(dataDir, { recursive: true, force: true });
}
