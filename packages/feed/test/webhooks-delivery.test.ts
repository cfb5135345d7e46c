import { createPublicKey, generateKeyPairSync, verify, type JsonWebKey } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import { afterEach, describe, expect, it } from 'vitest';
import type { SigningKeys } from '../src/signing/signing-keys.js';
import { startTestFeed, type TestFeed } from './helpers/feed.js';
import { incidentBody, maintenanceBody, TOKENS } from './helpers/fixtures.js';
import { http } from './helpers/http.js';
import { receiversClosedAfterEach } from './helpers/webhook-receiver.js';

let feed: TestFeed | undefined;
afterEach(async () => {
  await feed?.close();
  feed = undefined;
});
const receiver = receiversClosedAfterEach();

const privateAllowed = { subscriptions: { allowPrivateAddresses: true } };

async function subscribe(
  url: string,
  body: Record<string, unknown>,
): Promise<{ id: string; secret: string }> {
  const answer = await http(`${url}/v1/admin/subscriptions`, {
    method: 'POST',
    token: TOKENS.digst,
    body,
  });
  expect(answer.status, answer.text).toBe(201);
  return answer.json<{ id: string; secret: string }>();
}

async function openIncident(url: string, body = incidentBody()): Promise<string> {
  const answer = await http(`${url}/v1/admin/incidents`, {
    method: 'POST',
    token: TOKENS.digst,
    body,
  });
  expect(answer.status, answer.text).toBe(201);
  return answer.json<{ incident: { id: string } }>().incident.id;
}

async function resolveIncident(url: string, id: string): Promise<void> {
  const answer = await http(`${url}/v1/admin/incidents/${id}/updates`, {
    method: 'POST',
    token: TOKENS.digst,
    body: { state: 'resolved', message: { da: 'Løst', en: 'Resolved' } },
  });
  expect(answer.status, answer.text).toBe(200);
}

function ed25519Keys(): SigningKeys {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return { current: { kid: 'k1', privateKey, publicKey }, published: [{ kid: 'k1', publicKey }] };
}

