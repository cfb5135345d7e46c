// The console's sessions over the real feed: sign-in, the cookie, CSRF, expiry, sign-out, and the
// journal recording the session of every console write. Run again with Redis (test/redis/).
import { rm } from 'node:fs/promises';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { LogEntry } from '../src/log.js';
import { consoleDist, cookieOf, handClock } from './console/console-fixture.js';
import { startTestFeed, type TestFeed } from './helpers/feed.js';
import { incidentBody, TOKENS } from './helpers/fixtures.js';
import { http } from './helpers/http.js';

let assetsDir: string;
const open: TestFeed[] = [];
beforeAll(async () => {
  assetsDir = await consoleDist();
});
afterEach(async () => {
  await Promise.all(open.splice(0).map((feed) => feed.close()));
});
afterAll(async () => {
  await rm(assetsDir, { recursive: true, force: true });
});

const IDLE_MS = 10 * 60_000;
const MAX_MS = 60 * 60_000;

async function consoleFeed(
  options: Parameters<typeof startTestFeed>[0] = {},
): Promise<{ feed: TestFeed; logs: LogEntry[]; clock: ReturnType<typeof handClock> }> {
  const logs: LogEntry[] = [];
  const clock = handClock();
  const feed = await startTestFeed({
    console: { assetsDir, sessionIdleMs: IDLE_MS, sessionMaxMs: MAX_MS },
    log: (entry) => logs.push(entry),
    now: clock.now,
    ...options,
  });
  open.push(feed);
  return { feed, logs, clock };
}

interface SignedIn {
  readonly cookie: string;
  readonly csrfToken: string;
  readonly session: string;
}

async function signIn(feed: TestFeed, token: string = TOKENS.digst): Promise<SignedIn> {
  const answer = await http(`${feed.url}/v1/admin/session`, { method: 'POST', body: { token } });
  expect(answer.status).toBe(201);
  const body = answer.json<{ csrfToken: string; session: string }>();
  return {
    cookie: cookieOf(answer.headers['set-cookie']),
    csrfToken: body.csrfToken,
    session: body.session,
  };
}

