import { XMLParser } from 'fast-xml-parser';
import { SyntaxValidator } from 'fast-xml-validator';
import { afterEach, describe, expect, it } from 'vitest';
import { incidentBody, maintenanceBody, TOKENS } from './helpers/fixtures.js';
import { startTestFeed, type TestFeed } from './helpers/feed.js';
import { http, type HttpResult } from './helpers/http.js';

let clock = new Date('2030-03-10T09:00:00Z');
let feed: TestFeed | undefined;
afterEach(async () => {
  await feed?.close();
  feed = undefined;
});

async function start(configOverrides: Record<string, unknown> = {}): Promise<TestFeed> {
  clock = new Date('2030-03-10T09:00:00Z');
  feed = await startTestFeed({ now: () => clock, configOverrides });
  return feed;
}

function later(minutes: number): void {
  clock = new Date(clock.getTime() + minutes * 60_000);
}

async function post(path: string, body: unknown, token: string = TOKENS.digst): Promise<void> {
  const res = await http(`${feed?.url ?? ''}${path}`, { method: 'POST', token, body });
  expect(res.status, res.text).toBeLessThan(300);
}

interface AtomLink {
  readonly '@_href': string;
  readonly '@_rel'?: string;
}
interface AtomText {
  readonly '#text': string;
  readonly '@_type'?: string;
}
interface AtomEntry {
  readonly id: string;
  readonly title: AtomText;
  readonly updated: string;
  readonly published: string;
  readonly content: AtomText;
  readonly link: AtomLink[];
  readonly author: { name: string }[];
}
interface AtomFeed {
  readonly id: string;
  readonly title: string;
  readonly updated: string;
  readonly author: { name: string }[];
  readonly link: AtomLink[];
  readonly entry?: AtomEntry[];
}

const parser = new XMLParser({
  ignoreAttributes: false,
  textNodeName: '#text',
  alwaysCreateTextNode: false,
  isArray: (name) => ['entry', 'link', 'author'].includes(name),
  // CDATA is text: a title is read as a reader would read it.
  parseTagValue: false,
});

async function fetchAtom(query = ''): Promise<{ res: HttpResult; atom: AtomFeed }> {
  const res = await http(`${feed?.url ?? ''}/v1/history.atom${query}`);
  expect(res.status, res.text).toBe(200);
  // Well-formed XML first (it throws naming the line otherwise), then read as a reader would.
  expect(
    SyntaxValidator.validate(res.text, { invalidCharSequence: { tagValue: true, attrLt: true } }),
  ).toBe(true);
  const parsed = parser.parse(res.text) as { feed: AtomFeed };
  return { res, atom: parsed.feed };
}

const text = (value: AtomText | string): string =>
  typeof value === 'string' ? value : value['#text'];

/** What a feed reader shows for `type="html"` text that holds no markup: entities decoded. */
function shown(html: string): string {
  expect(html).not.toMatch(/<(?!br>)/);
  return html
    .replace(/<br>/g, '\n')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
}

