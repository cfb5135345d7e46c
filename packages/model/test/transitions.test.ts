import { describe, expect, it } from 'vitest';
import { nextTransition } from '../src/transitions.js';
import type { Maintenance, StatusDocument } from '../src/types.js';

const DAY = 86_400_000;
const start = Date.parse('2026-10-25T01:00:00+02:00');
const end = Date.parse('2026-10-25T04:00:00+01:00');

const window = (state: Maintenance['state']): Maintenance => ({
  id: `w-${state}`,
  services: ['tax-return'],
  title: { da: 'Vedligeholdelse' },
  message: { da: 'Lukket.' },
  scheduledStart: '2026-10-25T01:00:00+02:00',
  scheduledEnd: '2026-10-25T04:00:00+01:00',
  announcedAt: '2026-10-01T09:00:00+02:00',
  state,
});

const document = (maintenance: Maintenance[], noticePeriodDays?: number): StatusDocument => ({
  defaultLocale: 'da',
  timeZone: 'Europe/Copenhagen',
  services: [
    {
      id: 'tax-return',
      name: { da: 'Selvangivelse' },
      owner: 'skat',
      status: 'operational',
      ...(noticePeriodDays !== undefined && { sla: { availabilityTarget: 99, noticePeriodDays } }),
    },
  ],
  incidents: [],
  maintenance,
});

describe('nextTransition', () => {
  it('is undefined when nothing is scheduled', () => {
    expect(nextTransition(document([]), start)).toBeUndefined();
    expect(
      nextTransition(document([window('in_progress'), window('completed')]), start - DAY),
    ).toBeUndefined();
  });

  it('walks through notice window, opening and closing of a scheduled window', () => {
    const doc = document([window('scheduled')], 3);
    expect(nextTransition(doc, start - 10 * DAY)).toBe(start - 7 * DAY);
    expect(nextTransition(doc, start - 7 * DAY)).toBe(start - 3 * DAY);
    expect(nextTransition(doc, start - DAY)).toBe(start);
    // Across the night the clocks go back: the window lasts four real hours.
    expect(nextTransition(doc, start)).toBe(end);
    expect(end - start).toBe(4 * 3_600_000);
    expect(nextTransition(doc, end)).toBeUndefined();
  });
});
