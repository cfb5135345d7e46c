import { describe, expect, it } from 'vitest';
import { effectiveStatus } from '@statuskit/model';
import { alternativesFor } from '../src/alternatives/alternative-list.js';
import { bannerNotices, bannerVariant, blocksTask } from '../src/banner/banner-notices.js';
import { dependencyPaths, dependencyRows } from '../src/dependencies/dependency-list.js';
import { maintenanceFor } from '../src/maintenance/maintenance-windows.js';
import { documentWith, incident, maintenance } from './catalogue.js';

const NOW = Date.parse('2026-03-14T21:00:00+01:00');
const HOUR = 3_600_000;
const iso = (ms: number): string => new Date(ms).toISOString();
const options = { warnBeforeMinutes: 15, feed: 'https://status.example/v1' };

describe('banner notices', () => {
  it('are empty when all is well', () => {
    expect(bannerNotices(documentWith(), 'tax-return', NOW, options, true)).toEqual([]);
  });

  it('make an outage through a required dependency an error that cannot be hidden', () => {
    const document = documentWith([incident({ services: ['eid'] })]);
    const notices = bannerNotices(document, 'tax-return', NOW, options, true);
    expect(notices.map(({ type, dismissible }) => [type, dismissible])).toEqual([
      ['outage', false],
    ]);
    expect(notices[0]?.notice.chain).toEqual(['tax-return', 'login', 'eid']);
    expect(bannerVariant(notices)).toBe('error');
    expect(notices[0] && blocksTask(notices[0])).toBe(true);
  });

  it('make a problem through an optional dependency a dismissible warning', () => {
    const document = documentWith([incident({ services: ['digital-post'] })]);
    const notices = bannerNotices(document, 'tax-return', NOW, options, true);
    expect(notices.map(({ type, dismissible }) => [type, dismissible])).toEqual([
      ['disruption', true],
    ]);
    expect(bannerVariant(notices)).toBe('warning');
  });

  it('tell planned, about-to-start and running maintenance apart', () => {
    const planned = maintenance({
      services: ['eid'],
      scheduledStart: iso(NOW + 48 * HOUR),
      scheduledEnd: iso(NOW + 52 * HOUR),
    });
    const soon = maintenance({
      id: 'mnt-2',
      services: ['login'],
      scheduledStart: iso(NOW + 10 * 60_000),
      scheduledEnd: iso(NOW + 2 * HOUR),
    });
    const running = maintenance({
      id: 'mnt-3',
      services: ['tax-return'],
      scheduledStart: iso(NOW - HOUR),
      scheduledEnd: iso(NOW + HOUR),
    });
    const notices = bannerNotices(
      documentWith([], [planned, soon, running]),
      'tax-return',
      NOW,
      options,
      true,
    );
    expect(notices.map(({ type, notice }) => [type, notice.key])).toEqual([
      ['maintenance', 'maintenance:mnt-3'],
      ['soon', 'maintenance:mnt-2'],
      ['planned', 'maintenance:mnt-1'],
    ]);
    expect(notices.map(({ dismissible }) => dismissible)).toEqual([false, true, true]);
    expect(bannerVariant(notices.slice(2))).toBe('neutral');
    expect(bannerVariant(notices.slice(1))).toBe('warning');
  });
});

describe('dependencies', () => {
  it('lists every transitive dependency once, by its shortest path', () => {
    const paths = dependencyPaths(documentWith(), 'tax-return');
    expect(
      paths.map(({ service, chain, optional }) => [service.id, chain.join('>'), optional]),
    ).toEqual([
      ['login', 'tax-return>login', false],
      ['digital-post', 'tax-return>digital-post', true],
      ['eid', 'tax-return>login>eid', false],
    ]);
  });

  it('puts the ones with problems first, with since and until', () => {
    const document = documentWith(
      [incident({ services: ['eid'], startedAt: '2026-03-14T20:58:00+01:00' })],
      [],
    );
    const rows = dependencyRows(document, effectiveStatus(document, NOW), 'tax-return', NOW);
    expect(rows.map(({ service, status }) => [service.id, status])).toEqual([
      ['login', 'major_outage'],
      ['eid', 'major_outage'],
      ['digital-post', 'operational'],
    ]);
    expect(rows[1]?.since).toBe('2026-03-14T20:58:00+01:00');
  });

  it('never loops on a cycle', () => {
    const document = documentWith([], [], { eid: { dependsOn: ['tax-return'] } });
    expect(dependencyPaths(document, 'tax-return').length).toBe(3);
  });
});

describe('maintenance list', () => {
  it('lists running and coming windows on the service and its dependencies, earliest first', () => {
    const later = maintenance({
      services: ['eid'],
      scheduledStart: iso(NOW + 30 * 24 * HOUR),
      scheduledEnd: iso(NOW + 30 * 24 * HOUR + HOUR),
    });
    const now = maintenance({
      id: 'mnt-2',
      services: ['digital-post'],
      state: 'in_progress',
      scheduledStart: iso(NOW - HOUR),
      scheduledEnd: iso(NOW + HOUR),
    });
    const done = maintenance({
      id: 'mnt-3',
      services: ['eid'],
      state: 'completed',
      scheduledStart: iso(NOW - 5 * HOUR),
      scheduledEnd: iso(NOW - 4 * HOUR),
    });
    const items = maintenanceFor(documentWith([], [later, now, done]), 'tax-return', NOW);
    expect(
      items.map(({ maintenance: window, phase, chain }) => [window.id, phase, chain.length]),
    ).toEqual([
      ['mnt-2', 'in_progress', 2],
      ['mnt-1', 'upcoming', 3],
    ]);
  });
});

describe('alternatives', () => {
  it('come in the model kind order, with those of upcoming maintenance added', () => {
    const window = maintenance({
      services: ['eid'],
      scheduledStart: iso(NOW + 24 * HOUR),
      scheduledEnd: iso(NOW + 26 * HOUR),
      alternatives: [{ kind: 'deadline', label: { en: 'The deadline moves one day' } }],
    });
    const document = documentWith([], [window]);
    const list = alternativesFor(document, effectiveStatus(document, NOW), 'tax-return', NOW);
    expect(list.map(({ kind }) => kind)).toEqual(['phone', 'in_person', 'paper', 'deadline']);
  });
});
