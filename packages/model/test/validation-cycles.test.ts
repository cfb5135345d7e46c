import { describe, expect, it } from 'vitest';
import type { DependencyRef, Service } from '../src/types.js';
import { validateDocument } from '../src/validation/index.js';
import { containing, errorsOf } from './validation-fixtures.js';

function service(id: string, dependsOn: DependencyRef[] = []): Service {
  return { id, name: { en: id }, owner: 'agency', status: 'operational', dependsOn };
}

function documentOf(services: unknown[]) {
  return { defaultLocale: 'en', timeZone: 'UTC', services, incidents: [], maintenance: [] };
}

function issuesOf(services: unknown[]) {
  return errorsOf(validateDocument(documentOf(services)));
}

describe('dependency cycles', () => {
  it('names a two-service cycle once, at the first service of it', () => {
    expect(issuesOf([service('a', ['b']), service('b', ['a'])])).toEqual([
      { path: 'services[0].dependsOn[0]', message: 'dependency cycle: a → b → a' },
    ]);
  });

  it('points at the entry of the first service that starts the cycle', () => {
    const services = [
      service('x'),
      service('a', ['x', { service: 'b', optional: true }]),
      service('b', ['c']),
      service('c', ['x', 'a']),
    ];
    expect(issuesOf(services)).toEqual([
      { path: 'services[1].dependsOn[1]', message: 'dependency cycle: a → b → c → a' },
    ]);
  });

  it('reports separate cycles separately', () => {
    const services = [
      service('a', ['b']),
      service('b', ['a']),
      service('c', ['d']),
      service('d', ['e']),
      service('e', ['c']),
    ];
    expect(issuesOf(services).map((issue) => issue.message)).toEqual([
      'dependency cycle: a → b → a',
      'dependency cycle: c → d → e → c',
    ]);
  });

  it('reports two cycles through the same service', () => {
    const services = [service('hub', ['a', 'b']), service('a', ['hub']), service('b', ['hub'])];
    expect(issuesOf(services)).toEqual([
      { path: 'services[0].dependsOn[0]', message: 'dependency cycle: hub → a → hub' },
      { path: 'services[0].dependsOn[1]', message: 'dependency cycle: hub → b → hub' },
    ]);
  });

  it('does not mistake a shared dependency (a diamond) for a cycle', () => {
    const services = [
      service('top', ['left', 'right']),
      service('left', ['bottom']),
      service('right', ['bottom']),
      service('bottom'),
    ];
    expect(validateDocument(documentOf(services)).ok).toBe(true);
  });

  it('finds a cycle among services that are broken in other ways too', () => {
    const broken = { id: 'b', owner: 'agency', status: 'down', dependsOn: ['a'] };
    expect(issuesOf([service('a', ['b']), broken]).map((issue) => issue.message)).toEqual([
      'is required',
      containing('must be one of'),
      'dependency cycle: a → b → a',
    ]);
  });

  it('reports a self-dependency once, as such, not also as a cycle', () => {
    expect(issuesOf([service('a', ['a'])])).toEqual([
      { path: 'services[0].dependsOn[0]', message: 'service "a" cannot depend on itself' },
    ]);
  });

  it('walks a 2,000-service chain without running out of stack', () => {
    const services = Array.from({ length: 2000 }, (_, i) =>
      service(`s${i}`, [i === 1999 ? 's0' : `s${i + 1}`]),
    );
    const issues = issuesOf(services);
    expect(issues).toHaveLength(1);
    expect(issues[0]?.path).toBe('services[0].dependsOn[0]');
    expect(issues[0]?.message.startsWith('dependency cycle: s0 → s1 → s2 → ')).toBe(true);
    expect(issues[0]?.message.endsWith('s1998 → s1999 → s0')).toBe(true);
  });

  it('lists at most 20 cycles and says how many more there are', () => {
    const services = Array.from({ length: 25 }, (_, i) => [
      service(`a${i}`, [`b${i}`]),
      service(`b${i}`, [`a${i}`]),
    ]).flat();
    const issues = issuesOf(services);
    expect(issues).toHaveLength(21);
    expect(issues[19]?.message).toBe('dependency cycle: a19 → b19 → a19');
    expect(issues[20]).toEqual({
      path: 'services',
      message: '5 more dependency cycles; fix the ones listed and validate again',
    });
  });
});

describe('validating a large catalogue', () => {
  /** `count` services, each depending on up to five earlier ones: acyclic, 5 edges a service. */
  function largeCatalogue(count: number) {
    const services = Array.from({ length: count }, (_, i) => {
      const dependsOn = [1, 2, 3, 5, 8]
        .filter((step) => i - step >= 0)
        .map((step, k): DependencyRef => {
          const target = `service-${i - step}`;
          return k % 2 === 0 ? target : { service: target, optional: true };
        });
      return {
        ...service(`service-${i}`, dependsOn),
        url: `https://example.org/${i}`,
        timeZone: 'Europe/Oslo',
      };
    });
    const incidents = Array.from({ length: count / 10 }, (_, i) => ({
      id: `incident-${i}`,
      services: [`service-${i * 10}`],
      impact: 'minor',
      title: { en: 'Slow' },
      message: { en: 'Slower than usual.' },
      state: 'investigating',
      startedAt: '2026-03-14T10:00:00Z',
      updates: [],
    }));
    return { ...documentOf(services), incidents };
  }

  it('validates 2,000 services with 10,000 dependencies quickly', () => {
    const input = largeCatalogue(2000);
    validateDocument(input); // warm up
    const started = performance.now();
    const result = validateDocument(input);
    const elapsed = performance.now() - started;
    expect(result.ok).toBe(true);
    // Typically ~20 ms; a quadratic scan would take seconds.
    expect(elapsed).toBeLessThan(1000);
  });

  it('takes time in proportion to size, not its square', () => {
    const time = (count: number): number => {
      const input = largeCatalogue(count);
      validateDocument(input);
      const started = performance.now();
      for (let i = 0; i < 3; i++) validateDocument(input);
      return performance.now() - started;
    };
    // 8× the services should cost about 8×, far from 64×; allow plenty for noisy machines.
    expect(time(4000) / time(500)).toBeLessThan(30);
  });
});
