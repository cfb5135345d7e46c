import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestFeed, type TestFeed } from '../helpers/feed.js';
import { incidentBody, TOKENS } from '../helpers/fixtures.js';
import { http } from '../helpers/http.js';
import { startRedis, type TestRedis } from '../helpers/redis.js';
import { startReceiver, type WebhookReceiver } from '../helpers/webhook-receiver.js';

let redis: TestRedis;
const feeds: TestFeed[] = [];
let hooks: WebhookReceiver;

beforeAll(async () => {
  redis = await startRedis();
  hooks = await startReceiver();
});

afterAll(async () => {
  await Promise.all(feeds.map((feed) => feed.close()));
  await hooks.close();
  await redis.remove();
});

async function openIncident(url: string, services: string[]): Promise<void> {
  const answer = await http(`${url}/v1/admin/incidents`, {
    method: 'POST',
    token: TOKENS.digst,
    body: incidentBody({ services }),
  });
  expect(answer.status, answer.text).toBe(201);
}

describe('webhooks with several feed processes on one Redis', () => {
  it('deliver each change exactly once, whichever process accepted it', async () => {
    for (let index = 0; index < 2; index++) {
      feeds.push(
        await startTestFeed({
          configOverrides: { subscriptions: { allowPrivateAddresses: true } },
          redis: { url: redis.url, keyPrefix: 'webhooks-processes:' },
          webhookTiming: { refreshMs: 50 },
        }),
      );
    }
    const [a, b] = feeds as [TestFeed, TestFeed];
    const created = await http(`${b.url}/v1/admin/subscriptions`, {
      method: 'POST',
      token: TOKENS.digst,
      body: { url: hooks.url },
    });
    expect(created.status, created.text).toBe(201);
    // Listed by both: the subscription lives in Redis.
    const listed = await http(`${a.url}/v1/admin/subscriptions`, { token: TOKENS.digst });
    expect(listed.json<{ subscriptions: unknown[] }>().subscriptions).toHaveLength(1);

    await openIncident(a.url, ['eid']);
    await openIncident(b.url, ['digital-post']);
    const [first, second] = await hooks.waitFor(2);
    expect(first?.json.data['services']).toEqual(['eid']);
    expect(second?.json.data['services']).toEqual(['digital-post']);
    // Were both processes delivering, the second arrival would repeat the first.
    await openIncident(a.url, ['login']);
    const [, , third] = await hooks.waitFor(3);
    expect(third?.json.data['services']).toEqual(['login']);
    expect(new Set(hooks.received.map((d) => d.headers['webhook-id'])).size).toBe(3);
  });
});
