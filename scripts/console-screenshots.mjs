#!/usr/bin/env node
// Screenshots of the operators' console for its README:
//   npm run build && node scripts/console-screenshots.mjs [overview|incident|plan|evaluation …]
// Starts the demo (the real feed with the console, the demo catalogue and its synthetic access
// logs) in a temp folder, gives it something to show through the admin API (an incident upstream,
// a planned window, a completed one run on a clock moved forward), signs in in Debian's Chromium
// and saves PNGs under packages/console/docs/: the overview (English and Danish), an incident
// with its live preview at phone and desktop widths, maintenance planning with ranked windows,
// and an evaluation.
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

/**
 * The feed's clock runs this far ahead of the real one: the evaluation needs a window that was
 * announced days ahead and ran for hours, so the scene moves the clock forward through it.
 */
let clockShift = 0;
const HOUR = 3600_000;

/**
 * What the screenshots show besides the seeded NemKonto window: NemLog-in degraded, so the tax
 * return's experienced status has a cause chain.
 */
async function setScene(demo) {
  await admin(demo, 'digst', 'POST', 'incidents', {
    services: ['login'],
    impact: 'major',
    title: {
      da: 'Log ind er langsomt',
      en: 'Logging in is slow',
      sv: 'Inloggningen är långsam',
      fi: 'Kirjautuminen on hidasta',
    },
    message: {
      da: 'Mange får ventetid ved log ind. Vi arbejder på det.',
      en: 'Many people have to wait when logging in. We are working on it.',
      sv: 'Många får vänta när de loggar in. Vi arbetar på det.',
      fi: 'Moni joutuu odottamaan kirjautuessaan. Selvitämme asiaa.',
    },
  });
}

/**
 * A tax return window announced six days ahead, started five minutes late and completed twenty
 * minutes over, by moving the feed's clock through it. Returns its id. Run last: the clock
 * stays moved.
 */
async function completedWindow(demo) {
  const start = Math.ceil((Date.now() + 6 * 24 * HOUR) / HOUR) * HOUR;
  const { maintenance } = await admin(demo, 'skat', 'POST', 'maintenance', {
    services: ['tax-return'],
    title: {
      da: 'Opdatering af selvangivelsen',
      en: 'Tax return update',
      sv: 'Uppdatering av självdeklarationen',
      fi: 'Veroilmoituksen päivitys',
    },
    message: {
      da: 'Du kan ikke se eller ændre din selvangivelse, mens vi opdaterer.',
      en: 'You cannot see or change your tax return while we update it.',
      sv: 'Du kan inte se eller ändra din självdeklaration medan vi uppdaterar.',
      fi: 'Et voi tarkastella tai muuttaa veroilmoitustasi päivityksen aikana.',
    },
    scheduledStart: new Date(start).toISOString(),
    scheduledEnd: new Date(start + 2 * HOUR).toISOString(),
  });
  clockShift = start + 5 * 60_000 - Date.now();
  await admin(demo, 'skat', 'PATCH', `maintenance/${maintenance.id}`, { state: 'in_progress' });
  clockShift = start + 2 * HOUR + 20 * 60_000 - Date.now();
  await admin(demo, 'skat', 'PATCH', `maintenance/${maintenance.id}`, { state: 'completed' });
  return maintenance.id;
}

