import { describe, expect, it } from 'vitest';
import { effectiveStatus } from '../src/effective-status.js';
import { fnv1a32, noticeVersion } from '../src/notice-version.js';
import { DEFAULT_NOTICE_WINDOW_DAYS, noticesFor } from '../src/notices.js';
import type { Notice } from '../src/notices.js';
import type { Incident, Maintenance, Service, StatusDocument } from '../src/types.js';
import { NOW, at, documentOf, incident, maintenance, service } from './derivation-fixtures.js';

const DAY_HOURS = 24;

/** The login → eid chain most tests hang things on. */
function portal(parts: Partial<StatusDocument> = {}, extra: readonly Service[] = []) {
  return documentOf({
    services: [
      service('tax-return', { dependsOn: ['login', { service: 'chat', optional: true }] }),
      service('login', { dependsOn: ['eid'] }),
      service('eid'),
      service('chat'),
      ...extra,
    ],
    ...parts,
  });
}

const summary = (notices: readonly Notice[]) =>
  notices.map((n) => `${n.phase} ${n.key} ${n.status} ${n.chain.join('<')}`);

describe('noticesFor: what a banner shows', () => {
  it('returns [] for a service that is not in the document', () => {
    const document = portal({ incidents: [incident('i', ['eid'])] });
    expect(noticesFor(document, 'nowhere', NOW)).toEqual([]);
    expect(noticesFor(document, 'constructor', NOW)).toEqual([]);
  });

  it('returns [] for an operational service with nothing planned', () => {
    expect(noticesFor(portal(), 'tax-return', NOW)).toEqual([]);
  });

  it('shows an open incident on a dependency, with its chain', () => {
    const eidDown = incident('eid-down', ['eid'], { startedAt: at(-2) });
    const notices = noticesFor(portal({ incidents: [eidDown] }), 'tax-return', NOW);
    expect(notices).toEqual([
      {
        kind: 'incident',
        incident: eidDown,
        key: 'incident:eid-down',
        version: noticeVersion({ kind: 'incident', incident: eidDown }, 'active'),
        phase: 'active',
        status: 'major_outage',
        chain: ['tax-return', 'login', 'eid'],
        optional: false,
        since: eidDown.startedAt,
      },
    ]);
  });

  it('ignores resolved incidents and finished or cancelled maintenance', () => {
    const document = portal({
      incidents: [incident('old', ['eid'], { state: 'resolved', resolvedAt: at(-0.5) })],
      maintenance: [
        maintenance('done', ['login'], { state: 'completed' }),
        maintenance('off', ['login'], { state: 'cancelled', scheduledStart: at(24) }),
      ],
    });
    expect(noticesFor(document, 'tax-return', NOW)).toEqual([]);
  });

  it('gives one notice per incident reached along several paths: worst, then shortest', () => {
    const document = documentOf({
      services: [
        service('app', { dependsOn: [{ service: 'eid', optional: true }, 'login'] }),
        service('login', { dependsOn: ['eid'] }),
        service('eid'),
      ],
      incidents: [incident('both', ['login', 'eid'])],
    });
    const notices = noticesFor(document, 'app', NOW);
    expect(summary(notices)).toEqual(['active incident:both major_outage app<login']);
  });

  it('caps an incident that comes through an optional dependency at degraded', () => {
    const document = portal({ incidents: [incident('chat-down', ['chat'])] });
    const [notice] = noticesFor(document, 'tax-return', NOW);
    expect(notice).toMatchObject({
      status: 'degraded',
      optional: true,
      chain: ['tax-return', 'chat'],
    });
  });

  it('shows maintenance in progress, since the actual start and until the scheduled end', () => {
    const work = maintenance('m', ['login'], {
      state: 'in_progress',
      scheduledStart: at(-2),
      actualStart: at(-1.5),
      scheduledEnd: at(-1),
    });
    const [notice] = noticesFor(portal({ maintenance: [work] }), 'tax-return', NOW);
    expect(notice).toMatchObject({
      kind: 'maintenance',
      key: 'maintenance:m',
      phase: 'in_progress',
      status: 'maintenance',
      chain: ['tax-return', 'login'],
      since: work.actualStart,
      until: work.scheduledEnd,
    });
  });

  it('uses the scheduled start as since when a window started without anyone pressing start', () => {
    const work = maintenance('m', ['eid'], { scheduledStart: at(-1), scheduledEnd: at(1) });
    const [notice] = noticesFor(portal({ maintenance: [work] }), 'login', NOW);
    expect(notice).toMatchObject({ phase: 'in_progress', since: work.scheduledStart });
  });
});

