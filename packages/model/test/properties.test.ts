// Property-based tests of derivation over random documents (fast-check).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isIncidentActive, isMaintenanceInProgress } from '../src/active.js';
import { dependencyEdges } from '../src/dependencies.js';
import { effectiveStatus } from '../src/effective-status.js';
import { narrowDocument } from '../src/narrow.js';
import { noticesFor } from '../src/notices.js';
import { capOptional, impactStatus, severity, worse } from '../src/status.js';
import { INCIDENT_IMPACTS, INCIDENT_STATES, MAINTENANCE_STATES, STATUSES } from '../src/types.js';
import type { DependencyRef, Service, Status, StatusDocument } from '../src/types.js';
import { NOW, at, documentOf, incident, maintenance, service } from './derivation-fixtures.js';

const RUNS = { numRuns: 300 };

const edgeArb = fc.record({ target: fc.nat(), optional: fc.boolean(), plain: fc.boolean() });

const shapeArb = fc.record({
  services: fc.array(
    fc.record({ status: fc.constantFrom(...STATUSES), edges: fc.array(edgeArb, { maxLength: 4 }) }),
    { minLength: 1, maxLength: 12 },
  ),
  incidents: fc.array(
    fc.record({
      // Ids past the last service stand for services the document does not have.
      services: fc.array(fc.nat({ max: 13 }), { maxLength: 3 }),
      impact: fc.constantFrom(...INCIDENT_IMPACTS),
      state: fc.constantFrom(...INCIDENT_STATES),
    }),
    { maxLength: 4 },
  ),
  maintenance: fc.array(
    fc.record({
      services: fc.array(fc.nat({ max: 13 }), { maxLength: 3 }),
      state: fc.constantFrom(...MAINTENANCE_STATES),
      startHours: fc.integer({ min: -48, max: 24 * 10 }),
      hours: fc.integer({ min: 0, max: 12 }),
    }),
    { maxLength: 3 },
  ),
  /** Extra edges in any direction, for the cyclic variant. */
  back: fc.array(fc.record({ from: fc.nat(), to: fc.nat(), optional: fc.boolean() }), {
    minLength: 1,
    maxLength: 4,
  }),
});
type Shape = typeof shapeArb extends fc.Arbitrary<infer T> ? T : never;

function ref(id: string, optional: boolean, plain: boolean): DependencyRef {
  if (!optional) return plain ? id : { service: id };
  return { service: id, optional: true };
}

/** Service `i` depends only on services before it, so the document has no cycle. */
function toDocument(shape: Shape, withCycles = false): StatusDocument {
  const n = shape.services.length;
  const id = (index: number): string => `s${index}`;
  const services: Service[] = shape.services.map((s, i) => {
    const dependsOn: DependencyRef[] =
      i === 0 ? [] : s.edges.map((edge) => ref(id(edge.target % i), edge.optional, edge.plain));
    if (withCycles) {
      for (const extra of shape.back) {
        if (extra.from % n === i) dependsOn.push(ref(id(extra.to % n), extra.optional, false));
      }
    }
    return service(id(i), { status: s.status, dependsOn });
  });
  return documentOf({
    services,
    incidents: shape.incidents.map((x, k) => incident(`i${k}`, x.services.map(id), x)),
    maintenance: shape.maintenance.map((x, k) =>
      maintenance(`m${k}`, x.services.map(id), {
        state: x.state,
        scheduledStart: at(x.startHours),
        scheduledEnd: at(x.startHours + x.hours),
      }),
    ),
  });
}

const acyclicArb = shapeArb.map((shape) => toDocument(shape));
const cyclicArb = shapeArb.map((shape) => toDocument(shape, true));

const isKnownProblem = (status: Status | undefined): boolean =>
  status !== undefined && status !== 'operational' && status !== 'unknown';

/** The definition, written as directly as possible: recursion over an acyclic document. */
function referenceStatuses(document: StatusDocument, now: number): Map<string, Status> {
  const byId = new Map(document.services.map((s) => [s.id, s]));
  const memo = new Map<string, Status>();
  const of = (s: Service): Status => {
    const known = memo.get(s.id);
    if (known !== undefined) return known;
    let status = s.status;
    for (const i of document.incidents) {
      if (i.state !== 'resolved' && i.services.includes(s.id)) {
        status = worse(status, impactStatus(i.impact));
      }
    }
    for (const m of document.maintenance) {
      const running =
        m.state === 'in_progress' ||
        (m.state === 'scheduled' &&
          Date.parse(m.scheduledStart) <= now &&
          now < Date.parse(m.scheduledEnd));
      if (running && m.services.includes(s.id)) status = worse(status, 'maintenance');
    }
    for (const dep of s.dependsOn ?? []) {
      const target = byId.get(typeof dep === 'string' ? dep : dep.service);
      if (target === undefined) continue;
      const passed = of(target);
      const optional = typeof dep !== 'string' && dep.optional === true;
      status = worse(status, optional ? capOptional(passed) : passed);
    }
    memo.set(s.id, status);
    return status;
  };
  return new Map(document.services.map((s) => [s.id, of(s)]));
}

