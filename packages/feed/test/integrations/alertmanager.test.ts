import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { incidentBody, TOKENS } from '../helpers/fixtures.js';
import { startTestFeed, type TestFeed } from '../helpers/feed.js';
import { http, type HttpResult } from '../helpers/http.js';
import { alert, alertmanagerPayload } from './payloads.js';
import { hashToken } from '../../src/tokens.js';

const NOW = new Date('2030-03-10T09:00:00Z');
const INCIDENT = 'alert-3f2a9c1d0b7e6a54-20300310085500';

let feed: TestFeed;
beforeEach(async () => {
  feed = await startTestFeed({ now: () => NOW });
});
afterEach(async () => {
  await feed.close();
});

const notify = (body: unknown, token: string = TOKENS.digst): Promise<HttpResult> =>
  http(`${feed.url}/v1/integrations/alertmanager`, { method: 'POST', body, token });

const incident = (id = INCIDENT) => feed.feed.store.document.incidents.find((i) => i.id === id);

describe('Alertmanager receiver', () => {
  it('opens an automatic incident from a firing alert, mapped from its labels and annotations', async () => {
    const before = feed.feed.store.revision;
    const res = await notify(alertmanagerPayload([alert()]));
    expect(res.status).toBe(200);
    expect(res.json()).toEqual({
      revision: before + 1,
      alerts: [{ fingerprint: '3f2a9c1d0b7e6a54', incident: INCIDENT, outcome: 'opened' }],
    });
    expect(incident()).toMatchObject({
      services: ['eid'],
      impact: 'critical',
      state: 'investigating',
      startedAt: '2030-03-10T08:55:00.123Z',
      title: { da: 'MitID svarer ikke', en: 'MitID does not answer' },
      message: {
        da: 'Login med MitID fejler for alle.',
        en: 'Logging in with MitID fails for everyone.',
      },
    });
    const [record] = feed.feed.store.since(before) ?? [];
    expect(record?.actor).toBe('alertmanager:3f2a9c1d0b7e6a54');
    // Which authority's token sent it: the first 12 hex digits of the token's stored hash.
    expect(record?.token).toBe(hashToken(TOKENS.digst).slice('sha256:'.length).slice(0, 12));
  });

  it('writes nothing when the same payload comes twice (no new revision)', async () => {
    const payload = alertmanagerPayload([alert()]);
    expect((await notify(payload)).status).toBe(200);
    const revision = feed.feed.store.revision;
    const again = await notify(payload);
    expect(again.status).toBe(200);
    expect(again.json()['alerts']).toEqual([
      { fingerprint: '3f2a9c1d0b7e6a54', incident: INCIDENT, outcome: 'unchanged' },
    ]);
    expect(feed.feed.store.revision).toBe(revision);
  });

  it('updates the open incident when the alert says something new, and resolves it at endsAt', async () => {
    await notify(alertmanagerPayload([alert()]));
    const changed = await notify(alertmanagerPayload([alert({ labels: { severity: 'warning' } })]));
    expect(changed.json()['alerts']).toMatchObject([{ outcome: 'updated' }]);
    expect(incident()?.impact).toBe('minor');
    const resolved = await notify(alertmanagerPayload([alert({ status: 'resolved' })]));
    expect(resolved.json()['alerts']).toMatchObject([{ incident: INCIDENT, outcome: 'resolved' }]);
    expect(incident()).toMatchObject({ state: 'resolved', resolvedAt: '2030-03-10T08:58:00.000Z' });
    expect(incident()?.updates.at(-1)?.message).toEqual({
      da: 'Løst: overvågningen melder ikke længere fejl.',
    });
    // The resolution delivered again, and a late repeat of the firing, change nothing.
    const revision = feed.feed.store.revision;
    await notify(alertmanagerPayload([alert({ status: 'resolved' })]));
    await notify(alertmanagerPayload([alert()]));
    expect(feed.feed.store.revision).toBe(revision);
    expect(incident()?.state).toBe('resolved');
  });

  it('records a resolution that arrives before its firing as an incident already over', async () => {
    const res = await notify(alertmanagerPayload([alert({ status: 'resolved' })]));
    expect(res.json()['alerts']).toMatchObject([{ incident: INCIDENT, outcome: 'recorded' }]);
    expect(incident()).toMatchObject({
      state: 'resolved',
      startedAt: '2030-03-10T08:55:00.123Z',
      resolvedAt: '2030-03-10T08:58:00.000Z',
    });
    const revision = feed.feed.store.revision;
    expect((await notify(alertmanagerPayload([alert()]))).json()['alerts']).toMatchObject([
      { outcome: 'unchanged' },
    ]);
    expect(feed.feed.store.revision).toBe(revision);
    expect(incident()?.state).toBe('resolved');
  });

  it('opens a new incident for a new firing of the same alert after the last was resolved', async () => {
    await notify(alertmanagerPayload([alert()]));
    await notify(alertmanagerPayload([alert({ status: 'resolved' })]));
    const again = await notify(alertmanagerPayload([alert({ startsAt: '2030-03-10T08:59:00Z' })]));
    expect(again.json()['alerts']).toMatchObject([
      { incident: 'alert-3f2a9c1d0b7e6a54-20300310085900', outcome: 'opened' },
    ]);
    expect(incident()?.state).toBe('resolved');
  });

  it('never changes or closes an incident a person opened on the same service', async () => {
    const opened = await http(`${feed.url}/v1/admin/incidents`, {
      method: 'POST',
      token: TOKENS.digst,
      body: incidentBody({ id: 'eid-by-hand' }),
    });
    expect(opened.status).toBe(201);
    const byHand = incident('eid-by-hand');
    await notify(alertmanagerPayload([alert()]));
    await notify(alertmanagerPayload([alert({ status: 'resolved' })]));
    expect(incident('eid-by-hand')).toEqual(byHand);
    expect(incident()?.state).toBe('resolved');
  });

  it('keeps the services a person added to an automatic incident when the alert repeats', async () => {
    const payload = alertmanagerPayload([alert()]);
    await notify(payload);
    const widened = await http(`${feed.url}/v1/admin/incidents/${INCIDENT}/updates`, {
      method: 'POST',
      token: TOKENS.digst,
      body: {
        state: 'identified',
        services: ['eid', 'login'],
        message: { da: 'Login er også ramt.' },
      },
    });
    expect(widened.status).toBe(200);
    const revision = feed.feed.store.revision;
    const again = await notify(payload);
    expect(again.json()['alerts']).toMatchObject([{ outcome: 'updated' }]);
    expect(incident()).toMatchObject({ services: ['eid', 'login'], state: 'identified' });
    expect(feed.feed.store.revision).toBe(revision + 1);
  });

  it('maps severity to impact: critical; major, error, page; warning, minor, info; missing is major', async () => {
    const cases: [string | undefined, string][] = [
      ['critical', 'critical'],
      ['major', 'major'],
      ['error', 'major'],
      ['page', 'major'],
      ['warning', 'minor'],
      ['minor', 'minor'],
      ['info', 'minor'],
      [undefined, 'major'],
    ];
    const alerts = cases.map(([severity], index) => {
      const entry = alert({ fingerprint: `a${index}` });
      const labels = { ...(entry['labels'] as Record<string, string>) };
      if (severity === undefined) delete labels['severity'];
      else labels['severity'] = severity;
      return { ...entry, labels };
    });
    expect((await notify(alertmanagerPayload(alerts))).status).toBe(200);
    const impacts = cases.map((_, index) => incident(`alert-a${index}-20300310085500`)?.impact);
    expect(impacts).toEqual(cases.map(([, impact]) => impact));
  });

  it('takes untrusted texts as plain text: control characters out, cut to the length limits', async () => {
    const res = await notify(
      alertmanagerPayload([
        alert({
          annotations: {
            summary: `<b>Nede</b>\u0007 ${'x'.repeat(300)}`,
            description: 'y'.repeat(6000),
          },
        }),
      ]),
    );
    expect(res.status).toBe(200);
    const title = incident()?.title['da'] ?? '';
    expect(title.startsWith('<b>Nede</b>  x')).toBe(true);
    expect(Array.from(title)).toHaveLength(200);
    expect(title.endsWith('…')).toBe(true);
    expect(Array.from(incident()?.message['da'] ?? '')).toHaveLength(5000);
  });

  it('falls back to the alertname as the title, and to the title as the message', async () => {
    await notify(alertmanagerPayload([{ ...alert(), annotations: {} }]));
    expect(incident()).toMatchObject({ title: { da: 'MitIDDown' }, message: { da: 'MitIDDown' } });
  });

  it('tolerates unknown and newer fields', async () => {
    const res = await notify(
      alertmanagerPayload([{ ...alert(), somethingNew: { nested: true } }], {
        version: '5',
        extra: [1, 2],
      }),
    );
    expect(res.status).toBe(200);
    expect(incident()).toBeDefined();
  });
});

