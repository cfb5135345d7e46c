// The admin API answers CORS only for `cors.adminOrigins` (none by default), whatever the public
// reads allow: a feed embeddable everywhere must not answer another site's admin preflight.
import { afterEach, describe, expect, it } from 'vitest';
import { startTestFeed, type TestFeed } from './helpers/feed.js';
import { TOKENS } from './helpers/fixtures.js';
import { http } from './helpers/http.js';

const open: TestFeed[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((feed) => feed.close()));
});

async function feedWith(cors: Record<string, unknown>): Promise<TestFeed> {
  const feed = await startTestFeed({ configOverrides: { cors } });
  open.push(feed);
  return feed;
}

const FOREIGN = 'https://any-site.example';
const preflight = (feed: TestFeed, path: string, origin: string) =>
  http(`${feed.url}${path}`, {
    method: 'OPTIONS',
    headers: {
      origin,
      'access-control-request-method': 'POST',
      'access-control-request-headers': 'authorization, content-type',
    },
  });

function allowHeaders(headers: Record<string, unknown>): string[] {
  return Object.keys(headers).filter((name) => name.startsWith('access-control-allow-'));
}

describe('admin CORS', () => {
  it('lets any origin read status with origins "*", but refuses its admin preflight', async () => {
    const feed = await feedWith({ origins: '*' });
    const read = await http(`${feed.url}/v1/status.json`, { headers: { origin: FOREIGN } });
    expect(read.status).toBe(200);
    expect(read.headers['access-control-allow-origin']).toBe('*');

    for (const path of ['/v1/admin/incidents', '/v1/admin/subscriptions']) {
      const answer = await preflight(feed, path, FOREIGN);
      expect(answer.status).toBe(403);
      expect(answer.json<{ error: string }>().error).toMatch(/cors\.adminOrigins/);
      expect(allowHeaders(answer.headers)).toEqual([]);
    }
  });

  it('refuses an actual admin request from another origin, with no CORS headers', async () => {
    const feed = await feedWith({ origins: '*' });
    const revision = feed.feed.store.revision;
    const answer = await http(`${feed.url}/v1/admin/incidents`, {
      method: 'POST',
      token: TOKENS.digst,
      headers: { origin: FOREIGN },
      body: {
        services: ['eid'],
        impact: 'minor',
        title: { da: 'x', en: 'x' },
        message: { da: 'x', en: 'x' },
      },
    });
    expect(answer.status).toBe(403);
    expect(allowHeaders(answer.headers)).toEqual([]);
    expect(feed.feed.store.revision).toBe(revision);
  });

  it('answers a listed admin origin, with the CSRF header allowed', async () => {
    const admin = 'https://ops.example.dk';
    const feed = await feedWith({ origins: '*', adminOrigins: [admin] });
    const answer = await preflight(feed, '/v1/admin/incidents', admin);
    expect(answer.status).toBe(204);
    expect(answer.headers['access-control-allow-origin']).toBe(admin);
    expect(answer.headers['access-control-allow-methods']).toContain('POST');
    expect(String(answer.headers['access-control-allow-headers'])).toMatch(/X-CSRF-Token/i);
    expect(answer.headers.vary).toMatch(/Origin/);
    const refused = await preflight(feed, '/v1/admin/incidents', FOREIGN);
    expect(refused.status).toBe(403);
  });

  it('still serves admin requests without an Origin (scripts) and public reads as configured', async () => {
    const feed = await feedWith({ origins: ['https://kommune.example.dk'] });
    const script = await http(`${feed.url}/v1/admin/subscriptions`, { token: TOKENS.digst });
    expect(script.status).toBe(200);
    const listed = await http(`${feed.url}/v1/status.json`, {
      headers: { origin: 'https://kommune.example.dk' },
    });
    expect(listed.headers['access-control-allow-origin']).toBe('https://kommune.example.dk');
  });
});