/** A fresh browser context on the console, signed in as `authority`. */
async function signedIn(
  browser,
  demo,
  authority,
  { language = 'en', width = 1280, height = 900 } = {},
) {
  const context = await browser.newContext({
    locale: language,
    // The demo's zone, so the times typed in the console read as the feed's.
    timezoneId: 'Europe/Copenhagen',
    viewport: { width, height },
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

/** The whole page, or with `fullPage: false` what fits the viewport (a long form's top). */
async function shoot(page, name, { fullPage = true } = {}) {
  await page.evaluate(() => globalThis.scrollTo(0, 0));
  await page.screenshot({ path: join(out, `${name}.png`), fullPage });
  console.log(`wrote packages/console/docs/${name}.png`);
}

/** Fills one labelled field per feed language (the console shows "Title (English)", …). */
async function fillTexts(page, label, texts) {
  const names = { da: 'Danish', en: 'English', sv: 'Swedish', fi: 'Finnish' };
  for (const [lang, text] of Object.entries(texts)) {
    await page.getByLabel(`${label} (${names[lang]})`, { exact: true }).fill(text, WAIT);
  }
}

/** The overview as the Danish Tax Agency sees it, in English and in Danish. */
async function overview(browser, demo) {
  for (const [language, heading, service] of [
    ['en', 'Overview', 'Tax return'],
    ['da', 'Overblik', 'Årsopgørelse og selvangivelse'],
  ]) {
    const page = await signedIn(browser, demo, 'skat', { language });
    await page.getByRole('heading', { level: 1, name: heading }).waitFor(WAIT);
    await page.getByText(service).first().waitFor(WAIT);
    await shoot(page, `overview-${language}`);
    await page.context().close();
  }
}

/** A new incident on the tax return, with the feed's preview of it at phone and desktop width. */
async function incidentPreview(browser, demo) {
  const page = await signedIn(browser, demo, 'skat', { height: 1250 });
  await page.getByRole('link', { name: 'Incidents', exact: true }).click(WAIT);
  await page.getByRole('link', { name: 'Open a new incident' }).first().click(WAIT);
  await page.getByRole('checkbox', { name: 'Tax return', exact: true }).check(WAIT);
  await page.getByLabel('Impact', { exact: true }).selectOption('major', WAIT);
  await fillTexts(page, 'Title', {
    da: 'Du kan ikke indsende selvangivelsen',
    en: 'You cannot submit your tax return',
    sv: 'Du kan inte skicka in självdeklarationen',
    fi: 'Veroilmoitusta ei voi lähettää',
  });
  await fillTexts(page, 'Message', {
    da: 'Vi har fundet fejlen og retter den. Dine oplysninger er gemt.',
    en: 'We have found the fault and are fixing it. What you entered is saved.',
    sv: 'Vi har hittat felet och rättar det. Det du har fyllt i är sparat.',
    fi: 'Vika on löydetty ja korjataan. Syöttämäsi tiedot on tallennettu.',
  });
  // The preview is the feed's answer to the draft, in a chosen feed language and at a chosen
  // width; wait until its banner is drawn.
  await page.getByLabel('Language of the preview').selectOption('en', WAIT);
  const banner = (kind) =>
    page
      .locator(`sk-preview-panel .frame.${kind} status-banner section`)
      .filter({ hasText: 'You cannot submit your tax return' });
  await banner('phone').waitFor(WAIT);
  await page.locator('sk-preview-panel .frame.phone').screenshot({
    path: join(out, 'incident-preview-phone.png'),
  });
  console.log('wrote packages/console/docs/incident-preview-phone.png');
  await page.getByLabel('Desktop (960 px)').check(WAIT);
  await banner('desktop').waitFor(WAIT);
  await shoot(page, 'incident-preview-desktop', { fullPage: false });
  await page.context().close();
}

/** Planning the tax return's maintenance from the configured access logs: the ranked windows. */
async function maintenancePlan(browser, demo) {
  const page = await signedIn(browser, demo, 'skat', { height: 1400 });
  await page.getByRole('link', { name: 'Maintenance', exact: true }).click(WAIT);
  await page.getByRole('link', { name: 'Plan new maintenance' }).click(WAIT);
  await page.getByLabel('Service', { exact: true }).selectOption('tax-return', WAIT);
  await page.getByLabel('Duration (e.g. 2h or 90m)').fill('2h', WAIT);
  await page.getByLabel('Use the logs the feed is configured with').check(WAIT);
  await page.getByRole('button', { name: 'Find quiet windows' }).click(WAIT);
  const choose = page.getByRole('button', { name: /^Choose / }).first();
  await choose.click(WAIT);
  await shoot(page, 'maintenance-plan', { fullPage: false });
  await page.context().close();
}

/** The evaluation of a completed tax return window. */
async function evaluation(browser, demo) {
  const id = await completedWindow(demo);
  const page = await signedIn(browser, demo, 'skat');
  await page.goto(`${demo.consoleUrl}#/maintenance/${encodeURIComponent(id)}/evaluation`);
  await page.getByRole('heading', { level: 1, name: /^Evaluation: / }).waitFor(WAIT);
  await page.getByRole('table').first().waitFor(WAIT);
  await shoot(page, 'maintenance-evaluation');
  await page.context().close();
}

const SHOTS = ['overview', 'incident', 'plan', 'evaluation'];
const wanted = process.argv.slice(2);
const unknown = wanted.filter((name) => !SHOTS.includes(name));
if (unknown.length > 0) {
  console.error(
    `console-screenshots: no shot ${unknown.join(', ')}; choose from ${SHOTS.join(', ')}`,
  );
  process.exit(2);
}

const dataDir = await mkdtemp(join(tmpdir(), 'statuskit-console-screenshots-'));
const demo = await startDemo({
  dataDir,
  seed: true,
  accessLogs: true,
  feedOptions: { now: () => new Date(Date.now() + clockShift) },
});
const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS] });
try {
  await mkdir(out, { recursive: true });
  await setScene(demo);
  const shots = {
    overview: () => overview(browser, demo),
    incident: () => incidentPreview(browser, demo),
    plan: () => maintenancePlan(browser, demo),
    evaluation: () => evaluation(browser, demo),
  };
  for (const name of wanted.length > 0 ? wanted : Object.keys(shots)) {
    try {
      await shots[name]();
    } catch (error) {
      // What the page showed when a step could not happen, to see why.
      const failed = join(root, 'test-results', `console-screenshots-${name}-failed.png`);
      await mkdir(join(root, 'test-results'), { recursive: true });
      await browser.contexts().at(-1)?.pages().at(-1)?.screenshot({ path: failed, fullPage: true });
      console.error(`console-screenshots: ${name} failed; the page as it was: ${failed}`);
      throw error;
    }
  }
} finally {
  await browser.close();
  await demo.close();
  await rm(dataDir, { recursive: true, force: true });
}
