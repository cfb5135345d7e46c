import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Maintenance } from '@statuskit/model';
import type { ScheduledAnnouncement } from '../../src/console/scheduled-announcements.js';
import { startTestFeed, type TestFeed } from '../helpers/feed.js';
import { maintenanceBody, TOKENS } from '../helpers/fixtures.js';
import { http } from '../helpers/http.js';

let feed: TestFeed | undefined;
let clock = new Date('2030-03-01T09:00:00Z');
afterEach(async () => {
  await feed?.close();
  feed = undefined;
});

async function start(dataDir?: string): Promise<TestFeed> {
  feed = await startTestFeed({
    now: () => clock,
    announcementTickMs: 10,
    ...(dataDir !== undefined && { dataDir }),
  });
  return feed;
}

const send = (
  running: TestFeed,
  method: string,
  path: string,
  body?: unknown,
  token: string = TOKENS.tax,
) => http(running.url + path, { method, token, ...(body !== undefined && { body }) });

const PATH = '/v1/admin/scheduled-announcements';

function liveWindows(running: TestFeed): Promise<readonly Maintenance[]> {
  return Promise.resolve(running.feed.store.document.maintenance);
}

async function listed(
  running: TestFeed,
  token: string = TOKENS.tax,
): Promise<ScheduledAnnouncement[]> {
  return (await send(running, 'GET', PATH, undefined, token)).json<{
    announcements: ScheduledAnnouncement[];
  }>().announcements;
}

describe('scheduled announcements', () => {
  it('publishes at its time by the feed clock, as its authority, and survives a restart', async () => {
    clock = new Date('2030-03-01T09:00:00Z');
    let running = await start();
    const created = await send(running, 'POST', PATH, {
      at: '2030-03-02T08:00:00+01:00',
      maintenance: maintenanceBody({ id: 'march' }),
    });
    expect(created.status).toBe(201);
    const scheduled = created.json<ScheduledAnnouncement>();
    expect(scheduled).toMatchObject({
      at: '2030-03-02T07:00:00.000Z',
      authority: 'tax',
      maintenance: maintenanceBody({ id: 'march' }),
    });
    expect(scheduled.id).toMatch(/^sa_/);
    // Every authority sees it; only its own may remove it.
    expect((await listed(running, TOKENS.digst)).map((entry) => entry.id)).toEqual([scheduled.id]);
    const refused = await send(
      running,
      'DELETE',
      `${PATH}/${scheduled.id}`,
      undefined,
      TOKENS.digst,
    );
    expect(refused.status).toBe(403);
    expect(refused.json()['error']).toContain('scheduled by "tax"');

    running = await running.restart();
    feed = running;
    expect((await listed(running)).map((entry) => entry.id)).toEqual([scheduled.id]);
    expect(await liveWindows(running)).toEqual([]);

    clock = new Date('2030-03-02T07:00:00Z');
    await vi.waitFor(
      async () => {
        expect((await liveWindows(running)).map((window) => window.id)).toEqual(['march']);
      },
      { timeout: 5_000, interval: 20 },
    );
    const [published] = await liveWindows(running);
    expect(published?.announcedAt).toBe('2030-03-02T07:00:00.000Z');
    await vi.waitFor(
      async () => {
        expect(await listed(running)).toEqual([]);
      },
      { timeout: 5_000, interval: 20 },
    );
    const journal = await readFile(join(running.dataDir, 'journal.jsonl'), 'utf8');
    // Recorded as the authority that scheduled it, with the credential it scheduled with.
    const record = journal
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>)
      .at(-1);
    expect(record).toMatchObject({ actor: 'tax', token: expect.any(String) as unknown });
  });

  it('keeps a publication refused when its time came, with its error, and shows it', async () => {
    clock = new Date('2030-03-01T09:00:00Z');
    const running = await start();
    const body = maintenanceBody({
      id: 'short',
      scheduledStart: '2030-03-01T12:00:00Z',
      scheduledEnd: '2030-03-01T13:00:00Z',
    });
    expect(
      (await send(running, 'POST', PATH, { at: '2030-03-01T10:00:00Z', maintenance: body })).status,
    ).toBe(201);
    // The feed was busy (or down) until the window had ended: publishing now would be refused.
    clock = new Date('2030-03-01T14:00:00Z');
    await vi.waitFor(
      async () => {
        expect((await listed(running))[0]?.failure?.message).toMatch(
          /scheduledEnd: .* has already passed/,
        );
      },
      { timeout: 5_000, interval: 20 },
    );
    expect(await liveWindows(running)).toEqual([]);
    const [kept] = await listed(running);
    expect((await send(running, 'DELETE', `${PATH}/${kept?.id ?? ''}`)).status).toBe(204);
    expect(await listed(running)).toEqual([]);
  });

  it('judges a new one now as the write would be, naming the fields', async () => {
    clock = new Date('2030-03-01T09:00:00Z');
    const running = await start();
    const cases: [unknown, string, number, string][] = [
      [{ maintenance: maintenanceBody() }, 'at', 400, 'ISO 8601'],
      [{ at: '2030-03-01T08:00:00Z', maintenance: maintenanceBody() }, 'at', 400, 'in the future'],
      [
        { at: '2030-03-20T08:00:00Z', maintenance: maintenanceBody() },
        'at',
        400,
        'before the window starts',
      ],
      [{ at: '2030-03-02T08:00:00Z' }, 'maintenance', 400, 'POST /v1/admin/maintenance'],
      [
        { at: '2030-03-02T08:00:00Z', maintenance: maintenanceBody({ title: { da: '' } }) },
        'maintenance.title',
        400,
        '',
      ],
    ];
    for (const [body, path, status, message] of cases) {
      const answer = await send(running, 'POST', PATH, body);
      expect(answer.status, path).toBe(status);
      const { errors } = answer.json<{ errors: { path: string; message: string }[] }>();
      expect(errors[0]?.path.startsWith(path), JSON.stringify(errors)).toBe(true);
      expect(errors[0]?.message).toContain(message);
    }
    const others = await send(running, 'POST', PATH, {
      at: '2030-03-02T08:00:00Z',
      maintenance: maintenanceBody({ services: ['eid'] }),
    });
    expect(others.status).toBe(403);
    expect(others.json()['error']).toContain('owned by "digst"');
    expect(await listed(running)).toEqual([]);
    const stored = await readFile(
      join(running.dataDir, 'scheduled-announcements.json'),
      'utf8',
    ).catch(() => 'none');
    expect(stored).toBe('none');
    expect((await send(running, 'DELETE', `${PATH}/sa_nope`)).status).toBe(404);
  });
});
