import { describe, expect, it } from 'vitest';
import { isIncidentActive, isMaintenanceInProgress, isMaintenanceUpcoming } from '../src/active.js';
import { dependencyEdges, dependencyGraph } from '../src/dependencies.js';
import { effectiveStatus, formatChain } from '../src/effective-status.js';
import type { Alternative, IncidentImpact, Service, Status } from '../src/types.js';
import { NOW, at, documentOf, incident, maintenance, service } from './derivation-fixtures.js';

function statusOf(services: readonly Service[], id: string, extra = {}): Status | undefined {
  return effectiveStatus(documentOf({ services, ...extra }), NOW)[id]?.status;
}

describe('effectiveStatus: own status and incidents', () => {
  it('reports a lone operational service as operational with no causes', () => {
    const result = effectiveStatus(documentOf({ services: [service('login')] }), NOW);
    expect(result).toEqual({ login: { status: 'operational', causes: [], alternatives: [] } });
  });

  it('uses the own status, with a direct cause', () => {
    const result = effectiveStatus(
      documentOf({ services: [service('login', { status: 'partial_outage' })] }),
      NOW,
    );
    expect(result['login']).toEqual({
      status: 'partial_outage',
      causes: [
        {
          kind: 'own',
          status: 'partial_outage',
          originStatus: 'partial_outage',
          chain: ['login'],
          optional: false,
        },
      ],
      alternatives: [],
    });
  });

  it.each<[IncidentImpact, Status]>([
    ['minor', 'degraded'],
    ['major', 'partial_outage'],
    ['critical', 'major_outage'],
  ])('maps an open %s incident to %s', (impact, expected) => {
    const result = effectiveStatus(
      documentOf({
        services: [service('login')],
        incidents: [incident('i1', ['login'], { impact })],
      }),
      NOW,
    );
    expect(result['login']?.status).toBe(expected);
    expect(result['login']?.causes).toEqual([
      {
        kind: 'incident',
        incidentId: 'i1',
        status: expected,
        originStatus: expected,
        chain: ['login'],
        optional: false,
      },
    ]);
  });

  it('counts incidents in every open state and ignores resolved ones', () => {
    for (const state of ['investigating', 'identified', 'monitoring'] as const) {
      expect(
        statusOf([service('login')], 'login', { incidents: [incident('i', ['login'], { state })] }),
      ).toBe('major_outage');
    }
    const resolved = incident('i', ['login'], { state: 'resolved', resolvedAt: at(-0.5) });
    expect(isIncidentActive(resolved)).toBe(false);
    expect(statusOf([service('login')], 'login', { incidents: [resolved] })).toBe('operational');
  });

  it('takes the worst of own status, incidents and maintenance', () => {
    const result = effectiveStatus(
      documentOf({
        services: [service('login', { status: 'degraded' })],
        incidents: [incident('minor', ['login'], { impact: 'minor' })],
        maintenance: [maintenance('m', ['login'])],
      }),
      NOW,
    );
    expect(result['login']?.status).toBe('maintenance');
    expect(result['login']?.causes.map((c) => c.kind)).toEqual(['maintenance', 'incident', 'own']);
  });

  it('ignores incidents and maintenance that list no known service', () => {
    const result = effectiveStatus(
      documentOf({
        services: [service('login')],
        incidents: [incident('i', ['nowhere'])],
        maintenance: [maintenance('m', ['elsewhere'])],
      }),
      NOW,
    );
    expect(Object.keys(result)).toEqual(['login']);
    expect(result['login']?.status).toBe('operational');
  });
});

