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

describe('parseAvailabilityReport: measured availability and the first day', () => {
  const measured = (availability: number | null, checks: number, began: string | null = null) => ({
    availability,
    checks,
    successful: availability === null ? 0 : Math.round((checks * availability) / 100),
    slow: 0,
    began,
  });
  const probed = {
    ...report,
    summary: {
      ...report.summary,
      measured: {
        availability: 95,
        checks: 20,
        successful: 19,
        slow: 1,
        since: '2026-01-31T21:15:00.000Z',
      },
      measuredReason: null,
    },
    daily: [
      { ...day('2026-01-30', null), measured: measured(null, 0) },
      {
        ...day('2026-01-31', 97.222),
        historyBegan: '2026-01-31T01:00:00+01:00',
        measured: measured(90, 10, '2026-01-31T22:15:00+01:00'),
      },
      { ...day('2026-02-01', 100), measured: measured(100, 10) },
    ],
  };

  it('reads measured figures, when they began, and when history began', () => {
    const parsed = parseAvailabilityReport(probed);
    expect(parsed?.summary.measured).toEqual({
      availability: 95,
      checks: 20,
      successful: 19,
      since: '2026-01-31T21:15:00.000Z',
    });
    expect(parsed?.summary.measuredReason).toBeNull();
    expect(parsed?.daily.map((entry) => entry.measured?.availability)).toEqual([null, 90, 100]);
    expect(parsed?.daily[1]?.measured?.began).toBe('2026-01-31T22:15:00+01:00');
    expect(parsed?.daily.map((entry) => entry.historyBegan)).toEqual([
      null,
      '2026-01-31T01:00:00+01:00',
      null,
    ]);
  });

  it('tells a service without a probe from a feed that does not measure', () => {
    const noProbe = parseAvailabilityReport({
      ...report,
      summary: { ...report.summary, measured: null, measuredReason: 'no probe' },
    });
    expect(noProbe?.summary.measured).toBeNull();
    expect(noProbe?.summary.measuredReason).toBe('no probe');
    expect(parseAvailabilityReport(report)?.summary.measured).toBeUndefined();
  });

  it('rejects measured figures of the wrong shape', () => {
    const summary = (value: unknown) => ({
      ...probed,
      summary: { ...probed.summary, measured: value },
    });
    expect(
      parseAvailabilityReport(summary({ availability: 100, checks: 0, successful: 0 })),
    ).toBeUndefined();
    expect(
      parseAvailabilityReport(summary({ availability: 50, checks: 2, successful: 3 })),
    ).toBeUndefined();
    expect(parseAvailabilityReport(summary('95 %'))).toBeUndefined();
    expect(
      parseAvailabilityReport({
        ...probed,
        daily: [{ ...day('2026-02-01', 100), historyBegan: 'today' }],
      }),
    ).toBeUndefined();
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