describe('Alertmanager receiver refuses, and changes nothing', () => {
  const refused = async (
    body: unknown,
    status: number,
    message: string | RegExp,
    token?: string,
  ): Promise<void> => {
    const before = feed.feed.store.revision;
    const documentBefore = feed.feed.store.document;
    const res = await notify(body, token);
    expect(res.status).toBe(status);
    expect(res.json()['error']).toMatch(message);
    expect(feed.feed.store.revision).toBe(before);
    expect(feed.feed.store.document).toEqual(documentBefore);
  };

  it('an alert without the service label, naming the label', async () => {
    const { labels: _labels, ...entry } = alert();
    await refused(
      alertmanagerPayload([alert({ fingerprint: 'b1' }), { ...entry, labels: { alertname: 'X' } }]),
      400,
      'alerts[1].labels.statuskit_service: is missing',
    );
  });

  it('an unknown service, naming it with a suggestion', async () => {
    await refused(
      alertmanagerPayload([alert({ labels: { statuskit_service: 'eidd' } })]),
      400,
      'alerts[0].labels.statuskit_service: names no service of this feed: "eidd" (did you mean "eid"',
    );
  });

  it('a service the token’s authority does not own (403)', async () => {
    await refused(
      alertmanagerPayload([alert({ labels: { statuskit_service: 'eid' } })]),
      403,
      'authority "tax" may not change service "eid"',
      TOKENS.tax,
    );
  });

  it('a group that would take the authority over its live-size limit (422), all of it', async () => {
    const small = await startTestFeed({
      now: () => NOW,
      configOverrides: { limits: { maxLiveBytesPerAuthority: 4096 } },
    });
    try {
      const alerts = ['a1', 'a2', 'a3', 'a4'].map((fingerprint) =>
        alert({ fingerprint, annotations: { description: 'z'.repeat(1500) } }),
      );
      const res = await http(`${small.url}/v1/integrations/alertmanager`, {
        method: 'POST',
        token: TOKENS.digst,
        body: alertmanagerPayload(alerts),
      });
      expect(res.status).toBe(422);
      expect(res.json()['error']).toContain('limits.maxLiveBytesPerAuthority');
      expect(small.feed.store.document.incidents).toEqual([]);
    } finally {
      await small.close();
    }
  });

  it('a missing or wrong token (401)', async () => {
    await refused(alertmanagerPayload([alert()]), 401, 'the admin token is not valid', 'nope');
  });

  it.each([
    ['not JSON', '{"alerts": [', 'the body is not valid JSON'],
    ['not an object', [], 'must be a JSON object'],
    ['no alerts', { version: '4' }, 'alerts: must be an array of alerts'],
    ['an old version', alertmanagerPayload([alert()], { version: '3' }), /^version: "3" is not/],
    [
      'a bad status',
      alertmanagerPayload([{ ...alert(), status: 'burning' }]),
      'alerts[0].status: must be "firing" or "resolved"',
    ],
    [
      'a bad fingerprint',
      alertmanagerPayload([{ ...alert(), fingerprint: '../etc' }]),
      'alerts[0].fingerprint: must be the alert fingerprint',
    ],
    [
      'a bad startsAt',
      alertmanagerPayload([{ ...alert(), startsAt: 'yesterday' }]),
      'alerts[0].startsAt: must be an RFC 3339 time',
    ],
    [
      'a label that is not text',
      alertmanagerPayload([{ ...alert(), labels: { statuskit_service: 7 } }]),
      'alerts[0].labels.statuskit_service: must be a string',
    ],
  ])('%s (400)', async (_name, body, message) => {
    await refused(body, 400, message);
  });
});
