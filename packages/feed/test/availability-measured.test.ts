import { afterEach, describe, expect, it } from 'vitest';
import type { ProbeCheck } from '../src/probes/probe-check.js';
import { startTestFeed, type TestFeed } from './helpers/feed.js';
import { incidentBody, TOKENS } from './helpers/fixtures.js';
import { http } from './helpers/http.js';
import { recordedProbe } from './helpers/recorded-probe.js';

/** 10:30 in Copenhagen (UTC+1) on 10 March: today, yesterday and the day before are asked for. */
const START = new Date('2026-03-10T09:30:00Z');

const PROBE = recordedProbe('login');

interface Measured {
  availability: number | null;
  checks: number;
  successful: number;
  slow: number;
}
interface Body {
  summary: {
    availability: number | null;
    measured: (Measured & { since: string | null }) | null;
    measuredReason: string | null;
  };
  historySince: string;
  daily: {
    date: string;
    historyBegan: string | null;
    measured: (Measured & { began: string | null }) | null;
  }[];
  definitions: Record<string, string>;
}

function check(at: string, ok: boolean, slow = false): ProbeCheck {
  return { probe: 'login', service: 'login', at: new Date(at), ok, durationMs: 50, slow };
}

/** Yesterday from 22:15 local (measuring began then): 9 of 10 checks succeed; today 4 of 4. */
const CHECKS: ProbeCheck[] = [
  ...Array.from({ length: 10 }, (_, index) =>
    check(`2026-03-09T21:${String(15 + index).padStart(2, '0')}:00Z`, index !== 3, index === 5),
  ),
  ...Array.from({ length: 4 }, (_, index) => check(`2026-03-10T08:0${index}:00Z`, true)),
];

let clock = START;
let feed: TestFeed | undefined;
let live: TestFeed | undefined;
afterEach(async () => {
  await feed?.close();
  await live?.close();
  feed = undefined;
  live = undefined;
  clock = START;
});

async function start(dataDir?: string): Promise<TestFeed> {
  feed = await startTestFeed({
    probes: [PROBE],
    now: () => clock,
    ...(dataDir !== undefined && { dataDir }),
  });
  return feed;
}

async function availability(of: TestFeed, service = 'login', days = 3): Promise<Body> {
  const response = await http(`${of.url}/v1/services/${service}/availability?days=${days}`);
  expect(response.status).toBe(200);
  return response.json<Body>();
}

describe('the day history began', () => {
  it('is marked with when it began, so its figure reads as covering that part only', async () => {
    // A feed started today, down minutes later: today is observed from the start on.
    live = await startTestFeed();
    const created = await http(`${live.url}/v1/admin/incidents`, {
      method: 'POST',
      token: TOKENS.digst,
      body: incidentBody({ id: 'eid-down' }),
    });
    expect(created.status).toBe(201);
    const body = (await http(`${live.url}/v1/services/login/availability?days=3`)).json<Body>();
    const since = Date.parse(body.historySince);
    expect(body.daily.map((day) => day.historyBegan === null)).toEqual([true, true, false]);
    expect(Date.parse(body.daily[2]?.historyBegan ?? '')).toBe(Math.floor(since / 1000) * 1000);
    expect(body.daily[2]?.historyBegan).toMatch(/[+-]\d\d:\d\d$/);
  });
});

describe('measured availability from probe checks', () => {
  it('counts successful checks over all checks, per day and in the summary, with when measuring began', async () => {
    const live = await start();
    for (const each of CHECKS) live.feed.probeChecks.record(each);
    await live.feed.probeChecks.flush();
    const body = await availability(live);
    expect(body.summary.measured).toEqual({
      availability: 92.857,
      checks: 14,
      successful: 13,
      slow: 1,
      since: '2026-03-09T21:15:00.000Z',
    });
    expect(body.summary.measuredReason).toBeNull();
    // The declared figures stay where they were.
    expect(body.summary).toHaveProperty('availability');
    expect(body.daily.map((day) => [day.date, day.measured])).toEqual([
      // No checks that day: no figure, neither 0 % nor 100 %.
      ['2026-03-08', { availability: null, checks: 0, successful: 0, slow: 0, began: null }],
      [
        '2026-03-09',
        {
          availability: 90,
          checks: 10,
          successful: 9,
          slow: 1,
          began: '2026-03-09T22:15:00+01:00',
        },
      ],
      ['2026-03-10', { availability: 100, checks: 4, successful: 4, slow: 0, began: null }],
    ]);
    expect(body.definitions['measured']).toMatch(/successful ÷ all checks/);
  });

  it('says a service without a probe has no measured figure', async () => {
    const live = await start();
    live.feed.probeChecks.record({ ...check('2026-03-10T08:00:00Z', true), service: 'eid' });
    await live.feed.probeChecks.flush();
    const body = await availability(live, 'eid');
    expect(body.summary.measured).toBeNull();
    expect(body.summary.measuredReason).toBe('no probe');
    expect(body.daily.every((day) => day.measured === null)).toBe(true);
  });

  it('still refuses a bad number of days for a probed service', async () => {
    const live = await start();
    for (const days of ['0', '367', 'x']) {
      const response = await http(`${live.url}/v1/services/login/availability?days=${days}`);
      expect(response.status, `days=${days}`).toBe(400);
      expect(response.json().error).toMatch(/^days: must be a whole number from 1 to 366/);
    }
  });

  it('keeps the hourly counts across a restart', async () => {
    const first = await start();
    for (const each of CHECKS) first.feed.probeChecks.record(each);
    // No flush: a graceful stop keeps what was counted in memory.
    const restarted = await first.restart();
    feed = restarted;
    const body = await availability(restarted);
    expect(body.summary.measured).toMatchObject({ checks: 14, successful: 13 });
    await restarted.close();
    feed = undefined;
    await first.close();
  });

  it('forgets hours older than 90 days', async () => {
    const first = await start();
    for (const each of CHECKS) first.feed.probeChecks.record(each);
    await first.feed.probeChecks.flush();
    clock = new Date(START.getTime() + 91 * 86_400_000);
    const restarted = await first.restart();
    feed = restarted;
    const body = await availability(restarted, 'login', 100);
    expect(body.summary.measured).toEqual({
      availability: null,
      checks: 0,
      successful: 0,
      slow: 0,
      since: null,
    });
    await restarted.close();
    feed = undefined;
    await first.close();
  });
});
