// Issue 16, item 3: one authority must not be able to grow the document (and every subscriber's
// snapshot, and the journal) without bound. Each limit answers 422 naming itself; nothing is
// stored when a limit refuses.
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { configJson, incidentBody, maintenanceBody, TOKENS } from './helpers/fixtures.js';
import { startTestFeed, type TestFeed } from './helpers/feed.js';
import { http, type HttpResult } from './helpers/http.js';
import { liveBytes } from '../src/limits.js';

let feed: TestFeed | undefined;
afterEach(async () => {
  await feed?.close();
  feed = undefined;
});

async function start(limits?: Record<string, number>): Promise<TestFeed> {
  feed = await startTestFeed({
    now: () => new Date('2030-03-10T09:00:00Z'),
    ...(limits && { configOverrides: { limits } }),
  });
  return feed;
}

const post = (running: TestFeed, path: string, body: unknown, token: string = TOKENS.digst) =>
  http(running.url + path, { method: 'POST', body, token });

/** Bytes of every file under the data directory: journal, snapshots, archives. */
async function dataBytes(dir: string): Promise<number> {
  let total = 0;
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) total += (await stat(join(entry.parentPath, entry.name))).size;
  }
  return total;
}

/** An update of about 60 KB: 5,000 three-byte characters in four languages. */
function bigUpdate(n: number): Record<string, unknown> {
  const text = `${n} ${'€'.repeat(4990)}`;
  return {
    state: 'investigating',
    message: { da: text, en: text, de: text, sv: text },
  };
}

interface Refusal {
  error: string;
  errors: { path: string; message: string; limit?: string }[];
}

function refusal(res: HttpResult): Refusal {
  return res.json<Refusal>();
}

