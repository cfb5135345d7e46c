import { describe, expect, it } from 'vitest';
import { clampDays } from '../src/availability/availability-controller.js';
import { formatPercent, parseAvailabilityReport } from '../src/availability/availability-report.js';

const day = (date: string, availability: number | null) => ({
  date,
  availability,
  availabilityExcludingPlanned: availability,
  observedMinutes: 1440,
  incidents: availability === 100 ? [] : ['inc-a'],
  maintenance: [],
});

const report = {
  service: 'tax-return',
  timeZone: 'Europe/Copenhagen',
  days: 3,
  from: '2026-01-30T00:00:00+01:00',
  to: '2026-02-01T12:00:00+01:00',
  generatedAt: '2026-02-01T11:00:00.000Z',
  revision: 14,
  historySince: '2026-01-31T00:00:00.000Z',
  sla: { availabilityTarget: 99.5, maxOutageMinutes: 60, supportHours: { da: 'Hverdage' } },
  summary: { availability: 99.26, availabilityExcludingPlanned: 99.657, verdict: 'met' },
  daily: [day('2026-01-30', null), day('2026-01-31', 97.222), day('2026-02-01', 100)],
  incidents: [{ id: 'inc-a', title: { da: 'MitID er nede', en: 'MitID is down' } }],
  maintenance: [],
};

describe('parseAvailabilityReport', () => {
  it('reads the feed answer', () => {
    const parsed = parseAvailabilityReport(report);
    expect(parsed?.daily.map((entry) => entry.availability)).toEqual([null, 97.222, 100]);
    expect(parsed?.summary.verdict).toBe('met');
    expect(parsed?.sla).toEqual({
      availabilityTarget: 99.5,
      maxOutageMinutes: 60,
      noticePeriodDays: undefined,
      supportHours: { da: 'Hverdage' },
    });
    expect(parsed?.titles.get('inc-a')).toEqual({ da: 'MitID er nede', en: 'MitID is down' });
  });

  it('takes no SLA as null, and rejects answers of the wrong shape', () => {
    expect(parseAvailabilityReport({ ...report, sla: null })?.sla).toBeNull();
    expect(parseAvailabilityReport(null)).toBeUndefined();
    expect(parseAvailabilityReport({ ...report, daily: [{ date: 'yesterday' }] })).toBeUndefined();
    expect(
      parseAvailabilityReport({ ...report, summary: { ...report.summary, verdict: 'great' } }),
    ).toBeUndefined();
    expect(parseAvailabilityReport({ ...report, daily: [day('2026-02-01', 140)] })).toBeUndefined();
  });
});

describe('formatPercent and clampDays', () => {
  it('cuts, never rounds up to 100 %', () => {
    expect(formatPercent(99.999, 'en-GB')).toBe('99.99%');
    expect(formatPercent(99.5, 'da')).toBe('99,5\u00a0%');
    expect(formatPercent(100, 'en-GB')).toBe('100%');
  });

  it('keeps days within what the feed accepts', () => {
    expect(clampDays(90)).toBe(90);
    expect(clampDays(7.6)).toBe(7);
    expect(clampDays(0)).toBe(90);
    expect(clampDays(Number.NaN)).toBe(90);
    expect(clampDays(1000)).toBe(366);
  });
});