describe('noticesFor: own status', () => {
  it('shows a known non-operational own status of the service or a dependency', () => {
    const document = documentOf({
      services: [
        service('login', {
          dependsOn: ['eid'],
          status: 'degraded',
          statusMessage: { en: 'Slow' },
          statusSince: at(-3),
        }),
        service('eid', { status: 'partial_outage' }),
      ],
    });
    const notices = noticesFor(document, 'login', NOW);
    expect(summary(notices)).toEqual([
      'active status:eid partial_outage login<eid',
      'active status:login degraded login',
    ]);
    expect(notices[0]).toMatchObject({ kind: 'status', service: { id: 'eid' }, since: '' });
    expect(notices[1]).toMatchObject({ kind: 'status', service: { id: 'login' }, since: at(-3) });
  });

  it('leaves out a status that an open incident or running maintenance on that service explains', () => {
    const document = documentOf({
      services: [
        service('login', { dependsOn: ['eid', 'mitid'], status: 'degraded' }),
        service('eid', { status: 'major_outage' }),
        service('mitid', { status: 'maintenance' }),
      ],
      incidents: [incident('eid-down', ['eid'], { impact: 'minor' })],
      maintenance: [maintenance('mitid-work', ['mitid'])],
    });
    expect(summary(noticesFor(document, 'login', NOW))).toEqual([
      'in_progress maintenance:mitid-work maintenance login<mitid',
      'active incident:eid-down degraded login<eid',
      'active status:login degraded login',
    ]);
  });

  it('never makes a notice for unknown', () => {
    const document = documentOf({
      services: [
        service('login', { dependsOn: ['eid'], status: 'unknown' }),
        service('eid', { status: 'unknown' }),
      ],
    });
    expect(noticesFor(document, 'login', NOW)).toEqual([]);
  });
});

describe('noticesFor: upcoming maintenance and the notice window', () => {
  const upcoming = (id: string, services: readonly string[], startHours: number): Maintenance =>
    maintenance(id, services, {
      scheduledStart: at(startHours),
      scheduledEnd: at(startHours + 2),
    });

  it('announces scheduled work on the service or a dependency within 7 days by default', () => {
    expect(DEFAULT_NOTICE_WINDOW_DAYS).toBe(7);
    const document = portal({
      maintenance: [
        upcoming('soon', ['eid'], 1),
        upcoming('edge', ['login'], 7 * DAY_HOURS),
        upcoming('late', ['login'], 7 * DAY_HOURS + 0.01),
        upcoming('optional', ['chat'], 2),
        upcoming('unrelated', ['nowhere'], 1),
      ],
    });
    expect(summary(noticesFor(document, 'tax-return', NOW))).toEqual([
      'upcoming maintenance:soon maintenance tax-return<login<eid',
      'upcoming maintenance:edge maintenance tax-return<login',
      'upcoming maintenance:optional degraded tax-return<chat',
    ]);
  });

  it("uses the service's sla.noticePeriodDays as the window", () => {
    const document = portal({ maintenance: [upcoming('far', ['eid'], 13 * DAY_HOURS)] }, [
      service('pension', {
        dependsOn: ['eid'],
        sla: { availabilityTarget: 99, noticePeriodDays: 14 },
      }),
    ]);
    expect(noticesFor(document, 'pension', NOW).map((n) => n.key)).toEqual(['maintenance:far']);
    expect(noticesFor(document, 'login', NOW)).toEqual([]);
  });

  it('lets options.windowDays override the SLA and the default', () => {
    const document = portal({ maintenance: [upcoming('far', ['eid'], 13 * DAY_HOURS)] }, [
      service('pension', {
        dependsOn: ['eid'],
        sla: { availabilityTarget: 99, noticePeriodDays: 14 },
      }),
    ]);
    expect(noticesFor(document, 'pension', NOW, { windowDays: 1 })).toEqual([]);
    expect(noticesFor(document, 'login', NOW, { windowDays: 30 })).toHaveLength(1);
    // Nonsense windows fall back instead of hiding everything.
    expect(noticesFor(document, 'pension', NOW, { windowDays: Number.NaN })).toHaveLength(1);
    expect(noticesFor(document, 'pension', NOW, { windowDays: -1 })).toHaveLength(1);
  });

  it('prefers a required path to a shorter optional one for the effect it will have', () => {
    const document = documentOf({
      services: [
        service('app', { dependsOn: [{ service: 'eid', optional: true }, 'login'] }),
        service('login', { dependsOn: ['eid'] }),
        service('eid'),
      ],
      maintenance: [upcoming('eid-work', ['eid'], 5)],
    });
    expect(summary(noticesFor(document, 'app', NOW))).toEqual([
      'upcoming maintenance:eid-work maintenance app<login<eid',
    ]);
  });

  it('does not announce windows that have started or ended', () => {
    const document = portal({
      maintenance: [upcoming('running', ['login'], -1), upcoming('past', ['login'], -5)],
    });
    expect(summary(noticesFor(document, 'login', NOW))).toEqual([
      'in_progress maintenance:running maintenance login',
    ]);
  });

  it('ends on a cycle while looking for upcoming work', () => {
    const document = documentOf({
      services: [service('a', { dependsOn: ['b'] }), service('b', { dependsOn: ['a'] })],
      maintenance: [upcoming('w', ['b'], 3)],
    });
    expect(summary(noticesFor(document, 'a', NOW))).toEqual([
      'upcoming maintenance:w maintenance a<b',
    ]);
  });
});

