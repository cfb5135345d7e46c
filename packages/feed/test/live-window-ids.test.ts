import { afterEach, describe, expect, it } from 'vitest';
import { TOKENS, incidentBody, maintenanceBody } from './helpers/fixtures.js';
import { startTestFeed, type TestFeed } from './helpers/feed.js';
import { http } from './helpers/http.js';

/**
 * Ids stay unique in history after the live window retires what they named: reusing one would
 * merge two events in every report and availability answer built from the journal.
 */

let feed: TestFeed | undefined;
afterEach(async () => {
  await feed?.close();
  feed = undefined;
});

async function retiredFeed(): Promise<{ feed: TestFeed; admin: typeof http }> {
  let time = Date.parse('2030-03-10T08:00:00Z');
  const started = await startTestFeed({
    now: () => new Date(time),
    configOverrides: { liveWindowHours: 1 },
  });
  feed = started;
  const admin = (url: string, options: Parameters<typeof http>[1] = {}) =>
    http(`${started.url}/v1/admin${url}`, { token: TOKENS.digst, ...options });
  const opened = await admin('/incidents', {
    method: 'POST',
    body: incidentBody({ id: 'eid-outage' }),
  });
  expect(opened.status).toBe(201);
  const window = await admin('/maintenance', {
    method: 'POST',
    body: maintenanceBody({ id: 'eid-upgrade', services: ['eid'] }),
  });
  expect(window.status).toBe(201);
  await admin('/incidents/eid-outage/updates', {
    method: 'POST',
    body: { state: 'resolved', message: { da: 'Løst.', en: 'Fixed.' } },
  });
  await admin('/maintenance/eid-upgrade', { method: 'PATCH', body: { state: 'cancelled' } });
  // Past the window for both (the cancelled window's announced end is 2030-03-15 01:00 UTC).
  time = Date.parse('2030-03-15T03:00:00Z');
  // Any write by someone else runs the live window's sweep behind it.
  await admin('/services/eid/status', { method: 'PUT', body: { status: 'operational' } });
  for (let tries = 0; tries < 500; tries += 1) {
    const { incidents, maintenance } = started.feed.store.document;
    if (incidents.length === 0 && maintenance.length === 0) break;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  expect(started.feed.store.document.incidents).toEqual([]);
  expect(started.feed.store.document.maintenance).toEqual([]);
  return { feed: started, admin };
}

describe('ids the live window retired', () => {
  it('cannot be given to a new incident or window: 409, nothing stored', async () => {
    const { feed: target, admin } = await retiredFeed();
    const revision = target.feed.store.revision;

    const incident = await admin('/incidents', {
      method: 'POST',
      body: incidentBody({ id: 'eid-outage' }),
    });
    expect(incident.status).toBe(409);
    expect(incident.json()['error']).toContain('incident "eid-outage" was used before');

    const window = await admin('/maintenance', {
      method: 'POST',
      body: maintenanceBody({ id: 'eid-upgrade', services: ['eid'] }),
    });
    expect(window.status).toBe(409);
    expect(window.json()['error']).toContain('maintenance "eid-upgrade" was used before');
    expect(target.feed.store.revision).toBe(revision);
  });

  it('answer an update with 404 that says to open a new one', async () => {
    const { admin } = await retiredFeed();
    const update = await admin('/incidents/eid-outage/updates', {
      method: 'POST',
      body: { state: 'investigating', message: { en: 'Again.' } },
    });
    expect(update.status).toBe(404);
    expect(update.json()['error']).toContain('open a new incident');
  });

  it('still leave a fresh id free', async () => {
    const { admin } = await retiredFeed();
    const fresh = await admin('/incidents', {
      method: 'POST',
      body: incidentBody({ id: 'eid-outage-2' }),
    });
    expect(fresh.status).toBe(201);
  });
});