describe('effectiveStatus properties', () => {
  it('agrees with a direct recursive reading of the definition', () => {
    fc.assert(
      fc.property(acyclicArb, (document) => {
        const result = effectiveStatus(document, NOW);
        const reference = referenceStatuses(document, NOW);
        for (const [id, status] of reference) expect(result[id]?.status).toBe(status);
      }),
      RUNS,
    );
  });

  it('is never better than a required dependency', () => {
    fc.assert(
      fc.property(acyclicArb, (document) => {
        const result = effectiveStatus(document, NOW);
        for (const s of document.services) {
          for (const edge of dependencyEdges(s)) {
            const own = result[s.id]?.status ?? 'operational';
            const dep = result[edge.service]?.status ?? 'operational';
            if (!edge.optional) expect(severity(own)).toBeGreaterThanOrEqual(severity(dep));
          }
        }
      }),
      RUNS,
    );
  });

  it('is at least degraded while an optional dependency has a known problem, and at least unknown while one is unknown', () => {
    fc.assert(
      fc.property(acyclicArb, (document) => {
        const result = effectiveStatus(document, NOW);
        for (const s of document.services) {
          const own = severity(result[s.id]?.status ?? 'operational');
          for (const edge of dependencyEdges(s)) {
            const dep = result[edge.service]?.status;
            if (!edge.optional) continue;
            if (isKnownProblem(dep)) expect(own).toBeGreaterThanOrEqual(severity('degraded'));
            // An unknown optional dependency passes `unknown` on (capOptional leaves it be).
            if (dep === 'unknown') expect(own).toBeGreaterThanOrEqual(severity('unknown'));
          }
        }
      }),
      RUNS,
    );
  });

  it('gives causes that start at the service, follow real edges and end at a real origin', () => {
    fc.assert(
      fc.property(acyclicArb, (document) => {
        const result = effectiveStatus(document, NOW);
        const byId = new Map(document.services.map((s) => [s.id, s]));
        for (const s of document.services) {
          const entry = result[s.id];
          const keys = new Set<string>();
          let worst: Status = 'operational';
          for (const cause of entry?.causes ?? []) {
            expect(cause.chain[0]).toBe(s.id);
            let optional = false;
            for (let k = 1; k < cause.chain.length; k += 1) {
              const from = byId.get(cause.chain[k - 1] ?? '');
              const edge = from && dependencyEdges(from).find((e) => e.service === cause.chain[k]);
              expect(edge).toBeDefined();
              optional ||= edge?.optional ?? false;
            }
            expect(cause.optional).toBe(optional);
            expect(cause.status).toBe(
              optional ? capOptional(cause.originStatus) : cause.originStatus,
            );
            expect(cause.status).not.toBe('operational');

            const originId = cause.chain.at(-1) ?? '';
            const origin = byId.get(originId);
            if (cause.kind === 'own') expect(origin?.status).toBe(cause.originStatus);
            if (cause.kind === 'incident') {
              const found = document.incidents.find((i) => i.id === cause.incidentId);
              expect(found && isIncidentActive(found) && found.services.includes(originId)).toBe(
                true,
              );
              expect(found && impactStatus(found.impact)).toBe(cause.originStatus);
            }
            if (cause.kind === 'maintenance') {
              const found = document.maintenance.find((m) => m.id === cause.maintenanceId);
              expect(found && isMaintenanceInProgress(found, NOW)).toBe(true);
              expect(found?.services).toContain(originId);
            }

            const id =
              cause.kind === 'incident'
                ? cause.incidentId
                : cause.kind === 'maintenance'
                  ? cause.maintenanceId
                  : '';
            const key = `${cause.kind} ${id} ${originId}`;
            expect(keys.has(key)).toBe(false);
            keys.add(key);
            worst = worse(worst, cause.status);
          }
          expect(entry?.status).toBe(worst);
        }
      }),
      RUNS,
    );
  });

  it('reaches each origin along the path passing on the worst status, then the shortest', () => {
    fc.assert(
      fc.property(acyclicArb, (document) => {
        const result = effectiveStatus(document, NOW);
        const byId = new Map(document.services.map((s) => [s.id, s]));
        /** Shortest chain lengths from `start` to every service: any path, required-only path. */
        const distances = (start: string) => {
          const any = new Map([[start, 1]]);
          const required = new Map([[start, 1]]);
          const queue: [string, boolean][] = [[start, false]];
          for (const [id, optional] of queue) {
            const length = (optional ? any : required).get(id) ?? 0;
            for (const edge of dependencyEdges(byId.get(id) ?? service(id))) {
              if (!byId.has(edge.service)) continue;
              const viaOptional = optional || edge.optional;
              if (!any.has(edge.service)) any.set(edge.service, length + 1);
              if (!viaOptional && !required.has(edge.service)) {
                required.set(edge.service, length + 1);
                queue.push([edge.service, false]);
              } else if (viaOptional && !queue.some(([q, o]) => q === edge.service && o)) {
                queue.push([edge.service, true]);
              }
            }
          }
          return { any, required };
        };
        for (const s of document.services) {
          const { any, required } = distances(s.id);
          for (const cause of result[s.id]?.causes ?? []) {
            const origin = cause.chain.at(-1) ?? '';
            const capped = capOptional(cause.originStatus) !== cause.originStatus;
            const expected = capped ? (required.get(origin) ?? any.get(origin)) : any.get(origin);
            expect(cause.chain.length).toBe(expected);
            expect(cause.optional).toBe(capped ? !required.has(origin) : cause.optional);
          }
        }
      }),
      RUNS,
    );
  });

  it('derives the same for a service from a document narrowed to its dependencies', () => {
    fc.assert(
      fc.property(acyclicArb, fc.nat(), (document, pick) => {
        const chosen = document.services[pick % document.services.length]?.id ?? '';
        const narrowed = narrowDocument(document, [chosen]);
        expect(effectiveStatus(narrowed, NOW)[chosen]).toEqual(
          effectiveStatus(document, NOW)[chosen],
        );
      }),
      RUNS,
    );
  });

  it('never throws or loops when cycles are injected, and chains stay simple paths', () => {
    fc.assert(
      fc.property(cyclicArb, (document) => {
        const result = effectiveStatus(document, NOW);
        const byId = new Map(document.services.map((s) => [s.id, s]));
        for (const s of document.services) {
          for (const cause of result[s.id]?.causes ?? []) {
            expect(cause.chain[0]).toBe(s.id);
            expect(new Set(cause.chain).size).toBe(cause.chain.length);
            for (let k = 1; k < cause.chain.length; k += 1) {
              const from = byId.get(cause.chain[k - 1] ?? '');
              expect(from && dependencyEdges(from).some((e) => e.service === cause.chain[k])).toBe(
                true,
              );
            }
          }
        }
      }),
      RUNS,
    );
  });
});