describe('noticesFor: order and reuse', () => {
  it('orders active and in-progress before upcoming, then worst, then earliest, then key', () => {
    const document = portal({
      incidents: [
        incident('minor-early', ['eid'], { impact: 'minor', startedAt: at(-5) }),
        incident('critical-late', ['login'], { impact: 'critical', startedAt: at(-1) }),
        incident('critical-early', ['eid'], { impact: 'critical', startedAt: at(-3) }),
        incident('b-same', ['eid'], { impact: 'major', startedAt: at(-2) }),
        incident('a-same', ['eid'], { impact: 'major', startedAt: at(-2) }),
      ],
      maintenance: [
        maintenance('upcoming', ['eid'], { scheduledStart: at(2), scheduledEnd: at(3) }),
        maintenance('running', ['login'], { scheduledStart: at(-1), scheduledEnd: at(1) }),
      ],
    });
    expect(noticesFor(document, 'tax-return', NOW).map((n) => n.key)).toEqual([
      'incident:critical-early',
      'incident:critical-late',
      'maintenance:running',
      'incident:a-same',
      'incident:b-same',
      'incident:minor-early',
      'maintenance:upcoming',
    ]);
  });

  it('gives the same notices with a precomputed effective status', () => {
    const document = portal({
      incidents: [incident('i', ['eid'])],
      maintenance: [maintenance('m', ['chat'], { scheduledStart: at(30), scheduledEnd: at(31) })],
    });
    const effective = effectiveStatus(document, NOW);
    for (const id of ['tax-return', 'login', 'eid', 'chat']) {
      expect(noticesFor(document, id, NOW, { effective })).toEqual(noticesFor(document, id, NOW));
    }
  });

  it('answers for any time from the same document object', () => {
    // noticesFor keeps a time-independent plan per document; the time still decides the phase.
    const document = portal({
      maintenance: [maintenance('w', ['eid'], { scheduledStart: at(2), scheduledEnd: at(3) })],
    });
    expect(summary(noticesFor(document, 'login', NOW))).toEqual([
      'upcoming maintenance:w maintenance login<eid',
    ]);
    expect(summary(noticesFor(document, 'login', Date.parse(at(2.5))))).toEqual([
      'in_progress maintenance:w maintenance login<eid',
    ]);
    expect(noticesFor(document, 'login', Date.parse(at(3)))).toEqual([]);
    expect(noticesFor(document, 'login', Date.parse(at(-7 * DAY_HOURS)))).toEqual([]);
  });

  it('accepts a Date as well as a number', () => {
    const document = portal({ incidents: [incident('i', ['eid'])] });
    expect(noticesFor(document, 'login', new Date(NOW))).toEqual(
      noticesFor(document, 'login', NOW),
    );
  });
});

