import type { ServerResponse } from 'node:http';
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

  it("is the feed's 404, naming the id and the closest known ids, warned once", async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const subject = client(feed.url, ['tax-return', 'tax-retrun']);
    const state = await stateWhere(subject, (current) => current.connection === 'stopped', 'stop');
    expect(state.error?.kind).toBe('unknown-service');
    expect(state.error?.status).toBe(404);
    expect(state.unknownServices).toEqual([{ id: 'tax-retrun', suggestions: ['tax-return'] }]);
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

describe('a feed that does not check ids (an older one) and sends a document without it', () => {
  let server: RawServer;
  /** The open streams, so a test can send a change once the client has taken the snapshot. */
  const streams: ServerResponse[] = [];
  beforeAll(async () => {
    const document = {
      defaultLocale: 'en',
      timeZone: 'UTC',
      authorities: [{ id: 'tax', name: { en: 'Tax agency' } }],
      services: [
        { id: 'tax-return', name: { en: 'Tax return' }, owner: 'tax', status: 'operational' },
      ],
      incidents: [],
      maintenance: [],
    };
    server = await rawServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store' });
      res.write(`id: 7\nevent: snapshot\ndata: ${JSON.stringify({ revision: 7, document })}\n\n`);
      streams.push(res);
    });
  });
  afterAll(async () => {
    await server.close();
  });

  it('reports the id with the closest known ids while staying live, and warns once', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const subject = client(server.url, ['tax-return', 'tax-retrun']);
    const state = await stateWhere(
      subject,
      (current) => current.unknownServices.length > 0,
      'the unknown id reported',
    );
    expect(state.connection).toBe('live');
    expect(state.error).toBeUndefined();
    expect(state.unknownServices).toEqual([{ id: 'tax-retrun', suggestions: ['tax-return'] }]);

    // A later change gives the client a new document, still without the id: no second warning.
    const service = { ...state.document?.services[0], status: 'degraded' };
    const change = { revision: 8, prev: 7, time: '2026-03-14T10:00:00Z', service };
    streams.at(-1)?.write(`id: 8\nevent: service\ndata: ${JSON.stringify(change)}\n\n`);
    const later = await stateWhere(subject, (current) => current.revision === 8, 'the change');
    expect(later.unknownServices).toEqual(state.unknownServices);
    const warnings = warn.mock.calls.map((call) => String(call[0]));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('"tax-retrun"');
    expect(warnings[0]).toContain('did you mean "tax-return"?');
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
