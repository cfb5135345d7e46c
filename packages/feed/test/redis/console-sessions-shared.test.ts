// Console sessions in Redis: kept under the store's prefix with an expiry, and shared by every
// feed on that Redis (so `--workers` and several hosts behind one name all know a session).
import { rm } from 'node:fs/promises';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { consoleDist, cookieOf } from '../console/console-fixture.js';
import { startTestFeed } from '../helpers/feed.js';
import { incidentBody, TOKENS } from '../helpers/fixtures.js';
import { http } from '../helpers/http.js';
import { useRedisServer } from '../helpers/redis.js';

const { redis, client, open } = useRedisServer();
let assetsDir: string;
beforeAll(async () => {
  assetsDir = await consoleDist();
});
afterAll(async () => {
  await rm(assetsDir, { recursive: true, force: true });
});

it('keeps a session in Redis under the prefix, with an expiry, usable from another feed', async () => {
  const settings = { url: redis().url, keyPrefix: 'shared:' };
  const first = await startTestFeed({ redis: settings, console: { assetsDir } });
  open.push(first);
  const second = await startTestFeed({ redis: settings, console: { assetsDir } });
  open.push(second);

  const signedIn = await http(`${first.url}/v1/admin/session`, {
    method: 'POST',
    body: { token: TOKENS.digst },
  });
  expect(signedIn.status).toBe(201);
  const { csrfToken, session } = signedIn.json<{ csrfToken: string; session: string }>();
  const cookie = cookieOf(signedIn.headers['set-cookie']);
  const secret = cookie.slice(cookie.indexOf('=') + 1);

  const keys = await client().keys('shared:console-session:*');
  expect(keys).toHaveLength(1);
  expect(keys[0]).toMatch(/^shared:console-session:[0-9a-f]{64}$/);
  expect(keys[0]).not.toContain(secret);
  const ttl = await client().pttl(keys[0] ?? '');
  expect(ttl).toBeGreaterThan(30 * 60_000);
  expect(ttl).toBeLessThanOrEqual(90 * 60_000);
  expect(await client().get(keys[0] ?? '')).not.toContain(secret);

  const written = await http(`${second.url}/v1/admin/incidents`, {
    method: 'POST',
    body: incidentBody(),
    headers: { cookie, 'x-csrf-token': csrfToken },
  });
  expect(written.status).toBe(201);
  expect(second.feed.store.since(second.feed.store.revision - 1)?.[0]).toMatchObject({
    actor: 'digst',
    session,
  });

  const out = await http(`${second.url}/v1/admin/session`, {
    method: 'DELETE',
    headers: { cookie, 'x-csrf-token': csrfToken },
  });
  expect(out.status).toBe(204);
  expect(await client().keys('shared:console-session:*')).toEqual([]);
  expect((await http(`${first.url}/v1/admin/session`, { headers: { cookie } })).status).toBe(401);
});