describe('effectiveStatus: dependencies', () => {
  it('passes an incident on along a chain of required dependencies', () => {
    const result = effectiveStatus(
      documentOf({
        services: [
          service('tax-return', { dependsOn: ['login'] }),
          service('login', { dependsOn: ['eid'] }),
          service('eid'),
        ],
        incidents: [incident('eid-down', ['eid'])],
      }),
      NOW,
    );
    expect(result['tax-return']).toEqual({
      status: 'major_outage',
      causes: [
        {
          kind: 'incident',
          incidentId: 'eid-down',
          chain: ['tax-return', 'login', 'eid'],
          optional: false,
          status: 'major_outage',
          originStatus: 'major_outage',
        },
      ],
      alternatives: [],
    });
    expect(result['login']?.causes[0]?.chain).toEqual(['login', 'eid']);
    expect(formatChain(result['tax-return']?.causes[0]?.chain ?? [])).toBe(
      'tax-return ← login ← eid',
    );
  });

  it('follows a chain 50 levels deep', () => {
    const services = Array.from({ length: 50 }, (_, i) =>
      service(`s${i}`, i < 49 ? { dependsOn: [`s${i + 1}`] } : { status: 'degraded' }),
    );
    const result = effectiveStatus(documentOf({ services }), NOW);
    const top = result['s0'];
    expect(top?.status).toBe('degraded');
    expect(top?.causes).toHaveLength(1);
    expect(top?.causes[0]?.chain).toEqual(services.map((s) => s.id));
  });

  it('walks a chain 100,000 levels deep without recursion', () => {
    // All operational: causes would make the output quadratic (each carries its whole chain).
    const services = Array.from({ length: 100_000 }, (_, i) =>
      service(`s${i}`, i < 99_999 ? { dependsOn: [`s${i + 1}`] } : {}),
    );
    const document = documentOf({ services });
    expect(dependencyGraph(document).order[0]).toBe(99_999);
    expect(effectiveStatus(document, NOW)['s0']?.status).toBe('operational');
  });

  it('reports a cause reached through a diamond once, with the shortest chain', () => {
    const result = effectiveStatus(
      documentOf({
        services: [
          service('top', { dependsOn: ['long', 'short'] }),
          service('long', { dependsOn: ['middle'] }),
          service('middle', { dependsOn: ['bottom'] }),
          service('short', { dependsOn: ['bottom'] }),
          service('bottom'),
        ],
        incidents: [incident('i', ['bottom'])],
      }),
      NOW,
    );
    expect(result['top']?.causes).toEqual([
      {
        kind: 'incident',
        incidentId: 'i',
        status: 'major_outage',
        originStatus: 'major_outage',
        chain: ['top', 'short', 'bottom'],
        optional: false,
      },
    ]);
  });

  it('prefers the path that passes on the worse status over a shorter capped one', () => {
    const result = effectiveStatus(
      documentOf({
        services: [
          service('top', { dependsOn: [{ service: 'bottom', optional: true }, 'middle'] }),
          service('middle', { dependsOn: ['bottom'] }),
          service('bottom', { status: 'major_outage' }),
        ],
      }),
      NOW,
    );
    expect(result['top']?.status).toBe('major_outage');
    expect(result['top']?.causes).toEqual([
      {
        kind: 'own',
        status: 'major_outage',
        originStatus: 'major_outage',
        chain: ['top', 'middle', 'bottom'],
        optional: false,
      },
    ]);
  });

  it('takes the shortest path through an optional edge, even when below it a longer one is worse', () => {
    // At `hub` the long required path wins (major outage); above the optional edge both paths
    // pass on `degraded`, so `app` must get the short one.
    const result = effectiveStatus(
      documentOf({
        services: [
          service('app', { dependsOn: [{ service: 'hub', optional: true }] }),
          service('hub', { dependsOn: ['a', { service: 'eid', optional: true }] }),
          service('a', { dependsOn: ['b'] }),
          service('b', { dependsOn: ['eid'] }),
          service('eid', { status: 'major_outage' }),
        ],
      }),
      NOW,
    );
    expect(result['hub']?.causes[0]?.chain).toEqual(['hub', 'a', 'b', 'eid']);
    expect(result['app']?.causes).toEqual([
      {
        kind: 'own',
        status: 'degraded',
        originStatus: 'major_outage',
        chain: ['app', 'hub', 'eid'],
        optional: true,
      },
    ]);
  });

  it('keeps one cause per origin service when an incident lists several services', () => {
    const result = effectiveStatus(
      documentOf({
        services: [service('login', { dependsOn: ['eid'] }), service('eid')],
        incidents: [incident('i', ['login', 'eid'])],
      }),
      NOW,
    );
    expect(result['login']?.causes.map((c) => c.chain)).toEqual([['login'], ['login', 'eid']]);
  });

  it('caps what an optional dependency passes on at degraded', () => {
    const result = effectiveStatus(
      documentOf({
        services: [
          service('portal', { dependsOn: ['chat'] }),
          service('chat', { dependsOn: [{ service: 'eid', optional: true }] }),
          service('eid'),
        ],
        incidents: [incident('eid-down', ['eid'], { impact: 'critical' })],
      }),
      NOW,
    );
    expect(result['chat']?.status).toBe('degraded');
    expect(result['chat']?.causes[0]).toMatchObject({
      status: 'degraded',
      originStatus: 'major_outage',
      optional: true,
    });
    // A required edge above the optional one keeps the cap and the optional flag.
    expect(result['portal']?.status).toBe('degraded');
    expect(result['portal']?.causes[0]).toMatchObject({
      chain: ['portal', 'chat', 'eid'],
      status: 'degraded',
      originStatus: 'major_outage',
      optional: true,
    });
  });

  it('counts an id listed as both required and optional as required', () => {
    const login = service('login', { dependsOn: [{ service: 'eid', optional: true }, 'eid'] });
    expect(dependencyEdges(login)).toEqual([{ service: 'eid', optional: false }]);
    expect(statusOf([login, service('eid', { status: 'major_outage' })], 'login')).toBe(
      'major_outage',
    );
  });

  it('makes an operational service unknown when a dependency is unknown, required or optional', () => {
    const services = [
      service('required', { dependsOn: ['eid'] }),
      service('optional', { dependsOn: [{ service: 'eid', optional: true }] }),
      service('worse', { status: 'partial_outage', dependsOn: ['eid'] }),
      service('eid', { status: 'unknown' }),
    ];
    const result = effectiveStatus(documentOf({ services }), NOW);
    expect(result['eid']?.status).toBe('unknown');
    expect(result['required']?.status).toBe('unknown');
    expect(result['optional']?.status).toBe('unknown');
    expect(result['optional']?.causes[0]).toMatchObject({ kind: 'own', optional: true });
    expect(result['worse']?.status).toBe('partial_outage');
  });

  it('ignores dependencies on ids of no service', () => {
    expect(statusOf([service('login', { dependsOn: ['ghost'] })], 'login')).toBe('operational');
  });

  it('uses the first of two services with the same id', () => {
    const result = effectiveStatus(
      documentOf({
        services: [
          service('login', { status: 'degraded' }),
          service('login', { status: 'unknown' }),
        ],
      }),
      NOW,
    );
    expect(result['login']?.status).toBe('degraded');
  });

  it('handles ids that are also names of Object.prototype members', () => {
    const result = effectiveStatus(
      documentOf({
        services: [
          service('constructor', { dependsOn: ['to-string'] }),
          service('to-string', { status: 'degraded' }),
        ],
      }),
      NOW,
    );
    expect(result['constructor']?.status).toBe('degraded');
    expect(Object.getPrototypeOf(result)).toBe(Object.prototype);
  });

  it('keeps a service called __proto__ as a property, not as the prototype', () => {
    const result = effectiveStatus(
      documentOf({ services: [service('__proto__', { status: 'degraded' })] }),
      NOW,
    );
    expect(Object.getPrototypeOf(result)).toBe(Object.prototype);
    expect(Object.hasOwn(result, '__proto__')).toBe(true);
    expect(Object.keys(result)).toEqual(['__proto__']);
    expect(JSON.parse(JSON.stringify(result))).toEqual(
      JSON.parse(
        '{"__proto__":{"status":"degraded","causes":[{"kind":"own","status":"degraded","originStatus":"degraded","chain":["__proto__"],"optional":false}],"alternatives":[]}}',
      ),
    );
  });

  it('sorts causes worst first, then by chain length, then by a stable key', () => {
    const result = effectiveStatus(
      documentOf({
        services: [
          service('app', { status: 'degraded', dependsOn: ['a', 'b'] }),
          service('a', { status: 'major_outage' }),
          service('b'),
        ],
        incidents: [incident('y', ['app'], { impact: 'minor' }), incident('x', ['b'])],
      }),
      NOW,
    );
    expect(
      result['app']?.causes.map((c) => `${c.kind}:${c.status}:${formatChain(c.chain)}`),
    ).toEqual([
      'incident:major_outage:app ← b',
      'own:major_outage:app ← a',
      'incident:degraded:app',
      'own:degraded:app',
    ]);
  });
});

