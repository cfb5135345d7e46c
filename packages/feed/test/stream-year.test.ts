import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { TOKENS } from './helpers/fixtures.js';
import { startTestFeed, tempDir, type TestFeed } from './helpers/feed.js';
import { http, openStream } from './helpers/http.js';
import { retirements } from '../src/live-window.js';

/**
 * Issue 16, item 1: a feed that has run for a year still streams. Everything goes through the
 * admin API with a moving clock, as an operator's year would.
 */

let feed: TestFeed | undefined;
let dataDir: string | undefined;
afterEach(async () => {
  await feed?.close();
  feed = undefined;
  if (dataDir !== undefined) await rm(dataDir, { recursive: true, force: true });
  dataDir = undefined;
});

/** A year is thousands of fsynced writes (and 80 incidents hundreds): on tmpfs where there is one, so the test takes seconds. */
async function yearDir(): Promise<string> {
  dataDir = existsSync('/dev/shm')
    ? await mkdtemp(join('/dev/shm', 'statuskit-year-'))
    : await tempDir('statuskit-year-');
  return dataDir;
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** Ordinary-length texts: a sentence or three per language, like the demo's. */
const text = (what: string, n: number): Record<string, string> => ({
  da: `${what} ${n}: Vi arbejder på at løse problemet, så du igen kan logge ind og indsende din selvangivelse. Vi beklager ulejligheden og opdaterer denne besked, når vi ved mere. Du kan også ringe til os.`,
  en: `${what} ${n}: We are working to fix the problem so that you can sign in and file your tax return again. We are sorry for the trouble and will update this message when we know more. You can also call us.`,
});
const title = (what: string, n: number): Record<string, string> => ({
  da: `${what} ${n}: Log ind virker ikke for alle`,
  en: `${what} ${n}: Sign-in does not work for everyone`,
});

class Clock {
  #time: number;
  constructor(start: string) {
    this.#time = Date.parse(start);
  }
  readonly now = (): Date => new Date(this.#time);
  set(time: number): void {
    this.#time = time;
  }
  get time(): number {
    return this.#time;
  }
}

/** Resolves once the feed has moved out everything due (the sweep runs behind each write). */
async function settled(target: TestFeed, clock: Clock): Promise<void> {
  for (let tries = 0; tries < 500; tries += 1) {
    if (retirements(target.feed.store.document, clock.time, DAY).length === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error('the live window was not applied within 5 s');
}

async function admin(
  target: TestFeed,
  method: string,
  path: string,
  body: unknown,
): Promise<Record<string, unknown>> {
  const res = await http(`${target.url}/v1/admin${path}`, { method, body, token: TOKENS.digst });
  if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${res.text}`);
  return res.json();
}

/** One day: an incident (three updates, then resolved) and maintenance the night after. */
async function simulateDay(target: TestFeed, clock: Clock, day: number, start: number) {
  const morning = start + day * DAY;
  clock.set(morning + 9 * HOUR);
  const incident = await admin(target, 'POST', '/incidents', {
    services: [day % 3 === 0 ? 'eid' : day % 3 === 1 ? 'login' : 'digital-post'],
    impact: day % 2 === 0 ? 'major' : 'minor',
    title: title('Incident', day),
    message: text('Investigating', day),
  });
  const id = (incident['incident'] as { id: string }).id;
  for (const [offset, state] of [
    [0.5, 'identified'],
    [1, 'monitoring'],
    [2, 'resolved'],
  ] as const) {
    clock.set(morning + (9 + offset) * HOUR);
    await admin(target, 'POST', `/incidents/${id}/updates`, {
      state,
      message: text(state, day),
    });
  }
  clock.set(morning + 12 * HOUR);
  const window = await admin(target, 'POST', '/maintenance', {
    services: ['digital-post'],
    title: title('Maintenance', day),
    message: text('Planned work', day),
    scheduledStart: new Date(morning + 26 * HOUR).toISOString(),
    scheduledEnd: new Date(morning + 27 * HOUR).toISOString(),
  });
  const windowId = (window['maintenance'] as { id: string }).id;
  clock.set(morning + 27 * HOUR);
  await admin(target, 'PATCH', `/maintenance/${windowId}`, {
    state: day % 10 === 0 ? 'cancelled' : 'completed',
  });
}

describe('a year of incidents and maintenance', () => {
  it('keeps the live document bounded, and a fresh stream and a resume work', async () => {
    const start = Date.parse('2031-01-01T00:00:00Z');
    const clock = new Clock('2031-01-01T00:00:00Z');
    feed = await startTestFeed({ now: clock.now, dataDir: await yearDir() });
    const sizes: number[] = [];
    for (let day = 0; day < 365; day += 1) {
      await simulateDay(feed, clock, day, start);
      if (day % 30 === 29) {
        sizes.push((await http(`${feed.url}/v1/status.json`)).text.length);
      }
    }
    // 365 days: 365 incidents with 4 versions each and 365 maintenance windows were published.
    expect(feed.feed.store.revision).toBeGreaterThan(365 * 6);
    await settled(feed, clock);
    const { document } = feed.feed.store;
    // The window is 24 h: what is left is today's incident and the windows of the last day.
    expect(document.incidents.length).toBeLessThanOrEqual(2);
    expect(document.maintenance.length).toBeLessThanOrEqual(2);

    // Bound: one incident with four updates is about 2.5 KB of JSON and a maintenance window
    // about 1 KB, so the catalogue (about 2 KB), two of each and their notices stay far below
    // 32 KiB, however long the feed runs. Without the window the year's snapshot is megabytes.
    const status = await http(`${feed.url}/v1/status.json`);
    expect(status.status).toBe(200);
    expect(status.text.length).toBeLessThan(32 * 1024);
    // And it does not creep: the last month's document is no larger than the first month's.
    expect(Math.max(...sizes)).toBeLessThan((sizes[0] ?? 0) * 1.5);

    const fresh = await openStream(`${feed.url}/v1/stream`);
    const snapshot = await fresh.waitFor((event) => event.event === 'snapshot');
    expect(snapshot.data.length).toBeLessThan(32 * 1024);
    expect(Number(snapshot.id)).toBe(feed.feed.store.revision);
    fresh.close();

    // A resume after a day away gets exactly what it missed, including the `removed` events
    // with which yesterday's incident and maintenance left the live document.
    const seen = feed.feed.store.revision;
    await simulateDay(feed, clock, 365, start);
    clock.set(start + 367 * DAY);
    await simulateDay(feed, clock, 367, start);
    await settled(feed, clock);
    const missed = feed.feed.store.revision - seen;
    const resumed = await openStream(`${feed.url}/v1/stream`, { 'last-event-id': String(seen) });
    await resumed.waitFor((event) => Number(event.id) === feed?.feed.store.revision);
    expect(resumed.events.map((event) => Number(event.id))).toEqual(
      Array.from({ length: missed }, (_, index) => seen + index + 1),
    );
    expect(resumed.events.some((event) => event.event === 'snapshot')).toBe(false);
    const removals = resumed.events.filter((event) => event.event === 'removed');
    expect(removals.length).toBeGreaterThanOrEqual(2);
    resumed.close();
  }, 120_000);

  it('streams a snapshot larger than the slow-client limit (80 resolved incidents)', async () => {
    const clock = new Clock('2031-06-01T08:00:00Z');
    feed = await startTestFeed({ now: clock.now, dataDir: await yearDir() });
    // Resolved within the live window: they stay, and the document is over 256 KiB.
    for (let n = 0; n < 80; n += 1) {
      clock.set(clock.time + 60_000);
      const incident = await admin(feed, 'POST', '/incidents', {
        services: ['eid'],
        impact: 'major',
        title: title('Incident', n),
        message: text('Investigating', n),
      });
      const id = (incident['incident'] as { id: string }).id;
      for (const state of ['identified', 'monitoring', 'resolved']) {
        await admin(feed, 'POST', `/incidents/${id}/updates`, {
          state,
          message: { ...text(state, n), sv: text(state, n).da, fi: text(state, n).en },
        });
      }
    }
    const status = await http(`${feed.url}/v1/status.json`);
    expect(status.text.length).toBeGreaterThan(256 * 1024);

    const fresh = await openStream(`${feed.url}/v1/stream`);
    const snapshot = await fresh.waitFor((event) => event.event === 'snapshot', 10_000);
    expect((snapshot.json['document'] as { incidents: unknown[] }).incidents).toHaveLength(80);
    // Resuming from before them all: every missed event, nothing dropped.
    const resumed = await openStream(`${feed.url}/v1/stream`, { 'last-event-id': '5' });
    await resumed.waitFor((event) => Number(event.id) === feed?.feed.store.revision, 10_000);
    expect(resumed.events).toHaveLength(feed.feed.store.revision - 5);
    expect(feed.feed.metrics.slowClientsDropped).toBe(0);
    fresh.close();
    resumed.close();

    // A day later they have left the live document; the journal still has them.
    clock.set(clock.time + 25 * HOUR);
    await http(`${feed.url}/v1/admin/services/eid/status`, {
      method: 'PUT',
      body: { status: 'operational' },
      token: TOKENS.digst,
    });
    await settled(feed, clock);
    const later = await openStream(`${feed.url}/v1/stream`);
    const small = await later.waitFor((event) => event.event === 'snapshot');
    expect((small.json['document'] as { incidents: unknown[] }).incidents).toHaveLength(0);
    later.close();
  }, 60_000);
});
