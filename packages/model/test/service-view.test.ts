import { describe, expect, it } from 'vitest';
import { effectiveStatus } from '../src/effective-status.js';
import { noticesFor } from '../src/notices.js';
import type { Service, StatusDocument } from '../src/types.js';
import { deriveServiceView } from '../src/view/derive-service-view.js';
import { NOW, at, documentOf, incident, maintenance, service } from './derivation-fixtures.js';

/** tax-return ← login ← eid, and an optional chat; names in Danish and English. */
function portal(parts: Partial<StatusDocument> = {}, extra: readonly Service[] = []) {
  const named = (id: string, da: string, en: string, fields: Partial<Service> = {}) =>
    service(id, { name: { da, en }, ...fields });
  return documentOf({
    services: [
      named('tax-return', 'Selvangivelse', 'Tax return', {
        dependsOn: ['login', { service: 'chat', optional: true }],
        alternatives: [
          {
            kind: 'web',
            label: { da: 'Brug borger.dk', en: 'Use borger.dk' },
            href: 'https://borger.dk',
          },
          { kind: 'phone', label: { da: 'Ring til os' }, href: 'tel:+4572222828' },
        ],
        url: 'https://skat.example/news',
      }),
      named('login', 'Log ind', 'Login', { dependsOn: ['eid'] }),
      named('eid', 'MitID', 'MitID', { timeZone: 'Europe/Oslo' }),
      named('chat', 'Chat', 'Chat'),
      ...extra,
    ],
    ...parts,
  });
}

