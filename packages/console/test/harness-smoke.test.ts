// The harness itself: the fixture config starts a feed, and its two authorities are who they say.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { adminRequest, startConsoleFeed, TOKENS, type ConsoleFeed } from './harness.js';

let feed: ConsoleFeed | undefined;
beforeAll(async () => {
  feed = await startConsoleFeed();
});
afterAll(async () => {
  await feed?.stop();
});

const incident = {
  services: ['eid'],
  impact: 'minor',
  title: { da: 'Prøve', en: 'Test' },
  message: { da: 'Prøve', en: 'Test' },
};

it('starts the feed from the fixture config; digst owns eid, skat does not', async () => {
  if (!feed) throw new Error('no feed');
  const digst = await adminRequest(feed, 'POST', 'incidents', {
    token: TOKENS.digst,
    body: incident,
  });
  expect(digst.status).toBe(201);
  const skat = await adminRequest(feed, 'POST', 'incidents', {
    token: TOKENS.skat,
    body: incident,
  });
  expect(skat.status).toBe(403);
});
