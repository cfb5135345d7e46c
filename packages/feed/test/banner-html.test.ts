import { afterEach, describe, expect, it } from 'vitest';
import { incidentBody, TOKENS } from './helpers/fixtures.js';
import { startTestFeed, type TestFeed } from './helpers/feed.js';
import { http } from './helpers/http.js';

const open: TestFeed[] = [];
afterEach(async () => {
  for (const feed of open.splice(0)) await feed.close();
});

async function feedUp(options: Parameters<typeof startTestFeed>[0] = {}): Promise<TestFeed> {
  const feed = await startTestFeed(options);
  open.push(feed);
  return feed;
}

const eidDown = (feed: TestFeed, overrides: Record<string, unknown> = {}) =>
  http(`${feed.url}/v1/admin/incidents`, {
    method: 'POST',
    token: TOKENS.digst,
    body: incidentBody(overrides),
  });

const banner = (feed: TestFeed, query = '', headers: Record<string, string> = {}) =>
  http(`${feed.url}/v1/services/tax-return/banner.html${query}`, { headers });

describe('GET /v1/services/{id}/banner.html', () => {
  it('is an empty HTML body, with an ETag and short caching, while nothing affects the service', async () => {
    const feed = await feedUp();
    const res = await banner(feed, '?lang=da');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.headers['content-length']).toBe('0');
    expect(res.text).toBe('');
    expect(res.headers['cache-control']).toBe('public, max-age=30');
    expect(String(res.headers['etag'])).toMatch(/^"[\w-]{22}"$/);
  });

  it('renders the banner as Declarative Shadow DOM in the asked language, with the cause and the link to the alternatives', async () => {
    const feed = await feedUp();
    expect((await eidDown(feed)).status).toBe(201);
    const da = await banner(feed, '?lang=da');
    expect(da.status).toBe(200);
    expect(da.text).toMatch(/^<status-banner service="tax-return" lang="da"[^>]*>/);
    expect(da.text).toContain('<template shadowrootmode="open"><style>');
    expect(da.text).toContain('MitID er nede');
    expect(da.text).toContain('Selvangivelse');
    expect(da.text).toContain('href="#statuskit-alternatives"');
    expect(da.text).toMatch(/<\/template><\/status-banner>$/);
    expect(String(da.headers['statuskit-style-hash'])).toMatch(/^'sha256-[A-Za-z0-9+/]+=*'$/);
    const en = await banner(feed, '?lang=en-GB');
    expect(en.text).toContain('MitID is down');
    expect(en.text).toContain('lang="en-GB"');

    const again = await banner(feed, '?lang=da', { 'if-none-match': String(da.headers['etag']) });
    expect(again.status).toBe(304);
    expect(again.text).toBe('');
  });

  it('changes with the feed: the banner goes once the incident is resolved', async () => {
    const feed = await feedUp();
    const created = (await eidDown(feed)).json<{ incident: { id: string } }>();
    expect((await banner(feed, '?lang=da')).text).not.toBe('');
    const resolved = await http(`${feed.url}/v1/admin/incidents/${created.incident.id}/updates`, {
      method: 'POST',
      token: TOKENS.digst,
      body: { state: 'resolved', message: { da: 'Løst.', en: 'Solved.' } },
    });
    expect(resolved.status).toBe(200);
    expect((await banner(feed, '?lang=da')).text).toBe('');
  });

  it('escapes feed text: a title with markup stays text', async () => {
    const feed = await feedUp();
    await eidDown(feed, {
      title: { da: '<img src=x onerror=alert(1)>', en: '<script>alert(1)</script>' },
    });
    const res = await banner(feed, '?lang=en');
    expect(res.text).not.toContain('<script>alert(1)');
    expect(res.text).not.toContain('<img src=x');
    expect(res.text).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('takes heading-level, warn-before and an alternatives address, and links the stylesheet with style=link', async () => {
    const feed = await feedUp({ configOverrides: { publicUrl: 'https://status.example.dk' } });
    await eidDown(feed);
    const res = await banner(
      feed,
      '?lang=da&heading-level=3&warn-before=30&alternatives=%2Fkontakt&style=link',
    );
    expect(res.text).toContain('feed="https://status.example.dk/v1"');
    expect(res.text).toContain('heading-level="3"');
    expect(res.text).toContain('<h3');
    expect(res.text).toContain('href="/kontakt"');
    expect(res.text).toContain(
      '<link rel="stylesheet" href="https://status.example.dk/v1/banner.css">',
    );
    expect(res.text).not.toContain('<style>');
    const css = await http(`${feed.url}/v1/banner.css`);
    expect(css.status).toBe(200);
    expect(css.headers['content-type']).toBe('text/css; charset=utf-8');
    expect(css.text).toContain(':host');
  });

  it('refuses bad parameters with 400 naming the parameter, and an unknown service with 404 and a suggestion', async () => {
    const feed = await feedUp();
    for (const [query, parameter] of [
      ['?lang=not%20a%20tag', 'lang'],
      ['?heading-level=7', 'heading-level'],
      ['?warn-before=-1', 'warn-before'],
      ['?alternatives=javascript:alert(1)', 'alternatives'],
      ['?alternatives=%2F%2Fevil.example', 'alternatives'],
      ['?style=fancy', 'style'],
    ] as const) {
      const res = await banner(feed, query);
      expect(res.status, query).toBe(400);
      expect(res.json<{ error: string }>().error, query).toMatch(new RegExp(`^${parameter}: `));
    }
    const unknown = await http(`${feed.url}/v1/services/tax-retrun/banner.html`);
    expect(unknown.status).toBe(404);
    expect(unknown.json<{ error: string }>().error).toContain('tax-return');
  });
});