describe('deriveServiceView: one service, derived', () => {
  it('is undefined for a service the document does not have', () => {
    expect(deriveServiceView(portal(), 'nowhere', NOW, 'da')).toBeUndefined();
    expect(deriveServiceView(portal(), 'constructor', NOW, 'da')).toBeUndefined();
  });

  it('says an operational service with nothing planned is operational, with its dependencies', () => {
    const view = deriveServiceView(portal(), 'tax-return', NOW, 'en');
    expect(view).toEqual({
      format: 1,
      service: 'tax-return',
      lang: 'en',
      name: { text: 'Tax return' },
      url: 'https://skat.example/news',
      timeZone: 'Europe/Copenhagen',
      status: 'operational',
      ownStatus: 'operational',
      notices: [],
      alternatives: [
        { kind: 'phone', label: { text: 'Ring til os', lang: 'da' }, href: 'tel:+4572222828' },
        { kind: 'web', label: { text: 'Use borger.dk' }, href: 'https://borger.dk' },
      ],
      dependencies: [
        { id: 'login', name: { text: 'Login' }, status: 'operational', optional: false, via: [] },
        { id: 'chat', name: { text: 'Chat' }, status: 'operational', optional: true, via: [] },
        {
          id: 'eid',
          name: { text: 'MitID' },
          status: 'operational',
          optional: false,
          via: [{ id: 'login', name: { text: 'Login' } }],
        },
      ],
    });
  });

  it('carries an incident on a dependency with its chain, origin status and texts in the language', () => {
    const eidDown = incident('eid-down', ['eid'], {
      title: { da: 'MitID er nede', en: 'MitID is down' },
      message: { da: 'Vi undersøger det.' },
      updates: [{ time: at(-0.5), state: 'identified', message: { en: 'Found it.' } }],
      keepsWork: true,
      startedAt: at(-2),
    });
    const document = portal({ incidents: [eidDown] });
    const view = deriveServiceView(document, 'tax-return', NOW, 'da');
    const [notice] = noticesFor(document, 'tax-return', NOW);
    expect(view?.status).toBe('major_outage');
    expect(view?.notices).toEqual([
      {
        key: 'incident:eid-down',
        version: notice?.version,
        kind: 'incident',
        id: 'eid-down',
        phase: 'active',
        status: 'major_outage',
        originStatus: 'major_outage',
        chain: [
          { id: 'tax-return', name: { text: 'Selvangivelse' } },
          { id: 'login', name: { text: 'Log ind' } },
          { id: 'eid', name: { text: 'MitID' } },
        ],
        optional: false,
        since: at(-2),
        timeZone: 'Europe/Oslo',
        title: { text: 'MitID er nede' },
        // The latest update, in the only language it has: marked as such.
        message: { text: 'Found it.', lang: 'en' },
        keepsWork: true,
      },
    ]);
    // Worst first: eid and login are down; chat is not.
    expect(view?.dependencies.map(({ id, status }) => `${id} ${status}`)).toEqual([
      'login major_outage',
      'eid major_outage',
      'chat operational',
    ]);
    expect(view?.dependencies[1]?.since).toBe(at(-2));
  });

  it('falls back to the document default for texts missing in the language', () => {
    const view = deriveServiceView(portal(), 'login', NOW, 'sv');
    expect(view?.lang).toBe('sv');
    expect(view?.name).toEqual({ text: 'Log ind', lang: 'da' });
  });

  it('names a status notice by its service and gives its status message', () => {
    const document = portal({}, [
      service('post', {
        name: { en: 'Post' },
        status: 'partial_outage',
        statusMessage: { en: 'Slow.' },
        statusSince: at(-3),
      }),
    ]);
    const withPost: StatusDocument = {
      ...document,
      services: document.services.map((s) => (s.id === 'chat' ? { ...s, dependsOn: ['post'] } : s)),
    };
    const view = deriveServiceView(withPost, 'tax-return', NOW, 'en');
    expect(view?.status).toBe('degraded');
    expect(view?.notices).toMatchObject([
      {
        key: 'status:post',
        kind: 'status',
        id: 'post',
        status: 'degraded',
        originStatus: 'partial_outage',
        optional: true,
        title: { text: 'Post' },
        message: { text: 'Slow.' },
        since: at(-3),
      },
    ]);
    const post = view?.dependencies.find(({ id }) => id === 'post');
    expect(post).toMatchObject({
      status: 'partial_outage',
      optional: true,
      via: [{ id: 'chat' }],
      statusMessage: { text: 'Slow.' },
    });
  });

  it('announces upcoming maintenance with its start, and says when time changes the view', () => {
    const window = maintenance('upgrade', ['eid'], {
      title: { da: 'Opgradering' },
      scheduledStart: at(24),
      scheduledEnd: at(28),
    });
    const document = portal({ maintenance: [window] });
    const view = deriveServiceView(document, 'tax-return', NOW, 'da');
    expect(view?.notices).toMatchObject([
      {
        key: 'maintenance:upgrade',
        phase: 'upcoming',
        status: 'maintenance',
        originStatus: 'maintenance',
        startsAt: at(24),
        until: at(28),
        title: { text: 'Opgradering' },
      },
    ]);
    expect(view?.nextChangeAt).toBe(at(24));
    // While it runs: until its end.
    const during = deriveServiceView(document, 'tax-return', Date.parse(at(25)), 'da');
    expect(during?.status).toBe('maintenance');
    expect(during?.notices[0]).toMatchObject({ phase: 'in_progress', until: at(28) });
    expect(during?.notices[0]?.startsAt).toBeUndefined();
    expect(during?.nextChangeAt).toBe(at(28));
    expect(during?.dependencies.find(({ id }) => id === 'eid')?.until).toBe(at(28));
  });

  it('ignores windows outside the closure when saying when time changes the view', () => {
    const document = portal(
      {
        maintenance: [
          maintenance('elsewhere', ['unrelated'], { scheduledStart: at(2), scheduledEnd: at(3) }),
        ],
      },
      [service('unrelated')],
    );
    expect(deriveServiceView(document, 'tax-return', NOW, 'en')?.nextChangeAt).toBeUndefined();
    expect(deriveServiceView(document, 'unrelated', NOW, 'en')?.nextChangeAt).toBe(at(2));
  });

  it('agrees with effectiveStatus for every service, deriving them from one document', () => {
    const document = portal({
      incidents: [incident('chat-slow', ['chat'], { impact: 'minor' })],
      maintenance: [maintenance('login-now', ['login'])],
    });
    const effective = effectiveStatus(document, NOW);
    for (const { id } of document.services) {
      expect(deriveServiceView(document, id, NOW, 'en')?.status).toBe(effective[id]?.status);
    }
  });
});