describe('notice versions', () => {
  const base = incident('i', ['eid'], { title: { da: 'Nedbrud', en: 'Outage' } });
  const version = (changed: Incident) =>
    noticeVersion({ kind: 'incident', incident: changed }, 'active');

  it('computes FNV-1a 32-bit over UTF-8', () => {
    expect(fnv1a32('')).toBe('811c9dc5');
    expect(fnv1a32('a')).toBe('e40c292c');
    expect(fnv1a32('foobar')).toBe('bf9cf968');
    // "æ" is two UTF-8 bytes, "€" three, "😀" four (a surrogate pair in UTF-16); reference
    // value from Python: hashing bytes of 'æ€😀'.encode('utf-8').
    expect(fnv1a32('æ€😀')).toBe('e36d4951');
    // A lone surrogate (invalid UTF-16) still hashes deterministically, as three bytes.
    expect(fnv1a32('a\ud800b')).toBe('28fb6c6b');
  });

  it('hashes a length-prefixed serialization, so any runtime can recompute it', () => {
    const login = service('login', {
      status: 'degraded',
      statusMessage: { en: 'Slow', da: 'Langsom' },
      statusSince: '2026-05-04T08:00:00+02:00',
    });
    const serialized =
      '6:status' +
      '6:active' +
      '8:degraded' +
      '2{2:da7:Langsom2:en4:Slow}' +
      '25:2026-05-04T08:00:00+02:00';
    expect(noticeVersion({ kind: 'status', service: login }, 'active')).toBe(fnv1a32(serialized));
    const silent = service('login', { status: 'degraded' });
    expect(noticeVersion({ kind: 'status', service: silent }, 'active')).toBe(
      fnv1a32('6:status6:active8:degraded--'),
    );
  });

  it('stays the same for the same content, whatever the key order or unrelated fields', () => {
    expect(version(base)).toBe(version({ ...base }));
    expect(version(base)).toBe(version({ ...base, title: { en: 'Outage', da: 'Nedbrud' } }));
    expect(version(base)).toBe(version({ ...base, services: ['eid', 'login'], keepsWork: true }));
    expect(version(base)).toMatch(/^[0-9a-f]{8}$/);
  });

  it('changes when anything the user sees changes', () => {
    const versions = [
      version(base),
      version({ ...base, state: 'identified' }),
      version({ ...base, impact: 'minor' }),
      version({ ...base, title: { da: 'Nedbrud', en: 'Outage!' } }),
      version({ ...base, title: { da: 'Nedbrud', en: 'Outage', de: 'Ausfall' } }),
      version({ ...base, message: { en: 'Fixed soon' } }),
      version({
        ...base,
        updates: [{ time: at(0), state: 'identified', message: { en: 'Found' } }],
      }),
      version({ ...base, resolvedAt: at(0) }),
    ];
    expect(new Set(versions).size).toBe(versions.length);
  });

  it('changes when maintenance moves, starts or is reworded, and with the phase', () => {
    const work = maintenance('m', ['eid'], { scheduledStart: at(2), scheduledEnd: at(3) });
    const of = (m: Maintenance, phase: Notice['phase'] = 'upcoming') =>
      noticeVersion({ kind: 'maintenance', maintenance: m }, phase);
    const versions = [
      of(work),
      of(work, 'in_progress'),
      of({ ...work, scheduledEnd: at(4) }),
      of({ ...work, state: 'in_progress', actualStart: at(2) }),
      of({ ...work, message: { en: 'Longer' } }),
    ];
    expect(new Set(versions).size).toBe(versions.length);
    expect(of({ ...work, alternatives: [] })).toBe(of(work));
  });

  it('changes a status notice with the status, its message or its time', () => {
    const login = service('login', { status: 'degraded', statusMessage: { en: 'Slow' } });
    const of = (s: Service) => noticeVersion({ kind: 'status', service: s }, 'active');
    const versions = [
      of(login),
      of({ ...login, status: 'partial_outage' }),
      of({ ...login, statusMessage: { en: 'Very slow' } }),
      of({ ...login, statusSince: at(0) }),
    ];
    expect(new Set(versions).size).toBe(versions.length);
    expect(of({ ...login, name: { en: 'Log in' } })).toBe(of(login));
  });

  it('tells an absent field from an empty one', () => {
    expect(version({ ...base, resolvedAt: '' })).not.toBe(version(base));
  });

  it('puts the version on the notice, so a new update voids a dismissal', () => {
    const before = portal({ incidents: [base] });
    const after = portal({
      incidents: [
        { ...base, updates: [{ time: at(0), state: 'identified', message: { en: 'x' } }] },
      ],
    });
    const [first] = noticesFor(before, 'login', NOW);
    const [second] = noticesFor(after, 'login', NOW);
    expect(first?.key).toBe(second?.key);
    expect(first?.version).not.toBe(second?.version);
    expect(noticesFor(before, 'login', NOW)[0]?.version).toBe(first?.version);
  });
});
