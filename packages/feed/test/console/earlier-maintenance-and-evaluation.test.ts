import { afterEach, describe, expect, it } from 'vitest';
import type { Maintenance } from '@statuskit/model';
import type { WindowEvaluation } from '../../src/console/evaluation-route.js';
import { startTestFeed, type TestFeed } from '../helpers/feed.js';
import { maintenanceBody, TOKENS } from '../helpers/fixtures.js';
import { http } from '../helpers/http.js';

let feed: TestFeed | undefined;
let clock = new Date('2030-03-01T09:00:00Z');
afterEach(async () => {
  await feed?.close();
  feed = undefined;
});

async function start(): Promise<TestFeed> {
  clock = new Date('2030-03-01T09:00:00Z');
  feed = await startTestFeed({ now: () => clock });
  return feed;
}

const send = (
  running: TestFeed,
  method: string,
  path: string,
  body?: unknown,
  token: string = TOKENS.tax,
) => http(running.url + path, { method, token, ...(body !== undefined && { body }) });

const PHONE = { kind: 'phone', label: { da: 'Ring', en: 'Call' }, href: 'tel:+4572222828' };

/** Announces `autumn` on 1 March for 14–15 March, runs it an hour over and completes it. */
async function runAutumn(running: TestFeed): Promise<void> {
  expect(
    (
      await send(
        running,
        'POST',
        '/v1/admin/maintenance',
        maintenanceBody({ id: 'autumn', alternatives: [PHONE] }),
      )
    ).status,
  ).toBe(201);
  clock = new Date('2030-03-14T21:00:00Z');
  expect(
    (await send(running, 'PATCH', '/v1/admin/maintenance/autumn', { state: 'in_progress' })).status,
  ).toBe(200);
  clock = new Date('2030-03-15T02:00:00Z');
  expect(
    (await send(running, 'PATCH', '/v1/admin/maintenance/autumn', { state: 'completed' })).status,
  ).toBe(200);
}

describe('GET /v1/admin/services/{id}/maintenance', () => {
  it("lists a service's earlier windows from the whole journal, newest first, to any authority", async () => {
    let running = await start();
    await runAutumn(running);
    expect(
      (
        await send(
          running,
          'POST',
          '/v1/admin/maintenance',
          maintenanceBody({
            id: 'spring',
            scheduledStart: '2030-04-01T22:00:00+02:00',
            scheduledEnd: '2030-04-02T01:00:00+02:00',
          }),
        )
      ).status,
    ).toBe(201);
    running = await running.restart();
    feed = running;
    for (const token of [TOKENS.tax, TOKENS.digst]) {
      const answer = await send(
        running,
        'GET',
        '/v1/admin/services/tax-return/maintenance',
        undefined,
        token,
      );
      expect(answer.status).toBe(200);
      const { maintenance } = answer.json<{ maintenance: Maintenance[] }>();
      expect(maintenance.map((window) => window.id)).toEqual(['spring', 'autumn']);
      expect(maintenance[1]?.alternatives).toEqual([PHONE]);
      expect(maintenance[1]?.title).toEqual(maintenanceBody()['title']);
    }
    const none = await send(running, 'GET', '/v1/admin/services/eid/maintenance');
    expect(none.json()).toEqual({ maintenance: [] });
    const unknown = await send(running, 'GET', '/v1/admin/services/nope/maintenance');
    expect(unknown.status).toBe(404);
    expect((await http(`${running.url}/v1/admin/services/eid/maintenance`)).status).toBe(401);
  });
});

describe('GET /v1/admin/maintenance/{id}/evaluation', () => {
  it("evaluates one window with report's figures and links its signed record", async () => {
    const running = await start();
    await runAutumn(running);
    const answer = await send(running, 'GET', '/v1/admin/maintenance/autumn/evaluation');
    expect(answer.status).toBe(200);
    const evaluation = answer.json<WindowEvaluation>();
    expect(evaluation.maintenance).toMatchObject({
      id: 'autumn',
      state: 'completed',
      leadTimeDays: 13.5,
      noticePeriodDays: 5,
      noticeVerdict: 'met',
      startDelayMinutes: 0,
      endDeltaMinutes: 60,
      overrunMinutes: 60,
      alternatives: { beforeStart: true, kinds: ['phone'] },
      record: '/v1/records/autumn',
    });
    expect(evaluation.services.map((service) => service.id)).toEqual(['tax-return']);
    // (Service minutes come from when the journal recorded each change, the wall clock, so a
    // test on the feed's 2030 clock cannot check them; report-evaluation.test.ts does.)
    expect(evaluation.period.timeZone).toBe('Europe/Copenhagen');
    // Another authority may read it.
    expect(
      (
        await send(
          running,
          'GET',
          '/v1/admin/maintenance/autumn/evaluation',
          undefined,
          TOKENS.digst,
        )
      ).status,
    ).toBe(200);
    const unknown = await send(running, 'GET', '/v1/admin/maintenance/nope/evaluation');
    expect(unknown.status).toBe(404);
    expect(unknown.json()['error']).toBe('no maintenance "nope"');
  });
});
