import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { recordHash } from '../src/store/record-hash.js';
import { incidentBody, TOKENS } from './helpers/fixtures.js';
import { startTestFeed, type TestFeed } from './helpers/feed.js';
import { http, openStream } from './helpers/http.js';

let feed: TestFeed;
beforeEach(async () => {
  feed = await startTestFeed();
});
afterEach(async () => {
  await feed.close();
});

describe('the hash chain on /v1/stream', () => {
  it('gives each change event the previousHash of its record, so followers can link them', async () => {
    const stream = await openStream(`${feed.url}/v1/stream`);
    try {
      await stream.waitFor((event) => event.event === 'snapshot');
      const before = feed.feed.store.revision;
      const posted = await http(`${feed.url}/v1/admin/incidents`, {
        method: 'POST',
        token: TOKENS.digst,
        body: incidentBody(),
      });
      expect(posted.status).toBeLessThan(300);
      const event = await stream.waitFor((e) => e.event === 'incident');
      const [record] = feed.feed.store.since(before) ?? [];
      const [previous] = feed.feed.store.since(before - 1) ?? [];
      expect(record?.previousHash).toBe(previous && recordHash(previous));
      expect(event.json['previousHash']).toBe(record?.previousHash);
    } finally {
      stream.close();
    }
  });
});
