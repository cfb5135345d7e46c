// Signing in to the console in Chromium through the real feed: sessions, the refusals a console
// write can meet (no CSRF token, expired session, another authority's service), the journal, the
// page's security headers, and axe on the sign-in screen. Needs `npm run build` (the console).
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import {
  axeViolations,
  horizontalOverflowAt320,
  journalRecords,
  launchChromium,
  openConsole,
  signIn,
  startConsoleFeed,
  TOKENS,
  type ConsoleFeed,
  type ConsolePage,
} from './harness.js';

const CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; font-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'; require-trusted-types-for 'script'";

const INCIDENT = {
  services: ['eid'],
  impact: 'major',
  title: { da: 'MitID er nede', en: 'MitID is down' },
  message: { da: 'Vi undersøger det.', en: 'We are looking into it.' },
};

let browser: Browser;
const feeds: ConsoleFeed[] = [];
const pages: ConsolePage[] = [];

beforeAll(async () => {
  browser = await launchChromium();
});
afterEach(async () => {
  for (const opened of pages.splice(0)) {
    expect(opened.cspViolations).toEqual([]);
    expect(opened.pageErrors).toEqual([]);
    await opened.context.close();
  }
  await Promise.all(feeds.splice(0).map((feed) => feed.stop()));
});
afterAll(async () => {
  await browser.close();
});

/** A hand-moved clock for the feed, so expiry needs no waiting. */
function handClock(): { now: () => Date; advance(ms: number): void } {
  let at = Date.now();
  return {
    now: () => new Date(at),
    advance: (ms) => {
      at += ms;
    },
  };
}

async function feed(options: Parameters<typeof startConsoleFeed>[0] = {}): Promise<ConsoleFeed> {
  const started = await startConsoleFeed(options);
  feeds.push(started);
  return started;
}

async function open(
  on: ConsoleFeed,
  options: Parameters<typeof openConsole>[2] = {},
): Promise<ConsolePage> {
  const opened = await openConsole(browser, on, options);
  pages.push(opened);
  return opened;
}

/** A request the page itself makes (cookie sent by the browser), with or without the CSRF token. */
async function pageFetch(
  page: Page,
  method: string,
  path: string,
  options: { body?: unknown; csrf?: boolean } = {},
): Promise<{ status: number; body: Record<string, unknown> }> {
  return page.evaluate(
    async ({ method, path, body, csrf }) => {
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (csrf) {
        const who = await fetch('/v1/admin/session');
        const session = (await who.json()) as { csrfToken: string };
        headers['x-csrf-token'] = session.csrfToken;
      }
      const response = await fetch(path, {
        method,
        headers,
        ...(body !== undefined && { body: JSON.stringify(body) }),
      });
      const text = await response.text();
      return {
        status: response.status,
        body: (text === '' ? {} : JSON.parse(text)) as Record<string, unknown>,
      };
    },
    { method, path, body: options.body, csrf: options.csrf === true },
  );
}

const heading = (page: Page) => page.locator('sk-sign-in-screen h1');

