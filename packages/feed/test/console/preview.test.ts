// Issue 14, part 3: POST /v1/admin/preview shows what users would see if a draft were published:
// validated as the write would be, applied to a copy (nothing stored), and derived and worded in
// every feed language by the same code as the view streams.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { incidentBody, maintenanceBody, TOKENS } from '../helpers/fixtures.js';
import { startTestFeed, type TestFeed } from '../helpers/feed.js';
import { http } from '../helpers/http.js';

let feed: TestFeed | undefined;
afterEach(async () => {
  await feed?.close();
  feed = undefined;
});

async function start(): Promise<TestFeed> {
  feed = await startTestFeed({ now: () => new Date('2030-03-10T09:00:00Z') });
  return feed;
}

interface ViewAnswer {
  service: string;
  lang: string;
  status: string;
  notices: {
    kind: string;
    title: { text: string };
    sentences: { heading: string; cause?: string };
  }[];
}
interface PreviewAnswer {
  views: Record<string, ViewAnswer>;
  warnings: Record<string, unknown>[];
}

const preview = (running: TestFeed, token: string, body: unknown) =>
  http(`${running.url}/v1/admin/preview`, { method: 'POST', token, body });

/** Everything the data dir holds, so a test can see that nothing was written. */
async function dataFiles(dir: string): Promise<Record<string, string>> {
  const files: Record<string, string> = {};
  for (const name of await readdir(dir, { recursive: true })) {
    const text = await readFile(join(dir, name), 'utf8').catch(() => undefined);
    if (text !== undefined) files[name] = text;
  }
  return files;
}