describe('effectiveStatus: cycles', () => {
  it('ends on a cycle, treating the edge that closes it as absent', () => {
    const result = effectiveStatus(
      documentOf({
        services: [
          service('a', { dependsOn: ['b'] }),
          service('b', { dependsOn: ['c'] }),
          service('c', { dependsOn: ['a'], status: 'degraded' }),
        ],
      }),
      NOW,
    );
    // Search starts at `a`, so c → a is the edge dropped.
    expect(result['a']?.causes[0]?.chain).toEqual(['a', 'b', 'c']);
    expect(result['c']?.causes.map((c) => c.chain)).toEqual([['c']]);
    expect(
      dependencyGraph(documentOf({ services: [service('x', { dependsOn: ['x'] })] })).edges,
    ).toEqual([[]]);
  });

  it('ends on a self-dependency', () => {
    expect(statusOf([service('a', { dependsOn: ['a'], status: 'unknown' })], 'a')).toBe('unknown');
  });

  it('orders dependencies before dependents', () => {
    const graph = dependencyGraph(
      documentOf({
        services: [
          service('top', { dependsOn: ['mid', 'low'] }),
          service('low'),
          service('mid', { dependsOn: ['low'] }),
        ],
      }),
    );
    const names = graph.order.map((position) => graph.services[position]?.id);
    expect(names).toEqual(['low', 'mid', 'top']);
  });
});

