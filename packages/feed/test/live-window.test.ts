import { describe, expect, it } from 'vitest';
import type { Incident, Maintenance, StatusDocument } from '@statuskit/model';
import { issuesThatStayLive, nextRetirement, retirements } from '../src/live-window.js';

const HOUR = 3_600_000;
const WINDOW = 24 * HOUR;
const at = (iso: string): number => Date.parse(iso);

const incident = (id: string, fields: Partial<Incident> = {}): Incident => ({
  id,
  services: ['eid'],
  impact: 'major',
  title: { en: 'MitID is down' },
  message: { en: 'We are investigating.' },
  state: 'investigating',
  startedAt: '2031-03-01T08:00:00Z',
  updates: [
    { time: '2031-03-01T08:00:00Z', state: 'investigating', message: { en: 'Investigating.' } },
  ],
  ...fields,
});
const resolved = (id: string, resolvedAt: string): Incident =>
  incident(id, { state: 'resolved', resolvedAt });

const maintenance = (id: string, fields: Partial<Maintenance> = {}): Maintenance => ({
  id,
  services: ['eid'],
  title: { en: 'Planned work' },
  message: { en: 'MitID is closed.' },
  scheduledStart: '2031-03-01T01:00:00Z',
  scheduledEnd: '2031-03-01T03:00:00Z',
  announcedAt: '2031-02-20T12:00:00Z',
  state: 'scheduled',
  ...fields,
});

const documentOf = (incidents: Incident[], windows: Maintenance[] = []): StatusDocument => ({
  defaultLocale: 'en',
  timeZone: 'UTC',
  services: [],
  incidents,
  maintenance: windows,
});

const ids = (document: StatusDocument, now: number): string[] =>
  retirements(document, now, WINDOW).map((change) =>
    change.type === 'removed' ? `${change.kind}:${change.id}` : change.type,
  );

describe('retirements (the live window)', () => {
  it('retires a resolved incident exactly when it has been resolved for the whole window', () => {
    const document = documentOf([resolved('inc-1', '2031-03-01T10:00:00Z')]);
    expect(ids(document, at('2031-03-02T10:00:00Z') - 1)).toEqual([]);
    expect(ids(document, at('2031-03-02T10:00:00Z'))).toEqual(['incident:inc-1']);
    expect(nextRetirement(document, at('2031-03-01T12:00:00Z'), WINDOW)).toBe(
      at('2031-03-02T10:00:00Z'),
    );
  });

  it('never retires an open incident, however old', () => {
    for (const state of ['investigating', 'identified', 'monitoring'] as const) {
      const document = documentOf([
        incident('inc-1', { state, startedAt: '2020-01-01T00:00:00Z' }),
      ]);
      expect(ids(document, at('2031-12-31T00:00:00Z'))).toEqual([]);
      expect(nextRetirement(document, at('2031-12-31T00:00:00Z'), WINDOW)).toBeUndefined();
    }
  });

  it('never retires scheduled or running maintenance, even long past its window', () => {
    const document = documentOf(
      [],
      [
        maintenance('mnt-1'),
        maintenance('mnt-2', { state: 'in_progress', actualStart: '2031-03-01T01:00:00Z' }),
      ],
    );
    expect(ids(document, at('2031-12-31T00:00:00Z'))).toEqual([]);
  });

  it('retires completed maintenance a window after it actually ended, else after its scheduled end', () => {
    const document = documentOf(
      [],
      [
        maintenance('mnt-1', {
          state: 'completed',
          actualStart: '2031-03-01T01:00:00Z',
          actualEnd: '2031-03-01T05:00:00Z',
        }),
        maintenance('mnt-2', { state: 'completed' }),
      ],
    );
    expect(ids(document, at('2031-03-02T03:00:00Z') - 1)).toEqual([]);
    expect(ids(document, at('2031-03-02T03:00:00Z'))).toEqual(['maintenance:mnt-2']);
    expect(ids(document, at('2031-03-02T05:00:00Z'))).toEqual([
      'maintenance:mnt-1',
      'maintenance:mnt-2',
    ]);
  });

  it('keeps cancelled maintenance until a window after it would have ended', () => {
    const document = documentOf([], [maintenance('mnt-1', { state: 'cancelled' })]);
    expect(ids(document, at('2031-03-02T03:00:00Z') - 1)).toEqual([]);
    expect(ids(document, at('2031-03-02T03:00:00Z'))).toEqual(['maintenance:mnt-1']);
  });

  it('retires incidents and maintenance together, leaving the rest', () => {
    const document = documentOf(
      [
        resolved('old', '2031-03-01T00:00:00Z'),
        resolved('new', '2031-03-03T00:00:00Z'),
        incident('open'),
      ],
      [maintenance('done', { state: 'completed' }), maintenance('next')],
    );
    expect(ids(document, at('2031-03-03T06:00:00Z'))).toEqual(['incident:old', 'maintenance:done']);
  });

  it('keeps something with a server-made id until the day its id names is over', () => {
    // Made on 5 March, backdated and resolved days before: a second incident made on 5 March
    // would get the same id if this one left the live document that day.
    const document = documentOf([resolved('inc-20310305-1', '2031-03-01T10:00:00Z')]);
    expect(ids(document, at('2031-03-05T23:59:59Z'))).toEqual([]);
    expect(ids(document, at('2031-03-06T00:00:00Z'))).toEqual(['incident:inc-20310305-1']);
  });
});

describe('issuesThatStayLive (start-up validation)', () => {
  it('drops the issues inside what is leaving, and keeps those of what stays and of the rest', () => {
    const document = documentOf(
      [resolved('old', '2031-03-01T00:00:00Z'), incident('open')],
      [maintenance('done', { state: 'completed' }), maintenance('next')],
    );
    const issues = [
      { path: 'incidents[0].startedAt', message: 'must be from 1970 to 9999 in UTC' },
      { path: 'incidents[1].updates[0].time', message: 'must be from 1970 to 9999 in UTC' },
      { path: 'maintenance[0].scheduledEnd', message: 'must be from 1970 to 9999 in UTC' },
      { path: 'maintenance[1].scheduledEnd', message: 'must be from 1970 to 9999 in UTC' },
      { path: 'services[0].owner', message: 'unknown authority' },
      { path: '', message: 'not an object' },
    ];
    expect(
      issuesThatStayLive(issues, document, at('2031-03-03T06:00:00Z'), WINDOW).map(
        (issue) => issue.path,
      ),
    ).toEqual([
      'incidents[1].updates[0].time',
      'maintenance[1].scheduledEnd',
      'services[0].owner',
      '',
    ]);
    // Before the window has passed everything still counts.
    expect(issuesThatStayLive(issues, document, at('2031-03-01T06:00:00Z'), WINDOW)).toEqual(
      issues,
    );
  });
});