describe('signing in', () => {
  it('exchanges a token for a session cookie and answers who is signed in, never the token', async () => {
    const { feed, logs } = await consoleFeed();
    const answer = await http(`${feed.url}/v1/admin/session`, {
      method: 'POST',
      body: { token: TOKENS.digst },
    });
    expect(answer.status).toBe(201);
    const setCookie = String(answer.headers['set-cookie']);
    expect(setCookie).toMatch(
      /^statuskit_session=[\w-]{43}; Path=\/v1\/admin; HttpOnly; SameSite=Strict$/,
    );
    const body = answer.json();
    expect(body).toMatchObject({
      authority: 'digst',
      authorityName: { da: 'Digitaliseringsstyrelsen', en: 'Agency for Digital Government' },
      session: expect.stringMatching(/^s_[0-9a-f]{16}$/) as unknown,
      csrfToken: expect.stringMatching(/^[\w-]{43}$/) as unknown,
      languages: ['da', 'en'],
      defaultLocale: 'da',
      timeZone: 'Europe/Copenhagen',
    });
    expect(answer.text).not.toContain(TOKENS.digst);
    expect(JSON.stringify(logs)).not.toContain(TOKENS.digst);
    expect(answer.headers['cache-control']).toBe('no-store');

    const who = await http(`${feed.url}/v1/admin/session`, {
      headers: { cookie: cookieOf(setCookie) },
    });
    expect(who.status).toBe(200);
    expect(who.json()).toMatchObject({ authority: 'digst', session: body.session });
  });

  it('refuses a wrong token (400 without one), and slows then refuses an address that keeps guessing', async () => {
    const { feed, logs } = await consoleFeed({
      signIn: { freeFailures: 1, baseDelayMs: 1, maxDelayMs: 1, maxHeldPerAddress: 1 },
    });
    const missing = await http(`${feed.url}/v1/admin/session`, { method: 'POST', body: {} });
    expect(missing.status).toBe(400);
    expect(missing.json()).toMatchObject({ errors: [{ path: 'token' }] });
    const wrong = await http(`${feed.url}/v1/admin/session`, {
      method: 'POST',
      body: { token: 'guess-1' },
    });
    expect(wrong.status).toBe(401);
    expect(wrong.json()).toEqual({ error: 'the admin token is not valid; check it and try again' });
    expect(wrong.headers['set-cookie']).toBeUndefined();
    const answers = await Promise.all(
      ['guess-2', 'guess-3', 'guess-4'].map((token) =>
        http(`${feed.url}/v1/admin/session`, { method: 'POST', body: { token } }),
      ),
    );
    const refused = answers.find((answer) => answer.status === 429);
    expect(refused?.headers['retry-after']).toMatch(/^\d+$/);
    expect(refused?.json<{ error: string }>().error).toMatch(
      /too many failed sign-ins .* wait \d+ seconds/,
    );
    expect(JSON.stringify(logs)).not.toMatch(/guess-\d/);
  });

  it('marks the cookie Secure behind a trusted proxy that says https, or with an https publicUrl', async () => {
    const { feed } = await consoleFeed({ trustProxy: ['127.0.0.1'] });
    const proxied = await http(`${feed.url}/v1/admin/session`, {
      method: 'POST',
      body: { token: TOKENS.digst },
      headers: { 'x-forwarded-proto': 'https' },
    });
    expect(String(proxied.headers['set-cookie'])).toMatch(/; Secure$/);
    const { feed: plain } = await consoleFeed();
    const spoofed = await http(`${plain.url}/v1/admin/session`, {
      method: 'POST',
      body: { token: TOKENS.digst },
      headers: { 'x-forwarded-proto': 'https' },
    });
    expect(String(spoofed.headers['set-cookie'])).not.toContain('Secure');
    const { feed: published } = await consoleFeed({
      configOverrides: { publicUrl: 'https://status.example.dk' },
    });
    const viaPublic = await http(`${published.url}/v1/admin/session`, {
      method: 'POST',
      body: { token: TOKENS.digst },
    });
    expect(String(viaPublic.headers['set-cookie'])).toMatch(/; Secure$/);
  });

  it('has no session routes without the console', async () => {
    const feed = await startTestFeed();
    open.push(feed);
    const answer = await http(`${feed.url}/v1/admin/session`, {
      method: 'POST',
      body: { token: TOKENS.digst },
    });
    expect(answer.status).toBe(404);
  });
});

