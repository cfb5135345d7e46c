// Issue 16, item 7: a window that already ended is refused (400 naming scheduledEnd); one
// announced inside a service's declared notice period, or longer than its declared maximum
// single outage, is published with `warnings` in the answer and in the log.
import { afterEach, describe, expect, it } from 'vitest';
import type { LogEntry } from '../src/log.js';
import { configJson, maintenanceBody, TOKENS } from './helpers/fixtures.js';
import { startTestFeed, type TestFeed } from './helpers/feed.js';
import { http } from './helpers/http.js';

let feed: TestFeed | undefined;
let logs: LogEntry[] = [];
afterEach(async () => {
  await feed?.close();
  feed = undefined;
  logs = [];
});

/** tax-return declares a 5-day notice period and (here) a 120-minute maximum single outage. */
async function start(): Promise<TestFeed> {
  const services = (configJson()['services'] as Record<string, unknown>[]).map((service) =>
    service['id'] === 'tax-return'
      ? {
          ...service,
          sla: { availabilityTarget: 99.5, noticePeriodDays: 5, maxOutageMinutes: 120 },
        }
      : service,
  );
  feed = await startTestFeed({
    now: () => new Date('2030-03-10T09:00:00Z'),
    configOverrides: { services },
    log: (entry) => logs.push(entry),
  });
  return feed;
}

const send = (running: TestFeed, method: string, path: string, body: unknown) =>
  http(running.url + path, { method, body, token: TOKENS.tax });

interface Answer {
  maintenance: { id: string; state: string };
  warnings: { code: string; path: string; message: string }[];
}

describe('maintenance checks', () => {
  it('refuses a window that already ended with 400 naming scheduledEnd, storing nothing', async () => {
    const running = await start();
    const res = await send(
      running,
      'POST',
      '/v1/admin/maintenance',
      maintenanceBody({
        scheduledStart: '2030-03-09T22:00:00+01:00',
        scheduledEnd: '2030-03-10T02:00:00+01:00',
      }),
    );
    expect(res.status).toBe(400);
    expect(res.json<{ errors: unknown[] }>().errors).toEqual([
      {
        path: 'scheduledEnd',
        message:
          "2030-03-10T02:00:00+01:00 has already passed (the feed's clock says 2030-03-10T09:00:00.000Z); a planned window must end in the future",
      },
    ]);
    expect(running.feed.store.document.maintenance).toEqual([]);
  });

  it('refuses moving a planned end into the past, but completes a window with a past end', async () => {
    const running = await start();
    await send(running, 'POST', '/v1/admin/maintenance', maintenanceBody({ id: 'spring' }));
    const moved = await send(running, 'PATCH', '/v1/admin/maintenance/spring', {
      scheduledStart: '2030-03-09T22:00:00+01:00',
      scheduledEnd: '2030-03-10T02:00:00+01:00',
    });
    expect(moved.status).toBe(400);
    expect(moved.json()['error']).toMatch(
      /^scheduledEnd: 2030-03-10T02:00:00\+01:00 has already passed/,
    );

    const completed = await send(running, 'PATCH', '/v1/admin/maintenance/spring', {
      state: 'completed',
      actualStart: '2030-03-10T06:00:00Z',
      actualEnd: '2030-03-10T07:00:00Z',
    });
    expect(completed.status).toBe(200);
    expect(completed.json<Answer>().maintenance.state).toBe('completed');
  });

  it('answers warnings when the notice is shorter than declared, and logs them', async () => {
    const running = await start();
    const res = await send(
      running,
      'POST',
      '/v1/admin/maintenance',
      maintenanceBody({
        id: 'soon',
        scheduledStart: '2030-03-12T09:00:00Z',
        scheduledEnd: '2030-03-12T10:00:00Z',
      }),
    );
    expect(res.status).toBe(201);
    expect(res.json<Answer>().warnings).toEqual([
      {
        code: 'notice_period',
        path: 'scheduledStart',
        message:
          'announced 2 days ahead, but "tax-return" declares a notice period of 5 days (sla.noticePeriodDays)',
      },
    ]);
    expect(running.feed.store.document.maintenance.map((window) => window.id)).toEqual(['soon']);
    expect(logs).toContainEqual(
      expect.objectContaining({
        level: 'warn',
        msg: 'maintenance accepted with warnings',
        id: 'soon',
        actor: 'tax',
        warnings: [expect.stringContaining('notice period of 5 days')],
      }),
    );
  });

  it('warns when a change makes the window longer than the declared maximum single outage', async () => {
    const running = await start();
    const created = await send(
      running,
      'POST',
      '/v1/admin/maintenance',
      maintenanceBody({
        id: 'later',
        scheduledStart: '2030-03-20T22:00:00+01:00',
        scheduledEnd: '2030-03-20T23:00:00+01:00',
      }),
    );
    expect(created.json<Answer>().warnings).toEqual([]);
    const longer = await send(running, 'PATCH', '/v1/admin/maintenance/later', {
      scheduledEnd: '2030-03-21T02:00:00+01:00',
    });
    expect(longer.status).toBe(200);
    expect(longer.json<Answer>().warnings).toEqual([
      {
        code: 'max_outage',
        path: 'scheduledEnd',
        message:
          'the window lasts 240 minutes, but "tax-return" declares a maximum single outage of 120 minutes (sla.maxOutageMinutes)',
      },
    ]);
    // Starting it does not repeat what was said when it was planned.
    const started = await send(running, 'PATCH', '/v1/admin/maintenance/later', {
      state: 'in_progress',
    });
    expect(started.json<Answer>().warnings).toEqual([]);
  });
});
