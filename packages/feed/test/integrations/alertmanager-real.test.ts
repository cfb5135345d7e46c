// Debian's Alertmanager delivering to the feed: its own grouping, retries and Bearer credential.
import { afterEach, describe, expect, it } from 'vitest';
import { incidentBody, TOKENS } from '../helpers/fixtures.js';
import { startTestFeed, type TestFeed } from '../helpers/feed.js';
import { http } from '../helpers/http.js';
import { startRedis } from '../helpers/redis.js';
import { startAlertmanager, until, type TestAlertmanager } from './alertmanager-server.js';

const open: { close(): Promise<unknown> }[] = [];
let alertmanager: TestAlertmanager | undefined;
afterEach(async (context) => {
  if (context.task.result?.state === 'fail' && alertmanager) {
    console.log(alertmanager.output());
  }
  await alertmanager?.stop();
  alertmanager = undefined;
  for (const item of open.splice(0).reverse()) await item.close();
});

async function withAlertmanager(feed: TestFeed): Promise<TestAlertmanager> {
  alertmanager = await startAlertmanager(`${feed.url}/v1/integrations/alertmanager`, TOKENS.digst);
  return alertmanager;
}

/** An alert as Prometheus posts it; `endsAt` in the past resolves it. */
function prometheusAlert(
  name: string,
  service: string,
  startsAt: Date,
  endsAt?: Date,
): Record<string, unknown> {
  return {
    labels: {
      alertname: 'ServiceDown',
      instance: name,
      statuskit_service: service,
      severity: 'critical',
    },
    annotations: { summary: `${name} svarer ikke`, summary_en: `${name} does not answer` },
    startsAt: startsAt.toISOString(),
    ...(endsAt && { endsAt: endsAt.toISOString() }),
    generatorURL: 'http://prometheus.example/graph',
  };
}

const automatic = (feed: TestFeed, service: string) =>
  feed.feed.store.document.incidents.find(
    (incident) => incident.id.startsWith('alert-') && incident.services.includes(service),
  );

describe('with a real Alertmanager', () => {
  it('opens the incident, resolves it, leaves a person’s incident open, and writes nothing for what it already has', async () => {
    const feed = await startTestFeed();
    open.push(feed);
    const byHand = await http(`${feed.url}/v1/admin/incidents`, {
      method: 'POST',
      token: TOKENS.digst,
      body: incidentBody({ id: 'eid-by-hand' }),
    });
    expect(byHand.status).toBe(201);
    const am = await withAlertmanager(feed);
    const startsAt = new Date(Date.now() - 60_000);

    await am.postAlerts([prometheusAlert('mitid', 'eid', startsAt)]);
    const opened = await until('the incident opens', () => automatic(feed, 'eid'));
    expect(opened).toMatchObject({
      impact: 'critical',
      state: 'investigating',
      startedAt: startsAt.toISOString(),
      title: { da: 'mitid svarer ikke', en: 'mitid does not answer' },
    });
    const { store } = feed.feed;
    expect(store.since(store.revision - 1)?.[0]?.actor).toMatch(/^alertmanager:[0-9a-f]+$/);

    // A second alert in the same group: Alertmanager sends both; only the new one is written.
    const revision = store.revision;
    await am.postAlerts([prometheusAlert('digital-post', 'digital-post', startsAt)]);
    await until('the second incident opens', () => automatic(feed, 'digital-post'));
    expect(store.revision).toBe(revision + 1);
    expect(automatic(feed, 'eid')).toEqual(opened);

    const endsAt = new Date();
    await am.postAlerts([prometheusAlert('mitid', 'eid', startsAt, endsAt)]);
    const resolved = await until('the incident resolves', () => {
      const incident = feed.feed.store.document.incidents.find((i) => i.id === opened.id);
      return incident?.state === 'resolved' ? incident : undefined;
    });
    expect(resolved.resolvedAt).toBe(endsAt.toISOString());
    expect(automatic(feed, 'digital-post')?.state).toBe('investigating');
    expect(store.document.incidents.find((i) => i.id === 'eid-by-hand')?.state).toBe(
      'investigating',
    );
  });

  it('is retried by Alertmanager after a 503 while the Redis store is away, and stored once it is back', async () => {
    const redis = await startRedis();
    open.push({ close: () => redis.remove() });
    const feed = await startTestFeed({ redis: { url: redis.url, keyPrefix: 'alerts:' } });
    open.push(feed);
    const am = await withAlertmanager(feed);

    await redis.stop();
    await am.postAlerts([prometheusAlert('mitid', 'eid', new Date(Date.now() - 60_000))]);
    // The feed answered 503 (a store refusal), and Alertmanager said it would retry.
    await until('the feed refuses the notification', () =>
      feed.feed.metrics.writesRejected > 0 ? true : undefined,
    );
    expect(automatic(feed, 'eid')).toBeUndefined();
    await redis.start();
    const opened = await until(
      'the retried notification is stored',
      () => automatic(feed, 'eid'),
      30_000,
    );
    expect(opened.state).toBe('investigating');
    expect(am.output()).toMatch(/will retry later.*unexpected status code 503/);
  }, 60_000);
});
