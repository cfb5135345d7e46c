import type { Incident, Maintenance, StatusDocument } from '@statuskit/model';
import { describe, expect, it } from 'vitest';
import { atomWords } from '../src/atom/atom-wording.js';
import { historyEntries, MAX_AGE_DAYS, MAX_ENTRIES } from '../src/atom/history-entries.js';
import { initial } from './store/fixtures.js';

const NOW = new Date('2030-06-01T12:00:00Z');
const DAY = 86_400_000;

function incident(id: string, daysAgo: number, updates = 1): Incident {
  const start = NOW.getTime() - daysAgo * DAY;
  return {
    id,
    services: ['mitid'],
    impact: 'minor',
    title: { en: id },
    message: { en: 'm' },
    state: 'investigating',
    startedAt: new Date(start).toISOString(),
    updates: Array.from({ length: updates }, (_, index) => ({
      time: new Date(start + index * 60_000).toISOString(),
      state: 'investigating' as const,
      message: { en: `update ${index}` },
    })),
  };
}

function entries(
  incidents: Incident[],
  maintenance: Maintenance[] = [],
  document?: StatusDocument,
) {
  return historyEntries(
    { incidents, maintenance, changedAt: () => undefined },
    {
      document: document ?? initial,
      scope: undefined,
      locale: 'en',
      words: atomWords('en'),
      now: NOW,
    },
  );
}

describe('the Atom feed entries', () => {
  it(`are at most ${MAX_ENTRIES}, the newest`, () => {
    const list = entries([incident('many', 1, 130)]);
    expect(list).toHaveLength(MAX_ENTRIES);
    expect(list[0]?.key).toBe('incident/many/129');
    expect(list.at(-1)?.key).toBe('incident/many/30');
  });

  it(`leave out what happened more than ${MAX_AGE_DAYS} days ago`, () => {
    const list = entries([incident('old', MAX_AGE_DAYS + 1), incident('recent', MAX_AGE_DAYS - 1)]);
    expect(list.map((entry) => entry.key)).toEqual(['incident/recent/0']);
  });

  it('give planned work its announcement, start and end, and a cancellation', () => {
    const base = {
      services: ['mitid'],
      title: { en: 'Upgrade' },
      message: { en: 'm' },
      scheduledStart: '2030-06-02T20:00:00Z',
      scheduledEnd: '2030-06-02T22:00:00Z',
      announcedAt: '2030-05-20T08:00:00Z',
    };
    const list = historyEntries(
      {
        incidents: [],
        maintenance: [
          {
            ...base,
            id: 'done',
            state: 'completed',
            actualStart: '2030-05-25T20:00:00Z',
            actualEnd: '2030-05-25T21:00:00Z',
          },
          { ...base, id: 'off', state: 'cancelled' },
        ],
        changedAt: (_kind, id) => (id === 'off' ? '2030-05-30T08:00:00Z' : undefined),
      },
      { document: initial, scope: undefined, locale: 'en', words: atomWords('en'), now: NOW },
    );
    expect(list.map((entry) => [entry.key, entry.updated])).toEqual([
      ['maintenance/off/cancelled', '2030-05-30T08:00:00Z'],
      ['maintenance/done/completed', '2030-05-25T21:00:00Z'],
      ['maintenance/done/started', '2030-05-25T20:00:00Z'],
      ['maintenance/off/announced', '2030-05-20T08:00:00Z'],
      ['maintenance/done/announced', '2030-05-20T08:00:00Z'],
    ]);
  });
});