function expectValidAtom(atom: AtomFeed): void {
  // RFC 4287, 4.1.1: id, title, updated, an author (here on the feed), a self link.
  expect(atom.id).toMatch(/^tag:/);
  expect(text(atom.title)).not.toBe('');
  expect(Number.isNaN(Date.parse(atom.updated))).toBe(false);
  expect(atom.author[0]?.name).toBeTruthy();
  expect(atom.link.some((link) => link['@_rel'] === 'self')).toBe(true);
  const ids = new Set<string>();
  for (const entry of atom.entry ?? []) {
    expect(entry.id).toMatch(/^tag:/);
    expect(ids.has(entry.id)).toBe(false);
    ids.add(entry.id);
    expect(text(entry.title)).not.toBe('');
    expect(Number.isNaN(Date.parse(entry.updated))).toBe(false);
    expect(Number.isNaN(Date.parse(entry.published))).toBe(false);
    expect(text(entry.content)).not.toBe('');
    expect(entry.link[0]?.['@_href']).toMatch(/^https:\/\//);
  }
}

describe('GET /v1/history.atom', () => {
  it('lists the announcement, updates and resolution of an incident, newest first, as valid Atom', async () => {
    await start({ publicUrl: 'https://status.example.dk/' });
    await post('/v1/admin/incidents', incidentBody({ id: 'eid-down' }));
    later(10);
    await post('/v1/admin/incidents/eid-down/updates', {
      state: 'identified',
      message: { da: 'Fejlen er fundet.', en: 'Found the fault.' },
    });
    later(10);
    await post('/v1/admin/incidents/eid-down/updates', {
      state: 'resolved',
      message: { da: 'Løst.', en: 'Resolved.' },
    });
    const { res, atom } = await fetchAtom('?lang=en');
    expect(res.headers['content-type']).toBe('application/atom+xml; charset=utf-8');
    expect(res.headers['access-control-allow-origin']).toBe('*');
    expectValidAtom(atom);
    expect(atom.link.find((link) => link['@_rel'] === 'self')?.['@_href']).toBe(
      'https://status.example.dk/v1/history.atom?lang=en',
    );
    const entries = atom.entry ?? [];
    expect(entries.map((entry) => entry.id)).toEqual([
      'tag:status.example.dk,2026:incident/eid-down/2',
      'tag:status.example.dk,2026:incident/eid-down/1',
      'tag:status.example.dk,2026:incident/eid-down/0',
    ]);
    expect(entries.map((entry) => shown(text(entry.title)))).toEqual([
      'Resolved: MitID is down',
      'Identified: MitID is down',
      'Investigating: MitID is down',
    ]);
    expect(shown(text(entries[1]?.content ?? ''))).toBe('Found the fault.\nServices: MitID');
    expect(entries[0]?.updated).toBe('2030-03-10T09:20:00.000Z');
    expect(entries[0]?.author[0]?.name).toBe('Agency for Digital Government');
    expect(atom.updated).toBe('2030-03-10T09:20:00.000Z');
  });

  it('shows planned maintenance as soon as it is announced, with its window', async () => {
    await start();
    await post('/v1/admin/maintenance', maintenanceBody({ id: 'spring' }), TOKENS.tax);
    const { atom } = await fetchAtom('?lang=en');
    expectValidAtom(atom);
    const [entry] = atom.entry ?? [];
    expect(entry?.id).toBe('tag:statuskit.invalid,2026:maintenance/spring/announced');
    expect(shown(text(entry?.title ?? ''))).toBe('Planned maintenance: Planned maintenance');
    expect(shown(text(entry?.content ?? '')).replace(/\s/g, ' ')).toMatch(
      /^The tax return is closed\. Planned: Mar 14, 2030, 10:00 PM\s*–\s*Mar 15, 2030, 2:00 AM Services: Tax return$/,
    );
  });

  it('keeps entry ids across a restart, and speaks the default language without ?lang', async () => {
    await start();
    await post('/v1/admin/incidents', incidentBody({ id: 'eid-down' }));
    await post('/v1/admin/maintenance', maintenanceBody({ id: 'spring' }), TOKENS.tax);
    const before = (await fetchAtom()).atom;
    expect(shown(text(before.entry?.[1]?.title ?? ''))).toBe('Undersøges: MitID er nede');
    feed = await (feed as TestFeed).restart();
    const after = (await fetchAtom()).atom;
    expect(after.entry?.map((entry) => entry.id)).toEqual(before.entry?.map((entry) => entry.id));
    expect(after.id).toBe(before.id);
  });

  it('filters by service like /v1/stream: the named services and what they depend on', async () => {
    await start();
    await post('/v1/admin/incidents', incidentBody({ id: 'eid-down' }));
    await post(
      '/v1/admin/incidents',
      incidentBody({ id: 'post-slow', services: ['digital-post'] }),
    );
    await post(
      '/v1/admin/maintenance',
      maintenanceBody({ id: 'permits-work', services: ['permits'] }),
      TOKENS.tax,
    );
    const ids = async (query: string): Promise<string[]> =>
      ((await fetchAtom(query)).atom.entry ?? []).map((entry) => entry.id.split(':').at(-1) ?? '');
    expect(await ids('?services=login')).toEqual(['incident/eid-down/0']);
    expect(await ids('?services=permits')).toEqual(['maintenance/permits-work/announced']);
    expect((await ids('')).length).toBe(3);
    const unknown = await http(`${feed?.url ?? ''}/v1/history.atom?services=login,nope`);
    expect(unknown.status).toBe(404);
    expect(unknown.text).toMatch(/unknown service \\?"nope\\?"/);
    expect((await http(`${feed?.url ?? ''}/v1/history.atom?lang=not a tag`)).status).toBe(400);
  });

  it('answers If-None-Match and If-Modified-Since with 304, HEAD with headers only, until the revision changes', async () => {
    await start();
    await post('/v1/admin/incidents', incidentBody({ id: 'eid-down' }));
    const url = `${feed?.url ?? ''}/v1/history.atom`;
    const first = await http(url);
    const etag = String(first.headers['etag']);
    expect(first.headers['last-modified']).toBe('Sun, 10 Mar 2030 09:00:00 GMT');
    expect((await http(url, { headers: { 'if-none-match': etag } })).status).toBe(304);
    expect(
      (await http(url, { headers: { 'if-modified-since': 'Sun, 10 Mar 2030 09:00:00 GMT' } }))
        .status,
    ).toBe(304);
    const head = await http(url, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.text).toBe('');
    expect(head.headers['content-length']).toBe(String(Buffer.byteLength(first.text)));
    later(5);
    await post('/v1/admin/incidents/eid-down/updates', {
      state: 'resolved',
      message: { da: 'Løst.', en: 'Resolved.' },
    });
    expect((await http(url, { headers: { 'if-none-match': etag } })).status).toBe(200);
  });

  it('carries hostile text as text: escaped, never markup, and still well-formed XML', async () => {
    const payloads = [
      '<img src=x onerror="window.__xss=1">',
      '<script>window.__xss=1</script>',
      ']]><script>alert(1)</script><![CDATA[',
      '"><svg onload="window.__xss=1">',
      '&lt;b&gt;entities stay as typed&lt;/b&gt;',
    ];
    await start();
    for (const [index, payload] of payloads.entries()) {
      await post(
        '/v1/admin/incidents',
        incidentBody({ id: `x${index}`, title: { da: payload }, message: { da: payload } }),
      );
    }
    const { res, atom } = await fetchAtom();
    expect(res.text).not.toContain('<script');
    expect(res.text).not.toContain('<img');
    expectValidAtom(atom);
    const titles = (atom.entry ?? []).map((entry) => shown(text(entry.title)));
    for (const payload of payloads) expect(titles).toContain(`Undersøges: ${payload}`);
  });
});
