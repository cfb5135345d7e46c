import { afterEach, describe, expect, it } from 'vitest';
import type { LogEntry } from '../src/log.js';
import { postDelivery } from '../src/webhooks/webhook-post.js';
import { startTestFeed, type TestFeed } from './helpers/feed.js';
import { incidentBody, TOKENS } from './helpers/fixtures.js';
import { http } from './helpers/http.js';
import { receiversClosedAfterEach } from './helpers/webhook-receiver.js';

let feed: TestFeed | undefined;
afterEach(async () => {
  await feed?.close();
  feed = undefined;
});
const receiver = receiversClosedAfterEach();

const privateAllowed = { subscriptions: { allowPrivateAddresses: true } };

async function subscribe(url: string, receiverUrl: string): Promise<string> {
  const answer = await http(`${url}/v1/admin/subscriptions`, {
    method: 'POST',
    token: TOKENS.digst,
    body: { url: receiverUrl },
  });
  expect(answer.status, answer.text).toBe(201);
  return answer.json<{ id: string }>().id;
}

async function openIncident(url: string, services = ['eid']): Promise<void> {
  const answer = await http(`${url}/v1/admin/incidents`, {
    method: 'POST',
    token: TOKENS.digst,
    body: incidentBody({ services }),
  });
  expect(answer.status, answer.text).toBe(201);
}

/** Resolves once `ready` holds (checked every 10 ms). */
function until(ready: () => boolean): Promise<void> {
  return new Promise((resolve) => {
    const check = setInterval(() => {
      if (!ready()) return;
      clearInterval(check);
      resolve();
    }, 10);
  });
}

describe('webhook retries', () => {
  it('retries a receiver that answers 500 forever with the same webhook-id, then gives up, counted and logged', async () => {
    const logs: LogEntry[] = [];
    feed = await startTestFeed({
      configOverrides: privateAllowed,
      log: (entry) => logs.push(entry),
      webhookTiming: { retry: { baseMs: 20, maxMs: 80, giveUpAfterMs: 400 } },
    });
    const failing = await receiver(() => ({ status: 500 }));
    const id = await subscribe(feed.url, failing.url);
    await openIncident(feed.url);
    const running = feed;
    await until(() => running.feed.metrics.webhooksGivenUp === 1);

    const attempts = failing.received;
    expect(attempts.length).toBeGreaterThanOrEqual(3);
    expect(new Set(attempts.map((a) => a.headers['webhook-id'])).size).toBe(1);
    expect(logs).toContainEqual(
      expect.objectContaining({
        level: 'warn',
        msg: 'webhook delivery given up: it failed for the whole retry period',
        subscription: id,
      }),
    );
    const metrics = await http(`${feed.url}/metrics`);
    expect(metrics.text).toContain('statuskit_webhook_deliveries_given_up_total 1');
    expect(metrics.text).toMatch(
      new RegExp(`statuskit_webhook_deliveries_total\\{result="rejected"\\} ${attempts.length}`),
    );

    // Given up, the subscription goes on with the next change.
    const before = failing.received.length;
    await openIncident(feed.url, ['digital-post']);
    const [next] = (await failing.waitFor(before + 1)).slice(before);
    expect(next?.json.data['services']).toEqual(['digital-post']);
  });

  it('disables a subscription whose receiver answers 410 Gone', async () => {
    feed = await startTestFeed({ configOverrides: privateAllowed });
    const gone = await receiver(() => ({ status: 410 }));
    const healthy = await receiver();
    const id = await subscribe(feed.url, gone.url);
    await subscribe(feed.url, healthy.url);
    await openIncident(feed.url);
    await gone.waitFor(1);
    const running = feed;
    await until(() => running.feed.metrics.subscriptionsDisabled === 1);
    await openIncident(feed.url, ['digital-post']);
    await healthy.waitFor(2);
    expect(gone.received).toHaveLength(1);

    const listed = await http(`${feed.url}/v1/admin/subscriptions`, { token: TOKENS.digst });
    const [subscription] = listed.json<{ subscriptions: { id: string; disabled?: unknown }[] }>()
      .subscriptions;
    expect(subscription).toMatchObject({
      id,
      disabled: { reason: 'the receiver answered 410 Gone' },
    });
    const metrics = await http(`${feed.url}/metrics`);
    expect(metrics.text).toContain('statuskit_webhook_subscriptions_disabled_total 1');
    expect(metrics.text).toContain('statuskit_webhook_deliveries_total{result="gone"} 1');
  });

  it('honours Retry-After on a 429', async () => {
    // Backoff alone would wait an hour: only the receiver's Retry-After can bring the retry now.
    feed = await startTestFeed({
      configOverrides: privateAllowed,
      webhookTiming: { retry: { baseMs: 3_600_000 } },
    });
    const busy = await receiver((_delivery, index) =>
      index === 0 ? { status: 429, headers: { 'retry-after': '1' } } : { status: 200 },
    );
    await subscribe(feed.url, busy.url);
    await openIncident(feed.url);
    const [first, second] = await busy.waitFor(2);
    expect(second?.headers['webhook-id']).toBe(first?.headers['webhook-id']);
  });

  it('counts deliveries by result and shows what is pending in /metrics', async () => {
    feed = await startTestFeed({ configOverrides: privateAllowed });
    const hooks = await receiver();
    await subscribe(feed.url, hooks.url);
    await openIncident(feed.url);
    await hooks.waitFor(1);
    const running = feed;
    await until(() => running.feed.metrics.webhooksDelivered === 1);
    const metrics = await http(`${feed.url}/metrics`);
    expect(metrics.text).toContain('statuskit_webhook_deliveries_total{result="delivered"} 1');
    expect(metrics.text).toContain('statuskit_webhook_pending 0');
  });
});

describe('webhook delivery addresses', () => {
  it('refuses at delivery a host that resolves to a loopback address, sending nothing', async () => {
    const hooks = await receiver();
    const port = new URL(hooks.url).port;
    const outcome = await postDelivery({
      url: `http://localhost:${port}/hooks`,
      headers: {},
      body: '{}',
      allowPrivateAddresses: false,
      now: () => new Date(),
    });
    expect(outcome).toMatchObject({ kind: 'failed', result: 'refused' });
    expect(outcome.kind === 'failed' && outcome.reason).toContain('allowPrivateAddresses');
    expect(hooks.received).toHaveLength(0);

    const allowed = await postDelivery({
      url: `http://localhost:${port}/hooks`,
      headers: {},
      body: '{}',
      allowPrivateAddresses: true,
      now: () => new Date(),
    });
    expect(allowed).toEqual({ kind: 'delivered', status: 204 });
  });

  it('does not follow redirects', async () => {
    const hooks = await receiver(() => ({
      status: 307,
      headers: { location: 'http://127.0.0.1:9/' },
    }));
    const outcome = await postDelivery({
      url: hooks.url,
      headers: {},
      body: '{}',
      allowPrivateAddresses: true,
      now: () => new Date(),
    });
    expect(outcome).toMatchObject({
      kind: 'failed',
      result: 'rejected',
      reason: 'the receiver answered 307',
    });
  });
});