describe('writing in a session', () => {
  it('accepts a write with the CSRF token and records authority and session in the journal', async () => {
    const { feed, logs } = await consoleFeed();
    const { cookie, csrfToken, session } = await signIn(feed);
    const answer = await http(`${feed.url}/v1/admin/incidents`, {
      method: 'POST',
      body: incidentBody(),
      headers: { cookie, 'x-csrf-token': csrfToken, origin: feed.url },
    });
    expect(answer.status).toBe(201);
    const [record] = feed.feed.store.since(feed.feed.store.revision - 1) ?? [];
    expect(record).toMatchObject({ actor: 'digst', session });
    expect(record).not.toHaveProperty('token');
    expect(logs.find((entry) => entry.msg === 'change accepted')).toMatchObject({
      actor: 'digst',
      session,
    });
    // Read back from the store (journal file or Redis) by a new process.
    const restarted = await feed.restart();
    open.splice(open.indexOf(feed), 1, restarted);
    const [reread] = restarted.feed.store.since(restarted.feed.store.revision - 1) ?? [];
    expect(reread).toMatchObject({ actor: 'digst', session });
  });

  it('refuses a write without the CSRF token, with a wrong one, or from another origin, and stores nothing', async () => {
    const { feed } = await consoleFeed();
    const { cookie, csrfToken } = await signIn(feed);
    const revision = feed.feed.store.revision;
    const write = (headers: Record<string, string>) =>
      http(`${feed.url}/v1/admin/incidents`, {
        method: 'POST',
        body: incidentBody(),
        headers: { cookie, ...headers },
      });
    const without = await write({});
    expect(without.status).toBe(403);
    expect(without.json()).toEqual({
      error: "this write has no CSRF token: send the session's csrfToken as X-CSRF-Token",
    });
    const wrong = await write({ 'x-csrf-token': 'not-the-token' });
    expect(wrong.status).toBe(403);
    expect(wrong.json<{ error: string }>().error).toMatch(
      /X-CSRF-Token is not this session's csrfToken/,
    );
    const foreign = await write({ 'x-csrf-token': csrfToken, origin: 'https://evil.example' });
    expect(foreign.status).toBe(403);
    expect(foreign.json<{ error: string }>().error).toMatch(/origin https:\/\/evil\.example/);
    expect(feed.feed.store.revision).toBe(revision);
  });

  it("refuses a write to another authority's service, naming the owner", async () => {
    const { feed } = await consoleFeed();
    const { cookie, csrfToken } = await signIn(feed, TOKENS.tax);
    const revision = feed.feed.store.revision;
    const answer = await http(`${feed.url}/v1/admin/incidents`, {
      method: 'POST',
      body: incidentBody(),
      headers: { cookie, 'x-csrf-token': csrfToken },
    });
    expect(answer.status).toBe(403);
    expect(answer.json<{ error: string }>().error).toMatch(/owned by "digst"/);
    expect(feed.feed.store.revision).toBe(revision);
  });

  it('ends an idle session, slides with use, and ends at the maximum whatever the use', async () => {
    const { feed, clock } = await consoleFeed();
    const { cookie } = await signIn(feed);
    const who = () => http(`${feed.url}/v1/admin/session`, { headers: { cookie } });
    for (let step = 0; step < 5; step += 1) {
      clock.advance(IDLE_MS - 60_000);
      expect((await who()).status).toBe(200);
    }
    clock.advance(MAX_MS);
    const ended = await who();
    expect(ended.status).toBe(401);
    expect(ended.json<{ error: string }>().error).toMatch(
      /^your session expired at \d{4}-\d\d-\d\dT[\d:.]+Z; sign in again$/,
    );

    const second = await signIn(feed);
    clock.advance(IDLE_MS + 1);
    const revision = feed.feed.store.revision;
    const late = await http(`${feed.url}/v1/admin/incidents`, {
      method: 'POST',
      body: incidentBody(),
      headers: { cookie: second.cookie, 'x-csrf-token': second.csrfToken },
    });
    expect(late.status).toBe(401);
    expect(late.json<{ error: string }>().error).toMatch(/your session expired at/);
    expect(feed.feed.store.revision).toBe(revision);
  });

  it('signs out (with the CSRF token), clearing the cookie; the session is then gone', async () => {
    const { feed } = await consoleFeed();
    const { cookie, csrfToken } = await signIn(feed);
    const refused = await http(`${feed.url}/v1/admin/session`, {
      method: 'DELETE',
      headers: { cookie },
    });
    expect(refused.status).toBe(403);
    const out = await http(`${feed.url}/v1/admin/session`, {
      method: 'DELETE',
      headers: { cookie, 'x-csrf-token': csrfToken },
    });
    expect(out.status).toBe(204);
    expect(String(out.headers['set-cookie'])).toMatch(
      /^statuskit_session=; Path=\/v1\/admin; Max-Age=0/,
    );
    const after = await http(`${feed.url}/v1/admin/session`, { headers: { cookie } });
    expect(after.status).toBe(401);
  });

  it('keeps bearer tokens working beside sessions, recording which token wrote', async () => {
    const { feed } = await consoleFeed();
    const answer = await http(`${feed.url}/v1/admin/incidents`, {
      method: 'POST',
      body: incidentBody(),
      token: TOKENS.digst,
    });
    expect(answer.status).toBe(201);
    const [record] = feed.feed.store.since(feed.feed.store.revision - 1) ?? [];
    expect(record?.token).toMatch(/^[0-9a-f]{12}$/);
    expect(record).not.toHaveProperty('session');
  });
});
