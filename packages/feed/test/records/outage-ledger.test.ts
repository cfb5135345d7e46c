import type { Change, Incident, Maintenance } from '@statuskit/model';
import { describe, expect, it } from 'vitest';
import { OutageLedger } from '../../src/records/outage-ledger.js';
import type { ChangeRecord } from '../../src/store/change-store.js';

const incident: Incident = {
  id: 'x-1',
  services: ['eid'],
  impact: 'major',
  title: { en: 'Down' },
  message: { en: 'Down' },
  state: 'investigating',
  startedAt: '2026-03-14T10:00:00Z',
  updates: [{ time: '2026-03-14T10:00:00Z', state: 'investigating', message: { en: 'Down' } }],
};
const maintenance: Maintenance = {
  id: 'x-1',
  services: ['eid'],
  title: { en: 'Work' },
  message: { en: 'Work' },
  scheduledStart: '2026-03-20T22:00:00Z',
  scheduledEnd: '2026-03-20T23:00:00Z',
  announcedAt: '2026-03-14T11:00:00Z',
  state: 'scheduled',
};

function journal(changes: readonly Change[]): ChangeRecord[] {
  return changes.map((change, index) => ({
    revision: index + 1,
    time: `2026-03-14T12:00:0${index}Z`,
    actor: 'digst',
    services: ['eid'],
    change,
  }));
}

describe('OutageLedger', () => {
  it('keeps an incident and a maintenance that share an id apart; the incident answers first', () => {
    const ledger = new OutageLedger();
    for (const record of journal([
      {
        type: 'service',
        service: { id: 'eid', name: { en: 'MitID' }, owner: 'digst', status: 'operational' },
      },
      { type: 'incident', incident },
      { type: 'incident', incident: { ...incident, state: 'resolved' } },
      { type: 'maintenance', maintenance },
    ]))
      ledger.apply(record);
    expect(ledger.get('x-1')).toMatchObject({
      kind: 'incident',
      firstRevision: 2,
      last: { revision: 3 },
      services: [{ id: 'eid', name: { en: 'MitID' }, owner: 'digst' }],
    });
  });

  it('ignores removals: the live window taking an event off the page changes no record', () => {
    const ledger = new OutageLedger();
    const resolved = { ...incident, state: 'resolved' as const };
    for (const record of journal([
      { type: 'incident', incident: resolved },
      { type: 'removed', kind: 'incident', id: 'x-1' },
    ]))
      ledger.apply(record);
    expect(ledger.get('x-1')).toMatchObject({ last: { revision: 1 } });
  });
});