describe('signing in and out', () => {
  it('signs in, keeps the session over a reload, never stores the token, and signs out', async () => {
    const run = await feed();
    const { page, context } = await open(run);
    await expect(heading(page).innerText()).resolves.toBe('Sign in');
    const field = page.locator('sk-sign-in-screen input[name="token"]');
    await expect(field.getAttribute('type')).resolves.toBe('password');
    await expect(field.getAttribute('autocomplete')).resolves.toBe('off');

    await signIn(page, TOKENS.digst);
    await expect(page.locator('statuskit-console .who').innerText()).resolves.toContain(
      'Agency for Digital Government',
    );
    await page.reload();
    await page.locator('statuskit-console button.sign-out').waitFor();

    const stored = await page.evaluate(() => ({
      url: location.href,
      cookie: document.cookie,
      local: JSON.stringify(Object.entries(localStorage)),
      session: JSON.stringify(Object.entries(sessionStorage)),
    }));
    for (const place of Object.values(stored)) expect(place).not.toContain(TOKENS.digst);
    expect(stored.cookie).toBe('');
    const cookies = await context.cookies();
    expect(cookies.map((cookie) => cookie.value)).not.toContain(TOKENS.digst);
    expect(cookies).toEqual([
      expect.objectContaining({
        name: 'statuskit_session',
        path: '/v1/admin',
        httpOnly: true,
        sameSite: 'Strict',
      }),
    ]);

    await page.locator('statuskit-console button.sign-out').click();
    await heading(page).waitFor();
    await expect(page.locator('sk-sign-in-screen .reason').innerText()).resolves.toBe(
      'You are signed out.',
    );
    expect((await pageFetch(page, 'GET', '/v1/admin/session')).status).toBe(401);
  });

  it('says a wrong token is not valid, next to the field and in a focused summary, and clears the field', async () => {
    const run = await feed();
    const { page } = await open(run, { language: 'da' });
    await expect(heading(page).innerText()).resolves.toBe('Log ind');
    const field = page.locator('sk-sign-in-screen input[name="token"]');
    await field.fill('not-a-token');
    await field.press('Enter');
    const summary = page.locator('sk-sign-in-screen .summary');
    await summary.waitFor();
    await expect(summary.innerText()).resolves.toContain('Nøglen er ikke gyldig');
    await expect(summary.evaluate((element) => element.matches(':focus'))).resolves.toBe(true);
    await expect(field.inputValue()).resolves.toBe('');
    await expect(field.getAttribute('aria-invalid')).resolves.toBe('true');
    await expect(field.getAttribute('aria-describedby')).resolves.toBe('token-error token-hint');
    await expect(page.locator('sk-sign-in-screen #token-error').innerText()).resolves.toContain(
      'Nøglen er ikke gyldig',
    );
    expect(await axeViolations(page)).toEqual([]);
  });

  it('says how long to wait after too many failed attempts', async () => {
    const run = await feed({
      feedOptions: {
        signIn: { freeFailures: 1, baseDelayMs: 1, maxDelayMs: 1, maxHeldPerAddress: 0 },
      },
    });
    const { page } = await open(run);
    const field = page.locator('sk-sign-in-screen input[name="token"]');
    const error = page.locator('sk-sign-in-screen #token-error');
    for (let attempt = 0; attempt < 3; attempt += 1) {
      await field.fill(`guess-${attempt}`);
      await field.press('Enter');
      await page.locator('sk-sign-in-screen button[aria-disabled="false"]').waitFor();
    }
    await expect(error.innerText()).resolves.toMatch(
      /^Too many failed attempts from this address\. Wait \d+ seconds, then try again\.$/,
    );
  });
});