describe('effectiveStatus: maintenance windows', () => {
  const windowAt = (now: string, fields: Parameters<typeof maintenance>[2]): boolean => {
    const work = maintenance('m', ['login'], fields);
    const document = documentOf({ services: [service('login')], maintenance: [work] });
    const inProgress = effectiveStatus(document, new Date(now))['login']?.status === 'maintenance';
    expect(isMaintenanceInProgress(work, Date.parse(now))).toBe(inProgress);
    return inProgress;
  };
  const window = { scheduledStart: '2026-05-04T08:00:00Z', scheduledEnd: '2026-05-04T10:00:00Z' };

  it('includes the start instant and excludes the end instant', () => {
    expect(windowAt('2026-05-04T07:59:59.999Z', window)).toBe(false);
    expect(windowAt('2026-05-04T08:00:00Z', window)).toBe(true);
    expect(windowAt('2026-05-04T09:59:59.999Z', window)).toBe(true);
    expect(windowAt('2026-05-04T10:00:00Z', window)).toBe(false);
  });

  it('counts a scheduled window nobody started, and an in-progress one past its end', () => {
    expect(windowAt('2026-05-04T09:00:00Z', { ...window, state: 'scheduled' })).toBe(true);
    const overrun = {
      ...window,
      state: 'in_progress' as const,
      actualStart: window.scheduledStart,
    };
    expect(windowAt('2026-05-04T13:00:00Z', overrun)).toBe(true);
    expect(windowAt('2026-05-04T07:00:00Z', { ...window, state: 'in_progress' })).toBe(true);
  });

  it('never counts completed or cancelled maintenance, even inside the window', () => {
    expect(windowAt('2026-05-04T09:00:00Z', { ...window, state: 'completed' })).toBe(false);
    expect(windowAt('2026-05-04T09:00:00Z', { ...window, state: 'cancelled' })).toBe(false);
  });

  it('does not count a window with unparsable times', () => {
    expect(windowAt('2026-05-04T09:00:00Z', { ...window, scheduledStart: 'soon' })).toBe(false);
  });

  it('spans the repeated hour when Copenhagen falls back (25 October 2026)', () => {
    // 01:00 summer time to 04:00 winter time: four real hours, 02:00–03:00 happens twice.
    const night = {
      scheduledStart: '2026-10-25T01:00:00+02:00',
      scheduledEnd: '2026-10-25T04:00:00+01:00',
    };
    expect(windowAt('2026-10-25T00:59:59+02:00', night)).toBe(false);
    expect(windowAt('2026-10-25T02:30:00+02:00', night)).toBe(true);
    expect(windowAt('2026-10-25T02:30:00+01:00', night)).toBe(true);
    expect(windowAt('2026-10-25T03:59:59+01:00', night)).toBe(true);
    expect(windowAt('2026-10-25T04:00:00+01:00', night)).toBe(false);
  });

  it('compares instants, not strings, across offsets', () => {
    // As strings the end sorts before the start; as instants the window is 45 minutes long.
    const night = {
      scheduledStart: '2026-10-25T02:30:00+02:00',
      scheduledEnd: '2026-10-25T02:15:00+01:00',
    };
    expect(windowAt('2026-10-25T02:45:00+02:00', night)).toBe(true);
    expect(windowAt('2026-10-25T02:10:00+01:00', night)).toBe(true);
    expect(windowAt('2026-10-25T02:15:00+01:00', night)).toBe(false);
  });

  it('spans the missing hour when Copenhagen springs forward (29 March 2026)', () => {
    // 01:00 winter time to 04:00 summer time: two real hours, 02:00–03:00 never happens.
    const night = {
      scheduledStart: '2026-03-29T01:00:00+01:00',
      scheduledEnd: '2026-03-29T04:00:00+02:00',
    };
    expect(windowAt('2026-03-29T00:59:59+01:00', night)).toBe(false);
    expect(windowAt('2026-03-29T01:59:59+01:00', night)).toBe(true);
    expect(windowAt('2026-03-29T03:30:00+02:00', night)).toBe(true);
    expect(windowAt('2026-03-29T02:00:00Z', night)).toBe(false);
    expect(windowAt('2026-03-29T04:00:00+02:00', night)).toBe(false);
  });

  it('tells upcoming windows by start and notice window', () => {
    const m = maintenance('m', ['login'], { scheduledStart: at(24), scheduledEnd: at(26) });
    expect(isMaintenanceUpcoming(m, NOW, 24 * 3_600_000)).toBe(true);
    expect(isMaintenanceUpcoming(m, NOW, 24 * 3_600_000 - 1)).toBe(false);
    expect(isMaintenanceUpcoming(m, Date.parse(at(24)), 1e12)).toBe(false);
    expect(isMaintenanceUpcoming({ ...m, state: 'cancelled' }, NOW, 1e12)).toBe(false);
  });
});