describe('POST /v1/admin/preview', () => {
  it("shows a new incident on a dependent service's page in every feed language, storing nothing", async () => {
    const running = await start();
    const before = await dataFiles(running.dataDir);
    const revision = running.feed.store.revision;
    const res = await preview(running, TOKENS.digst, {
      service: 'tax-return',
      draft: { kind: 'new-incident', body: incidentBody({ services: ['login'] }) },
    });
    expect(res.status).toBe(200);
    const answer = res.json<PreviewAnswer>();
    expect(Object.keys(answer.views)).toEqual(['da', 'en']);
    expect(answer.views['en']).toMatchObject({
      service: 'tax-return',
      lang: 'en',
      status: 'major_outage',
      notices: [
        {
          kind: 'incident',
          title: { text: 'MitID is down' },
          sentences: {
            heading: 'Tax return is not working right now',
            cause: expect.stringContaining('Login') as unknown,
          },
        },
      ],
    });
    expect(answer.views['da']?.notices[0]?.title).toEqual({ text: 'MitID er nede' });
    expect(answer.warnings).toEqual([]);
    expect(running.feed.store.revision).toBe(revision);
    expect(running.feed.store.document.incidents).toEqual([]);
    expect(await dataFiles(running.dataDir)).toEqual(before);
  });

  it('words the preview exactly as the view the stream sends after the write', async () => {
    const running = await start();
    const draft = incidentBody({ id: 'eid-down' });
    const answer = (
      await preview(running, TOKENS.digst, {
        service: 'tax-return',
        draft: { kind: 'new-incident', body: draft },
      })
    ).json<PreviewAnswer>();
    await http(`${running.url}/v1/admin/incidents`, {
      method: 'POST',
      token: TOKENS.digst,
      body: draft,
    });
    const published = (
      await http(`${running.url}/v1/status.json?view=tax-return&lang=en`)
    ).json<ViewAnswer>();
    expect(answer.views['en']?.notices).toEqual(published.notices);
  });

  it('previews an update that resolves an incident: the notice is gone', async () => {
    const running = await start();
    await http(`${running.url}/v1/admin/incidents`, {
      method: 'POST',
      token: TOKENS.digst,
      body: incidentBody({ id: 'eid-down' }),
    });
    const res = await preview(running, TOKENS.digst, {
      service: 'eid',
      draft: {
        kind: 'incident-update',
        id: 'eid-down',
        body: { state: 'resolved', message: { da: 'Løst.', en: 'Resolved.' } },
      },
    });
    expect(res.status).toBe(200);
    expect(res.json<PreviewAnswer>().views['en']).toMatchObject({
      status: 'operational',
      notices: [],
    });
    expect(running.feed.store.document.incidents[0]?.state).toBe('investigating');
  });

  it('gives a maintenance draft its warnings and shows it as at the time asked for', async () => {
    const running = await start();
    const res = await preview(running, TOKENS.tax, {
      service: 'tax-return',
      at: '2030-03-11T23:00:00+01:00',
      draft: {
        kind: 'new-maintenance',
        body: maintenanceBody({
          scheduledStart: '2030-03-11T22:00:00+01:00',
          scheduledEnd: '2030-03-12T02:00:00+01:00',
        }),
      },
    });
    expect(res.status).toBe(200);
    const answer = res.json<PreviewAnswer>();
    expect(answer.views['en']).toMatchObject({
      status: 'maintenance',
      notices: [{ kind: 'maintenance', title: { text: 'Planned maintenance' } }],
    });
    // The figures to word it in any language, and the feed's own sentence.
    expect(answer.warnings).toEqual([
      {
        kind: 'notice-period',
        maintenance: expect.any(String) as unknown,
        service: 'tax-return',
        requiredDays: 5,
        givenDays: expect.any(Number) as unknown,
        message: expect.stringContaining('declares a notice period of 5 days') as unknown,
      },
    ]);
    expect(running.feed.store.document.maintenance).toEqual([]);
  });

  it('refuses a draft that is not valid with 400 and the problems by field, as the write would', async () => {
    const running = await start();
    const res = await preview(running, TOKENS.digst, {
      service: 'eid',
      draft: { kind: 'new-incident', body: incidentBody({ impact: 'huge', title: {} }) },
    });
    expect(res.status).toBe(400);
    const paths = res.json<{ errors: { path: string }[] }>().errors.map((problem) => problem.path);
    expect(paths).toContain('impact');
    expect(paths.some((path) => path.startsWith('title'))).toBe(true);
  });

  it("refuses a draft for another authority's service with 403 naming the owner", async () => {
    const running = await start();
    const res = await preview(running, TOKENS.tax, {
      service: 'tax-return',
      draft: { kind: 'new-incident', body: incidentBody({ services: ['login'] }) },
    });
    expect(res.status).toBe(403);
    expect(res.json()['error']).toBe(
      'authority "tax" may not change service "login" (owned by "digst")',
    );
  });

  it('refuses a malformed request naming the field, an unknown service (404) and no token (401)', async () => {
    const running = await start();
    const noKind = await preview(running, TOKENS.digst, { service: 'eid', draft: { body: {} } });
    expect(noKind.status).toBe(400);
    expect(noKind.json<{ errors: { path: string }[] }>().errors[0]?.path).toBe('draft.kind');
    const badAt = await preview(running, TOKENS.digst, {
      service: 'eid',
      at: 'tomorrow',
      draft: { kind: 'new-incident', body: incidentBody() },
    });
    expect(badAt.status).toBe(400);
    expect(badAt.json<{ errors: { path: string }[] }>().errors[0]?.path).toBe('at');
    const unknown = await preview(running, TOKENS.digst, {
      service: 'nope',
      draft: { kind: 'new-incident', body: incidentBody() },
    });
    expect(unknown.status).toBe(404);
    const missing = await preview(running, TOKENS.digst, {
      service: 'eid',
      draft: { kind: 'incident-update', id: 'nope', body: { state: 'resolved' } },
    });
    expect(missing.status).toBe(404);
    const anonymous = await http(`${running.url}/v1/admin/preview`, { method: 'POST', body: {} });
    expect(anonymous.status).toBe(401);
  });
});