describe('console writes that are refused change nothing', () => {
  it('refuses a write without the CSRF token', async () => {
    const run = await feed();
    const { page } = await open(run);
    await signIn(page, TOKENS.digst);
    const before = { revision: run.feed.store.revision, journal: await journalRecords(run) };
    const answer = await pageFetch(page, 'POST', '/v1/admin/incidents', { body: INCIDENT });
    expect(answer).toEqual({
      status: 403,
      body: { error: "this write has no CSRF token: send the session's csrfToken as X-CSRF-Token" },
    });
    expect(run.feed.store.revision).toBe(before.revision);
    expect(await journalRecords(run)).toEqual(before.journal);
  });

  it('refuses a write in an expired session, and the sign-in screen says when it expired', async () => {
    const clock = handClock();
    const run = await feed({ feedOptions: { now: clock.now }, sessionIdleMs: 5 * 60_000 });
    const { page } = await open(run);
    await signIn(page, TOKENS.digst);
    const session = await pageFetch(page, 'GET', '/v1/admin/session');
    const csrfToken = String(session.body.csrfToken);
    const before = { revision: run.feed.store.revision, journal: await journalRecords(run) };
    clock.advance(5 * 60_000 + 1);
    const answer = await page.evaluate(
      async ({ body, csrfToken }) => {
        const response = await fetch('/v1/admin/incidents', {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-csrf-token': csrfToken },
          body: JSON.stringify(body),
        });
        return { status: response.status, body: (await response.json()) as { error: string } };
      },
      { body: INCIDENT, csrfToken },
    );
    expect(answer.status).toBe(401);
    expect(answer.body.error).toMatch(/^your session expired at \S+; sign in again$/);
    expect(run.feed.store.revision).toBe(before.revision);
    expect(await journalRecords(run)).toEqual(before.journal);
    await page.reload();
    await expect(page.locator('sk-sign-in-screen .reason').innerText()).resolves.toMatch(
      /^Your session expired at .+\. Sign in again to continue\.$/,
    );
  });

  it("refuses a write to another authority's service, naming its owner", async () => {
    const run = await feed();
    const { page } = await open(run);
    await signIn(page, TOKENS.skat);
    const before = { revision: run.feed.store.revision, journal: await journalRecords(run) };
    const answer = await pageFetch(page, 'POST', '/v1/admin/incidents', {
      body: INCIDENT,
      csrf: true,
    });
    expect(answer).toEqual({
      status: 403,
      body: { error: 'authority "skat" may not change service "eid" (owned by "digst")' },
    });
    expect(run.feed.store.revision).toBe(before.revision);
    expect(await journalRecords(run)).toEqual(before.journal);
  });

  it('records the authority and the session of a console write in the journal', async () => {
    const run = await feed();
    const { page } = await open(run);
    await signIn(page, TOKENS.digst);
    const session = await pageFetch(page, 'GET', '/v1/admin/session');
    const answer = await pageFetch(page, 'POST', '/v1/admin/incidents', {
      body: INCIDENT,
      csrf: true,
    });
    expect(answer.status).toBe(201);
    const last = (await journalRecords(run)).at(-1);
    expect(last).toMatchObject({ actor: 'digst', session: session.body.session });
    expect(String(last?.session)).toMatch(/^s_[0-9a-f]{16}$/);
  });
});

describe('the sign-in page', () => {
  it('is served with the strict CSP and the other security headers', async () => {
    const run = await feed();
    const response = await fetch(run.consoleUrl);
    expect(response.status).toBe(200);
    expect(Object.fromEntries(response.headers)).toMatchObject({
      'content-type': 'text/html; charset=utf-8',
      'content-security-policy': CSP,
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      'cache-control': 'no-cache',
    });
    const moved = await fetch(`${run.url}/console`, { redirect: 'manual' });
    expect(moved.status).toBe(301);
    expect(moved.headers.get('location')).toBe('/console/');
  });

  it('reports a CSP violation to the test (so a clean run means the page caused none)', async () => {
    const run = await feed();
    const opened = await open(run);
    await heading(opened.page).waitFor();
    await opened.page.evaluate(() => {
      const image = document.createElement('img');
      image.alt = '';
      image.src = 'https://example.invalid/tracker.png';
      document.body.append(image);
    });
    await expect.poll(() => opened.cspViolations.length).toBeGreaterThan(0);
    expect(opened.cspViolations.join('\n')).toContain('img-src');
    opened.cspViolations.length = 0;
  });

  for (const language of ['da', 'en'] as const) {
    it(`has no axe violations and no sideways scroll at 320 px (${language})`, async () => {
      const run = await feed();
      const { page } = await open(run, { language, width: 320 });
      await heading(page).waitFor();
      await expect(page.evaluate(() => document.documentElement.lang)).resolves.toBe(language);
      expect(await axeViolations(page)).toEqual([]);
      expect(await horizontalOverflowAt320(page)).toBe(0);
    });
  }
});
