import type { Change, Incident, Maintenance, Service } from '@statuskit/model';
import { describe, expect, it } from 'vitest';
import type { ChangeRecord } from '../src/store/change-store.js';
import { EventNamer } from '../src/webhooks/webhook-events.js';

let revision = 0;
function record(change: Change, actor = 'digst'): ChangeRecord {
  revision += 1;
  return { revision, time: '2026-12-05T05:00:00.000Z', actor, services: ['eid'], change };
}

const window = (state: Maintenance['state'], title = 'Opgradering'): Change => ({
  type: 'maintenance',
  maintenance: {
    id: 'mnt-1',
    services: ['eid'],
    title: { da: title },
    message: { da: 'Kort afbrydelse' },
    scheduledStart: '2026-12-06T01:00:00+01:00',
    scheduledEnd: '2026-12-06T02:00:00+01:00',
    announcedAt: '2026-12-05T05:00:00.000Z',
    state,
  },
});

const incident = (updates: Incident['state'][]): Change => ({
  type: 'incident',
  incident: {
    id: 'inc-1',
    services: ['eid'],
    impact: 'major',
    title: { da: 'Nede' },
    message: { da: 'Vi undersøger' },
    state: updates.at(-1) ?? 'investigating',
    startedAt: '2026-12-05T05:00:00.000Z',
    updates: updates.map((state) => ({
      time: '2026-12-05T05:00:00.000Z',
      state,
      message: { da: state },
    })),
  },
});

const service = (status: Service['status'], name = 'MitID'): Change => ({
  type: 'service',
  service: { id: 'eid', name: { da: name }, owner: 'digst', status },
});

describe('webhook event names', () => {
  it('follow a maintenance window from announcement to completion', () => {
    const namer = new EventNamer();
    const names = [
      window('scheduled'),
      window('scheduled', 'Opgradering af MitID'),
      window('in_progress'),
      window('in_progress', 'Opgradering, næsten færdig'),
      window('completed'),
    ].map((change) => namer.name(record(change))?.type);
    expect(names).toEqual([
      'maintenance.scheduled',
      'maintenance.updated',
      'maintenance.started',
      'maintenance.updated',
      'maintenance.completed',
    ]);
    expect(namer.name(record(window('cancelled')))?.type).toBe('maintenance.cancelled');
  });

  it('follow an incident from opening to resolution', () => {
    const namer = new EventNamer();
    const names = [
      incident(['investigating']),
      incident(['investigating', 'identified']),
      incident(['investigating', 'identified', 'resolved']),
      incident(['investigating', 'identified', 'resolved', 'resolved']),
    ].map((change) => namer.name(record(change))?.type);
    expect(names).toEqual([
      'incident.opened',
      'incident.updated',
      'incident.resolved',
      'incident.updated',
    ]);
  });

  it('tell of a service only when its status changes, and never of config edits or removals', () => {
    const namer = new EventNamer();
    expect(namer.name(record(service('operational'), 'config'))).toBeUndefined();
    expect(namer.name(record(service('operational', 'MitID (ny)')))).toBeUndefined();
    expect(namer.name(record(service('major_outage')))?.type).toBe('service.status_changed');
    expect(
      namer.name(record({ type: 'removed', kind: 'incident', id: 'inc-1' }, 'retention')),
    ).toBeUndefined();
  });
});
