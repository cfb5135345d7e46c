import { describe, expect, it } from 'vitest';
import { applyChange, servicesTouched } from '../src/changes.js';
import { dependencyClosure, narrowChange, narrowDocument } from '../src/narrow.js';
import type { Incident, Service, StatusDocument } from '../src/types.js';

const service = (id: string, dependsOn: Service['dependsOn'] = []): Service => ({
  id,
  name: { en: id },
  owner: 'agency',
  status: 'operational',
  dependsOn,
});

const incident = (id: string, services: string[]): Incident => ({
  id,
  services,
  impact: 'major',
  title: { en: 'Login fails' },
  message: { en: 'We are looking into it.' },
  state: 'investigating',
  startedAt: '2026-03-14T10:00:00Z',
  updates: [],
});

const document: StatusDocument = {
  defaultLocale: 'en',
  timeZone: 'Europe/Copenhagen',
  services: [
    service('eid'),
    service('login', ['eid']),
    service('digital-post'),
    service('tax-return', ['login', { service: 'digital-post', optional: true }]),
    service('permits', ['login']),
  ],
  incidents: [incident('eid-down', ['eid']), incident('post-slow', ['digital-post', 'permits'])],
  maintenance: [],
};

describe('applyChange', () => {
  it('adds a new entity at the end and replaces an existing one in place', () => {
    const added = applyChange(document, { type: 'incident', incident: incident('new', ['login']) });
    expect(added.incidents.map((i) => i.id)).toEqual(['eid-down', 'post-slow', 'new']);

    const resolved = { ...incident('eid-down', ['eid']), state: 'resolved' as const };
    const replaced = applyChange(document, { type: 'incident', incident: resolved });
    expect(replaced.incidents.map((i) => [i.id, i.state])).toEqual([
      ['eid-down', 'resolved'],
      ['post-slow', 'investigating'],
    ]);
  });

  it('never mutates the document it is given', () => {
    const before = JSON.stringify(document);
    applyChange(document, {
      type: 'service',
      service: { ...service('eid'), status: 'major_outage' },
    });
    applyChange(document, { type: 'removed', kind: 'service', id: 'eid' });
    expect(JSON.stringify(document)).toBe(before);
  });

  it('removes each kind of entity by id', () => {
    expect(
      applyChange(document, { type: 'removed', kind: 'service', id: 'permits' }).services,
    ).toHaveLength(4);
    expect(
      applyChange(document, { type: 'removed', kind: 'incident', id: 'eid-down' }).incidents,
    ).toHaveLength(1);
    expect(
      applyChange(document, { type: 'removed', kind: 'maintenance', id: 'none' }).maintenance,
    ).toEqual([]);
  });
});

describe('servicesTouched', () => {
  it('includes the services an incident listed before the change', () => {
    const moved = incident('eid-down', ['login']);
    expect([...servicesTouched(document, { type: 'incident', incident: moved })].sort()).toEqual([
      'eid',
      'login',
    ]);
  });

  it('names the services of a removed incident', () => {
    const touched = servicesTouched(document, {
      type: 'removed',
      kind: 'incident',
      id: 'post-slow',
    });
    expect([...touched].sort()).toEqual(['digital-post', 'permits']);
  });
});

describe('narrowing to a page’s services', () => {
  it('keeps the services and every dependency, transitively', () => {
    expect([...dependencyClosure(document, ['tax-return'])].sort()).toEqual([
      'digital-post',
      'eid',
      'login',
      'tax-return',
    ]);
  });

  it('survives a cycle', () => {
    const cyclic = { ...document, services: [service('a', ['b']), service('b', ['a'])] };
    expect([...dependencyClosure(cyclic, ['a'])].sort()).toEqual(['a', 'b']);
  });

  it('keeps only touching incidents, listing only kept services', () => {
    const narrowed = narrowDocument(document, ['login']);
    expect(narrowed.services.map((s) => s.id)).toEqual(['eid', 'login']);
    expect(narrowed.incidents.map((i) => i.id)).toEqual(['eid-down']);

    const forTax = narrowDocument(document, ['tax-return']);
    expect(forTax.incidents.find((i) => i.id === 'post-slow')?.services).toEqual(['digital-post']);
  });

  it('drops changes outside the view and turns a moved-away incident into a removal', () => {
    const keep = dependencyClosure(document, ['login']);
    const unrelated = { type: 'incident' as const, incident: incident('post-slow', ['permits']) };
    expect(narrowChange(unrelated, keep, servicesTouched(document, unrelated))).toBeUndefined();

    const movedAway = { type: 'incident' as const, incident: incident('eid-down', ['permits']) };
    expect(narrowChange(movedAway, keep, servicesTouched(document, movedAway))).toEqual({
      type: 'removed',
      kind: 'incident',
      id: 'eid-down',
    });

    const status = {
      type: 'service' as const,
      service: { ...service('eid'), status: 'degraded' as const },
    };
    expect(narrowChange(status, keep, servicesTouched(document, status))).toBe(status);
  });
});
