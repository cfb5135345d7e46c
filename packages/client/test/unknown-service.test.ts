import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createFeedClient, type FeedClient } from '../src/index.js';
import { TestFeed } from './helpers/feed.js';
import { rawServer, type RawServer } from './helpers/raw-server.js';
import { stateWhere } from './helpers/wait.js';

const clients: FeedClient[] = [];
function client(url: string, services: string[]): FeedClient {
  const created = createFeedClient(url, { services, cache: false, shareAcrossTabs: false });
  clients.push(created);
  return created;
}

afterEach(() => {
  for (const created of clients.splice(0)) created.close();
  vi.restoreAllMocks();
});

describe('a service id the feed does not know', () => {
  let feed: TestFeed;
  beforeAll(async () => {
    feed = await TestFeed.start();
  });
  afterAll(async () => {
    await feed.dispose();
  });

  it('is reported when the document arrives without it, with the closest known ids, and warned once', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    // `tax-return` brings its dependencies; the mistyped id brings nothing.
    const subject = client(feed.url, ['tax-return', 'tax-retrun']);
    const state = await stateWhere(
      subject,
      (current) => current.unknownServices.length > 0,
      'the unknown id reported',
    );
    expect(state.connection).toBe('live');
    expect(state.error).toBeUndefined();
    expect(state.unknownServices).toEqual([{ id: 'tax-retrun', suggestions: ['tax-return'] }]);
    // More changes do not repeat the warning.
    await feed.admin('PUT', '/services/eid/status', { status: 'degraded' });
    await stateWhere(subject, (current) => current.effective['eid']?.status === 'degraded', 'eid');
    const warnings = warn.mock.calls.map((call) => String(call[0]));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/^\[statuskit\] /);
    expect(warnings[0]).toContain('"tax-retrun"');
    expect(warnings[0]).toContain('did you mean "tax-return"?');
  });

  it('is not reported for ids the feed knows', async () => {
    const subject = client(feed.url, ['tax-return']);
    const state = await stateWhere(subject, (current) => current.source === 'feed', 'a document');
    expect(state.unknownServices).toEqual([]);
  });
});

describe("the feed's 404 for an unknown id", () => {
  let server: RawServer;
  beforeAll(async () => {
    // The answer the feed gives to `?services=` with an id it does not know (packages/feed/README.md).
    server = await rawServer((_req, res) => {
      res.writeHead(404, { 'content-type': 'application/json; charset=utf-8' });
      res.end(
        JSON.stringify({
          error: 'services: unknown service "tax-retrun" (did you mean "tax-return"?)',
          errors: [
            {
              path: 'services',
              message: 'unknown service "tax-retrun" (did you mean "tax-return"?)',
            },
          ],
        }),
      );
    });
  });
  afterAll(async () => {
    await server.close();
  });

  it('becomes a typed unknown-service error naming the ids and suggestions, warned once', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const subject = client(server.url, ['tax-retrun']);
    const state = await stateWhere(subject, (current) => current.connection === 'stopped', 'stop');
    expect(state.error?.kind).toBe('unknown-service');
    expect(state.error?.status).toBe(404);
    expect(state.unknownServices).toEqual([{ id: 'tax-retrun', suggestions: ['tax-return'] }]);
    expect(state.error?.message).toContain('unknown service "tax-retrun"');
    expect(server.seen('/v1/stream')).toHaveLength(1);
    const warnings = warn.mock.calls.map((call) => String(call[0]));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('"tax-retrun"');
    expect(warnings[0]).toContain('did you mean "tax-return"?');
  });
});