describe('webhook deliveries', () => {
  it('carry the Standard Webhooks headers, verified by the reference library (v1) and with the public key (v1a)', async () => {
    const keys = ed25519Keys();
    feed = await startTestFeed({ configOverrides: privateAllowed, signingKeys: keys });
    const hooks = await receiver();
    const { secret } = await subscribe(feed.url, { url: hooks.url });
    const id = await openIncident(feed.url);
    const [delivery] = await hooks.waitFor(1);
    if (!delivery) throw new Error('no delivery');

    const headers = {
      'webhook-id': String(delivery.headers['webhook-id']),
      'webhook-timestamp': String(delivery.headers['webhook-timestamp']),
      'webhook-signature': String(delivery.headers['webhook-signature']),
    };
    expect(new Webhook(secret).verify(delivery.body, headers)).toEqual(delivery.json);
    const tampered = delivery.body.replace('MitID', 'MitId');
    expect(() => new Webhook(secret).verify(tampered, headers)).toThrow();

    const v1a = headers['webhook-signature']
      .split(' ')
      .find((signature) => signature.startsWith('v1a,'));
    if (!v1a) throw new Error(`no v1a signature in ${headers['webhook-signature']}`);
    const signed = `${headers['webhook-id']}.${headers['webhook-timestamp']}.${delivery.body}`;
    expect(
      verify(
        null,
        Buffer.from(signed),
        keys.current.publicKey,
        Buffer.from(v1a.slice(4), 'base64'),
      ),
    ).toBe(true);

    expect(delivery.json).toMatchObject({
      type: 'incident.opened',
      timestamp: expect.any(String) as unknown,
      data: { services: ['eid'], incident: { id, state: 'investigating' } },
    });
  });

  it('sign without --signing-key as the feed can: v1a with the data-dir key it publishes (file journal), v1 only without a key (Redis)', async () => {
    feed = await startTestFeed({ configOverrides: privateAllowed });
    const hooks = await receiver();
    await subscribe(feed.url, { url: hooks.url });
    await openIncident(feed.url);
    const [delivery] = await hooks.waitFor(1);
    if (!delivery) throw new Error('no delivery');
    const signatures = String(delivery.headers['webhook-signature']).split(' ');
    const keys = await http(`${feed.url}/v1/keys`);
    if (keys.status === 503) {
      expect(signatures).toHaveLength(1);
      expect(signatures[0]).toMatch(/^v1,[A-Za-z0-9+/=]+$/);
      return;
    }
    expect(keys.status, keys.text).toBe(200);
    const [jwk] = keys.json<{ keys: JsonWebKey[] }>().keys;
    if (!jwk) throw new Error(`no key in ${keys.text}`);
    const v1a = signatures.find((signature) => signature.startsWith('v1a,'));
    if (!v1a) throw new Error(`no v1a signature in ${signatures.join(' ')}`);
    const signed = `${String(delivery.headers['webhook-id'])}.${String(delivery.headers['webhook-timestamp'])}.${delivery.body}`;
    expect(
      verify(
        null,
        Buffer.from(signed),
        createPublicKey({ key: jwk, format: 'jwk' }),
        Buffer.from(v1a.slice(4), 'base64'),
      ),
    ).toBe(true);
  });

  it('name incident and maintenance events in order, and follow the services and events filters', async () => {
    feed = await startTestFeed({ configOverrides: privateAllowed });
    const all = await receiver();
    const taxReturn = await receiver();
    const permits = await receiver();
    const resolvedOnly = await receiver();
    await subscribe(feed.url, { url: all.url });
    // tax-return depends on login, which depends on eid: an eid incident concerns it.
    await subscribe(feed.url, { url: taxReturn.url, services: ['tax-return'] });
    await subscribe(feed.url, { url: permits.url, services: ['permits'] });
    await subscribe(feed.url, { url: resolvedOnly.url, events: ['incident.resolved'] });

    const id = await openIncident(feed.url);
    await resolveIncident(feed.url, id);
    const scheduled = await http(`${feed.url}/v1/admin/maintenance`, {
      method: 'POST',
      token: TOKENS.tax,
      body: maintenanceBody({ services: ['permits'] }),
    });
    expect(scheduled.status, scheduled.text).toBe(201);

    const types = (await all.waitFor(3)).map((delivery) => delivery.json.type);
    expect(types).toEqual(['incident.opened', 'incident.resolved', 'maintenance.scheduled']);
    const revisions = all.received.map((delivery) => delivery.json.data['revision'] as number);
    expect(revisions).toEqual([...revisions].sort((a, b) => a - b));
    expect((await taxReturn.waitFor(2)).map((d) => d.json.type)).toEqual([
      'incident.opened',
      'incident.resolved',
    ]);
    expect((await permits.waitFor(1)).map((d) => d.json.type)).toEqual(['maintenance.scheduled']);
    expect((await resolvedOnly.waitFor(1)).map((d) => d.json.type)).toEqual(['incident.resolved']);
    // Every lane has passed the maintenance record by now; nothing else was sent.
    expect(taxReturn.received).toHaveLength(2);
    expect(resolvedOnly.received).toHaveLength(1);
  });

  it('a slow receiver does not hold up another subscriber', async () => {
    feed = await startTestFeed({ configOverrides: privateAllowed });
    let release = (): void => undefined;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const slow = await receiver(() => ({ status: 200, hold: held }));
    const fast = await receiver();
    await subscribe(feed.url, { url: slow.url });
    await subscribe(feed.url, { url: fast.url });
    await openIncident(feed.url);
    await slow.waitFor(1);
    const [delivered] = await fast.waitFor(1);
    expect(delivered?.json.type).toBe('incident.opened');
    release();
  });

  it('deliveries pending at a restart are delivered after it, with the same webhook-id, once', async () => {
    const dataDirFeed = await startTestFeed({
      configOverrides: privateAllowed,
      // No retry within this test: only the restart can deliver.
      webhookTiming: { retry: { baseMs: 3_600_000 } },
    });
    feed = dataDirFeed;
    let up = false;
    const hooks = await receiver(() => ({ status: up ? 200 : 503 }));
    await subscribe(feed.url, { url: hooks.url });
    const first = await openIncident(feed.url);
    const [failed] = await hooks.waitFor(1);
    await openIncident(feed.url, incidentBody({ services: ['digital-post'] }));

    up = true;
    feed = await feed.restart();
    const [, again, next] = await hooks.waitFor(3);
    expect(again?.headers['webhook-id']).toBe(failed?.headers['webhook-id']);
    expect(again?.json.data['incident']).toMatchObject({ id: first });
    expect(next?.json.data['services']).toEqual(['digital-post']);
    expect(next?.headers['webhook-id']).not.toBe(failed?.headers['webhook-id']);

    // Both are delivered: a third change is the only thing that comes next.
    await resolveIncident(feed.url, first);
    const [, , , fourth] = await hooks.waitFor(4);
    expect(fourth?.json.type).toBe('incident.resolved');
  });
});