describe('write limits', () => {
  it('stops one authority appending 60 KB updates to one incident: status.json and the journal stay small', async () => {
    const running = await start();
    expect((await post(running, '/v1/admin/incidents', incidentBody({ id: 'inc-1' }))).status).toBe(
      201,
    );
    let refused: HttpResult | undefined;
    let accepted = 0;
    for (let n = 0; n < 30 && !refused; n++) {
      const res = await post(running, '/v1/admin/incidents/inc-1/updates', bigUpdate(n));
      if (res.status === 200) accepted += 1;
      else refused = res;
    }
    if (!refused) throw new Error('30 updates of 60 KB were all accepted');
    expect(refused.status).toBe(422);
    expect(accepted).toBeGreaterThan(3);
    expect(refusal(refused).errors).toEqual([
      expect.objectContaining({ path: '', limit: 'limits.maxLiveBytesPerAuthority' }),
    ]);
    expect(refusal(refused).error).toMatch(
      /authority "digst" would take \d+ KiB in the live document, over the limit of 512 KiB \(limits\.maxLiveBytesPerAuthority\)/,
    );

    const status = await http(`${running.url}/v1/status.json`);
    expect(status.text.length).toBeLessThan(600 * 1024);
    expect(await dataBytes(running.dataDir)).toBeLessThan(8 * 1024 * 1024);
  });

  it('leaves the stored data untouched after a refusal', async () => {
    const running = await start({ maxLiveBytesPerAuthority: 4096 });
    await post(running, '/v1/admin/incidents', incidentBody({ id: 'inc-1' }));
    const update = { state: 'identified', message: { da: 'x'.repeat(1500) } };
    expect((await post(running, '/v1/admin/incidents/inc-1/updates', update)).status).toBe(200);
    const revision = running.feed.store.revision;
    const before = await http(`${running.url}/v1/status.json`);
    const bytes = await dataBytes(running.dataDir);

    const res = await post(running, '/v1/admin/incidents/inc-1/updates', update);
    expect(res.status).toBe(422);
    expect(res.json()['error']).toContain(
      'over the limit of 4 KiB (limits.maxLiveBytesPerAuthority)',
    );
    expect(running.feed.store.revision).toBe(revision);
    expect((await http(`${running.url}/v1/status.json`)).text).toBe(before.text);
    expect(await dataBytes(running.dataDir)).toBe(bytes);
    // Other authorities are not held back by digst's size.
    expect(
      (await post(running, '/v1/admin/maintenance', maintenanceBody(), TOKENS.tax)).status,
    ).toBe(201);
  });

  it('still lets an authority at its limit resolve what it opened, with a short message', async () => {
    const limit = 5500;
    const running = await start({ maxLiveBytesPerAuthority: limit });
    await post(running, '/v1/admin/incidents', incidentBody({ id: 'inc-1' }));
    // Fill digst's share to 30 bytes under the limit with a window of ASCII text (a byte a character).
    const text = (length: number) => ({ da: 'x'.repeat(length) });
    const pad = maintenanceBody({ id: 'pad', services: ['eid'], message: text(1000) });
    expect((await post(running, '/v1/admin/maintenance', pad)).status).toBe(201);
    const length = 1000 + limit - 30 - liveBytes(running.feed.store.document, 'digst');
    const resized = await http(`${running.url}/v1/admin/maintenance/pad`, {
      method: 'PATCH',
      body: { message: text(length) },
      token: TOKENS.digst,
    });
    expect(resized.status).toBe(200);
    expect(liveBytes(running.feed.store.document, 'digst')).toBe(limit - 30);

    const more = await post(running, '/v1/admin/incidents/inc-1/updates', {
      state: 'monitoring',
      message: { da: 'Vi holder øje.' },
    });
    expect(more.status).toBe(422);
    const resolved = await post(running, '/v1/admin/incidents/inc-1/updates', {
      state: 'resolved',
      message: { da: 'Vi holder øje.' },
    });
    expect(resolved.status).toBe(200);
    expect(liveBytes(running.feed.store.document, 'digst')).toBeGreaterThan(limit);
  });

  it('names each limit in its answer: updates per incident, languages, alternatives', async () => {
    const running = await start({
      maxUpdatesPerIncident: 2,
      maxLanguagesPerText: 2,
      maxAlternatives: 1,
    });
    await post(running, '/v1/admin/incidents', incidentBody({ id: 'inc-1' }));
    const second = { state: 'identified', message: { da: 'To' } };
    expect((await post(running, '/v1/admin/incidents/inc-1/updates', second)).status).toBe(200);
    const third = await post(running, '/v1/admin/incidents/inc-1/updates', second);
    expect(third.status).toBe(422);
    expect(refusal(third)).toEqual({
      error:
        'updates: incident "inc-1" has 2 updates, the limit (limits.maxUpdatesPerIncident); resolve it and open a new incident to go on reporting',
      errors: [
        {
          path: 'updates',
          message:
            'incident "inc-1" has 2 updates, the limit (limits.maxUpdatesPerIncident); resolve it and open a new incident to go on reporting',
          limit: 'limits.maxUpdatesPerIncident',
        },
      ],
    });

    const languages = await post(
      running,
      '/v1/admin/incidents',
      incidentBody({ title: { da: 'Nede', en: 'Down', de: 'Ausfall' } }),
    );
    expect(languages.status).toBe(422);
    expect(refusal(languages).error).toBe(
      'title: has 3 languages, over the limit of 2 (limits.maxLanguagesPerText)',
    );

    const phone = { kind: 'phone', label: { da: 'Ring' }, href: 'tel:+4570123456' };
    const alternatives = await post(
      running,
      '/v1/admin/maintenance',
      maintenanceBody({ alternatives: [phone, phone] }),
      TOKENS.tax,
    );
    expect(alternatives.status).toBe(422);
    expect(refusal(alternatives).errors).toEqual([
      expect.objectContaining({ path: 'alternatives', limit: 'limits.maxAlternatives' }),
    ]);
    expect(running.feed.store.document.maintenance).toEqual([]);
  });

  it('keeps 400 for a malformed request even when it is also over a limit', async () => {
    const running = await start({ maxLanguagesPerText: 1 });
    const res = await post(
      running,
      '/v1/admin/incidents',
      incidentBody({ impact: 'huge', title: { da: 'Nede', en: 'Down' } }),
    );
    expect(res.status).toBe(400);
  });

  it('says which limit a body over 64 KiB passes (413)', async () => {
    const running = await start();
    const res = await http(`${running.url}/v1/admin/incidents`, {
      method: 'POST',
      body: { padding: 'x'.repeat(70 * 1024) },
      token: TOKENS.digst,
    });
    expect(res.status).toBe(413);
    expect(res.json()['error']).toBe(
      'the body is larger than 64 KiB, the limit for one admin request',
    );
  });

  it('refuses a config with a limit that is not a positive number', async () => {
    const { parseConfig } = await import('../src/config.js');
    expect(() =>
      parseConfig(JSON.stringify(configJson({ limits: { maxUpdatesPerIncident: -1 } })), 'c.json'),
    ).toThrow('limits.maxUpdatesPerIncident: must be a whole number above 0');
  });
});