describe('noticesFor properties', () => {
  it('never throws, gives unique keys in order, with chains starting at the service', () => {
    fc.assert(
      fc.property(
        fc.oneof(acyclicArb, cyclicArb),
        fc.option(fc.integer({ min: -1, max: 30 })),
        (document, windowDays) => {
          const effective = effectiveStatus(document, NOW);
          const options = windowDays === null ? {} : { windowDays };
          for (const s of [...document.services, service('missing')]) {
            const notices = noticesFor(document, s.id, NOW, options);
            expect(noticesFor(document, s.id, NOW, { ...options, effective })).toEqual(notices);
            expect(new Set(notices.map((n) => n.key)).size).toBe(notices.length);
            let seenUpcoming = false;
            for (const notice of notices) {
              expect(notice.chain[0]).toBe(s.id);
              expect(notice.status).not.toBe('unknown');
              for (let k = 1; k < notice.chain.length; k += 1) {
                const from = document.services.find((x) => x.id === notice.chain[k - 1]);
                const edges = from === undefined ? [] : dependencyEdges(from);
                expect(edges.some((e) => e.service === notice.chain[k])).toBe(true);
              }
              if (notice.phase === 'upcoming') {
                expect(notice.status).toBe(notice.optional ? 'degraded' : 'maintenance');
              }
              if (notice.phase === 'upcoming') seenUpcoming = true;
              else expect(seenUpcoming).toBe(false);
            }
          }
        },
      ),
      RUNS,
    );
  });
});
