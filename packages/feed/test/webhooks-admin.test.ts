import { afterEach, describe, expect, it } from 'vitest';
import { startTestFeed, type TestFeed } from './helpers/feed.js';
import { TOKENS } from './helpers/fixtures.js';
import { http } from './helpers/http.js';

let feed: TestFeed | undefined;

afterEach(async () => {
  await feed?.close();
  feed = undefined;
});

const privateAllowed = { subscriptions: { allowPrivateAddresses: true } };

async function subscribe(
  url: string,
  body: unknown,
  token: string = TOKENS.tax,
): ReturnType<typeof http> {
  return http(`${url}/v1/admin/subscriptions`, { method: 'POST', token, body });
}

describe('webhook subscriptions admin API', () => {
  it('creates a subscription with a whsec_ secret shown once, lists it without, and deletes it', async () => {
    feed = await startTestFeed({ configOverrides: privateAllowed });
    const created = await subscribe(feed.url, {
      url: 'http://127.0.0.1:9/hooks',
      services: ['tax-return'],
      events: ['incident.opened', 'maintenance.scheduled'],
    });
    expect(created.status).toBe(201);
    const body = created.json<{ id: string; secret: string; url: string; authority: string }>();
    expect(body.id).toMatch(/^sub_[0-9a-f-]{36}$/);
    expect(Buffer.from(body.secret.replace(/^whsec_/, ''), 'base64').length).toBeGreaterThanOrEqual(
      24,
    );
    expect(body.secret.startsWith('whsec_')).toBe(true);
    expect(body).toMatchObject({ url: 'http://127.0.0.1:9/hooks', authority: 'tax' });

    const listed = await http(`${feed.url}/v1/admin/subscriptions`, { token: TOKENS.tax });
    expect(listed.status).toBe(200);
    expect(listed.text).not.toContain(body.secret);
    expect(listed.json<{ subscriptions: unknown[] }>().subscriptions).toEqual([
      {
        id: body.id,
        authority: 'tax',
        url: 'http://127.0.0.1:9/hooks',
        services: ['tax-return'],
        events: ['incident.opened', 'maintenance.scheduled'],
        createdAt: expect.any(String) as unknown,
      },
    ]);

    const removed = await http(`${feed.url}/v1/admin/subscriptions/${body.id}`, {
      method: 'DELETE',
      token: TOKENS.tax,
    });
    expect(removed.status).toBe(204);
    const after = await http(`${feed.url}/v1/admin/subscriptions`, { token: TOKENS.tax });
    expect(after.json<{ subscriptions: unknown[] }>().subscriptions).toEqual([]);
  });

  it('keeps subscriptions across a restart', async () => {
    feed = await startTestFeed({ configOverrides: privateAllowed });
    const created = await subscribe(feed.url, { url: 'http://127.0.0.1:9/hooks' });
    const { id } = created.json<{ id: string }>();
    feed = await feed.restart();
    const listed = await http(`${feed.url}/v1/admin/subscriptions`, { token: TOKENS.tax });
    expect(
      listed.json<{ subscriptions: { id: string }[] }>().subscriptions.map((s) => s.id),
    ).toEqual([id]);
  });

  it('is scoped per authority: another authority can neither list nor delete yours', async () => {
    feed = await startTestFeed({ configOverrides: privateAllowed });
    const { id } = (await subscribe(feed.url, { url: 'http://127.0.0.1:9/hooks' })).json<{
      id: string;
    }>();
    const theirs = await http(`${feed.url}/v1/admin/subscriptions`, { token: TOKENS.digst });
    expect(theirs.json<{ subscriptions: unknown[] }>().subscriptions).toEqual([]);
    const refused = await http(`${feed.url}/v1/admin/subscriptions/${id}`, {
      method: 'DELETE',
      token: TOKENS.digst,
    });
    expect(refused.status).toBe(404);
    expect(refused.json<{ error: string }>().error).toContain(id);
    const mine = await http(`${feed.url}/v1/admin/subscriptions`, { token: TOKENS.tax });
    expect(mine.json<{ subscriptions: unknown[] }>().subscriptions).toHaveLength(1);
    const anonymous = await http(`${feed.url}/v1/admin/subscriptions`);
    expect(anonymous.status).toBe(401);
  });

  it('refuses bad input naming the field, and stores nothing', async () => {
    feed = await startTestFeed({ configOverrides: privateAllowed });
    const cases: [unknown, number, string][] = [
      [{}, 400, 'url: is required'],
      [{ url: 'ftp://example.org/x' }, 400, 'url: must be an https:// (or http://) URL'],
      [
        { url: 'http://127.0.0.1:9/', events: ['incident.exploded'] },
        400,
        'events[0]: unknown event "incident.exploded"',
      ],
      [{ url: 'http://127.0.0.1:9/', events: [] }, 400, 'events: must name at least one'],
      [{ url: 'http://127.0.0.1:9/', colour: 'red' }, 400, 'colour: unknown field "colour"'],
      [
        { url: 'http://127.0.0.1:9/', services: ['tax-retrun'] },
        404,
        'unknown service "tax-retrun"',
      ],
    ];
    for (const [body, status, message] of cases) {
      const answer = await subscribe(feed.url, body);
      expect(answer.status, JSON.stringify(body)).toBe(status);
      expect(answer.json<{ error: string }>().error).toContain(message);
    }
    const listed = await http(`${feed.url}/v1/admin/subscriptions`, { token: TOKENS.tax });
    expect(listed.json<{ subscriptions: unknown[] }>().subscriptions).toEqual([]);
  });

  it('refuses loopback and private receivers, and plain http, unless the config allows them', async () => {
    feed = await startTestFeed();
    for (const url of [
      'https://127.0.0.1/hooks',
      'https://localhost/hooks',
      'https://10.1.2.3/x',
      'https://[::1]/x',
    ]) {
      const answer = await subscribe(feed.url, { url });
      expect(answer.status, url).toBe(400);
      expect(answer.json<{ error: string }>().error).toMatch(
        /^url: .*loopback or private address.*allowPrivateAddresses/,
      );
    }
    const plain = await subscribe(feed.url, { url: 'http://status.example.org/hooks' });
    expect(plain.status).toBe(400);
    expect(plain.json<{ error: string }>().error).toContain('url: must be an https:// URL');
    const listed = await http(`${feed.url}/v1/admin/subscriptions`, { token: TOKENS.tax });
    expect(listed.json<{ subscriptions: unknown[] }>().subscriptions).toEqual([]);
  });

  it('limits the subscriptions one authority holds', async () => {
    feed = await startTestFeed({
      configOverrides: { subscriptions: { allowPrivateAddresses: true, maxPerAuthority: 2 } },
    });
    expect((await subscribe(feed.url, { url: 'http://127.0.0.1:9/a' })).status).toBe(201);
    expect((await subscribe(feed.url, { url: 'http://127.0.0.1:9/b' })).status).toBe(201);
    const third = await subscribe(feed.url, { url: 'http://127.0.0.1:9/c' });
    expect(third.status).toBe(409);
    expect(third.json<{ error: string }>().error).toContain('subscriptions.maxPerAuthority');
    expect((await subscribe(feed.url, { url: 'http://127.0.0.1:9/d' }, TOKENS.digst)).status).toBe(
      201,
    );
  });
});