describe('effectiveStatus: alternatives', () => {
  const phone: Alternative = {
    kind: 'phone',
    label: { da: 'Ring', en: 'Call' },
    href: 'tel:+4570000000',
  };
  const phoneAgain: Alternative = {
    kind: 'phone',
    label: { en: 'Call', da: 'Ring' },
    href: 'tel:+4570000000',
  };
  const otherPhone: Alternative = {
    kind: 'phone',
    label: { en: 'Call eID support' },
    href: 'tel:+4580000000',
  };
  const paper: Alternative = { kind: 'paper', label: { en: 'Paper form' } };
  const deadline: Alternative = { kind: 'deadline', label: { en: 'Deadline extended' } };
  const web: Alternative = { kind: 'web', label: { en: 'Old site' }, href: 'https://old.example' };

  it('merges own, incident and maintenance alternatives, without duplicates, in kind order', () => {
    const result = effectiveStatus(
      documentOf({
        services: [
          service('tax-return', { dependsOn: ['login'], alternatives: [deadline, phone] }),
          service('login', { dependsOn: ['eid'] }),
          service('eid'),
        ],
        incidents: [incident('eid-down', ['eid'], { alternatives: [web, phoneAgain, otherPhone] })],
        maintenance: [maintenance('login-work', ['login'], { alternatives: [paper, phone] })],
      }),
      NOW,
    );
    expect(result['tax-return']?.alternatives).toEqual([phone, otherPhone, paper, web, deadline]);
    // The incident (worse) comes first among the causes, so its copy of the phone number wins.
    expect(result['login']?.alternatives).toEqual([phoneAgain, otherPhone, paper, web]);
    expect(result['eid']?.alternatives).toEqual([phoneAgain, otherPhone, web]);
  });

  it('keeps the own alternatives of an operational service, and drops those of resolved incidents', () => {
    const result = effectiveStatus(
      documentOf({
        services: [service('login', { alternatives: [paper] })],
        incidents: [incident('old', ['login'], { state: 'resolved', alternatives: [web] })],
      }),
      NOW,
    );
    expect(result['login']).toEqual({ status: 'operational', causes: [], alternatives: [paper] });
  });
});
