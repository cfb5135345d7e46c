import { createHmac } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { TOKENS } from '../helpers/fixtures.js';
import { startTestFeed, type TestFeed } from '../helpers/feed.js';
import { http, type HttpResult } from '../helpers/http.js';
import { alert, grafanaPayload } from './payloads.js';

const NOW = new Date('2030-03-10T09:00:00Z');
const SECRET = 'grafana-hmac-secret-0123456789';
const INCIDENT = 'alert-3f2a9c1d0b7e6a54-20300310085500';

let feed: TestFeed | undefined;
afterEach(async () => {
  await feed?.close();
  feed = undefined;
});

async function start(alerts?: Record<string, unknown>): Promise<TestFeed> {
  feed = await startTestFeed({
    now: () => NOW,
    ...(alerts && { configOverrides: { alerts } }),
  });
  return feed;
}

/** Posts the exact bytes Grafana would, signed with `secret` when given. */
function notify(
  target: TestFeed,
  body: unknown,
  signature?: string | ((raw: string) => string),
): Promise<HttpResult> {
  const raw = JSON.stringify(body);
  const headers: Record<string, string> = {};
  if (signature !== undefined) {
    headers['x-grafana-alerting-signature'] =
      typeof signature === 'string' ? signature : signature(raw);
  }
  return http(`${target.url}/v1/integrations/grafana`, {
    method: 'POST',
    body: raw,
    token: TOKENS.digst,
    headers,
  });
}

const signedWith = (secret: string) => (raw: string) =>
  createHmac('sha256', secret).update(raw).digest('hex');

describe('Grafana webhook contact point', () => {
  it('opens on an alerting notification and resolves on ok, like Alertmanager', async () => {
    const target = await start();
    const opened = await notify(target, grafanaPayload([alert()]));
    expect(opened.status).toBe(200);
    expect(opened.json()['alerts']).toEqual([
      { fingerprint: '3f2a9c1d0b7e6a54', incident: INCIDENT, outcome: 'opened' },
    ]);
    const [record] = target.feed.store.since(target.feed.store.revision - 1) ?? [];
    expect(record?.actor).toBe('grafana:3f2a9c1d0b7e6a54');
    const revision = target.feed.store.revision;
    expect((await notify(target, grafanaPayload([alert()]))).status).toBe(200);
    expect(target.feed.store.revision).toBe(revision);
    const resolved = await notify(target, grafanaPayload([alert({ status: 'resolved' })]));
    expect(resolved.json()['alerts']).toMatchObject([{ outcome: 'resolved' }]);
    const incident = target.feed.store.document.incidents.find((entry) => entry.id === INCIDENT);
    expect(incident).toMatchObject({ state: 'resolved', resolvedAt: '2030-03-10T08:58:00.000Z' });
  });

  it('accepts a request whose X-Grafana-Alerting-Signature is the hex HMAC-SHA256 of the body', async () => {
    const target = await start({ grafanaSecret: SECRET });
    const res = await notify(target, grafanaPayload([alert()]), signedWith(SECRET));
    expect(res.status).toBe(200);
    expect(target.feed.store.document.incidents).toHaveLength(1);
  });

  it.each([
    ['missing', undefined, 'send the X-Grafana-Alerting-Signature header'],
    [
      'made with another secret',
      signedWith('another-secret-0123456789'),
      'does not match the body',
    ],
    ['not hex', 'not-a-signature', 'does not match the body'],
    ['of another body', signedWith(SECRET)('{"alerts":[]}'), 'does not match the body'],
  ])(
    'refuses a signature that is %s (401) and changes nothing',
    async (_name, signature, message) => {
      const target = await start({ grafanaSecret: SECRET });
      const revision = target.feed.store.revision;
      const res = await notify(target, grafanaPayload([alert()]), signature);
      expect(res.status).toBe(401);
      expect(res.json()['error']).toContain(message);
      expect(target.feed.store.revision).toBe(revision);
      expect(target.feed.store.document.incidents).toHaveLength(0);
    },
  );

  it('uses the configured service label', async () => {
    const target = await start({ serviceLabel: 'service' });
    const entry = alert({ labels: { service: 'login' } });
    const res = await notify(target, grafanaPayload([entry]));
    expect(res.status).toBe(200);
    expect(target.feed.store.document.incidents[0]?.services).toEqual(['login']);
  });

  it.each([
    [
      'an unknown service',
      grafanaPayload([alert({ labels: { statuskit_service: 'nope' } })]),
      'alerts[0].labels.statuskit_service: names no service of this feed: "nope"',
    ],
    ['no alerts', { state: 'alerting' }, 'alerts: must be an array of alerts'],
    [
      'a bad endsAt',
      grafanaPayload([{ ...alert({ status: 'resolved' }), endsAt: 'soon' }]),
      'alerts[0].endsAt: must be an RFC 3339 time',
    ],
  ])('refuses %s with a clear 400 and changes nothing', async (_name, body, message) => {
    const target = await start();
    const revision = target.feed.store.revision;
    const res = await notify(target, body);
    expect(res.status).toBe(400);
    expect(res.json()['error']).toContain(message);
    expect(target.feed.store.revision).toBe(revision);
  });
});
