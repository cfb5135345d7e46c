import { describe, expect, it } from 'vitest';
import type { Incident, Maintenance, StatusDocument } from '../src/types.js';
import {
  FEED_LIMIT_DEFAULTS,
  maintenanceWarnings,
  onlyLimits,
  validateFeedConfig,
  validateIncidentUpdate,
  validateMaintenanceChange,
  validateNewIncident,
  validateNewMaintenance,
  validateServiceStatusChange,
  WRITE_LIMIT_DEFAULTS,
} from '../src/validation/index.js';
import { catalogue, errorsOf, valueOf } from './validation-fixtures.js';

const document: StatusDocument = catalogue();
const now = new Date('2026-03-14T12:00:00Z');

/** A text in `count` made-up languages (`aa`, `ab`, …): well formed, just too many. */
function manyLanguages(count: number): Record<string, string> {
  const letters = 'abcdefghijklmnopqrstuvwxyz';
  return Object.fromEntries(
    Array.from({ length: count }, (_, n) => [
      `${letters[Math.floor(n / 26)] ?? 'z'}${letters[n % 26] ?? 'z'}`,
      'Tekst',
    ]),
  );
}

const incident: Incident = {
  id: 'inc-1',
  services: ['eid'],
  impact: 'critical',
  title: { da: 'MitID er nede' },
  message: { da: 'Vi undersøger det.' },
  state: 'investigating',
  startedAt: '2026-03-14T10:00:00Z',
  updates: [
    { time: '2026-03-14T10:00:00Z', state: 'investigating', message: { da: 'Et' } },
    { time: '2026-03-14T10:10:00Z', state: 'investigating', message: { da: 'To' } },
    { time: '2026-03-14T10:20:00Z', state: 'identified', message: { da: 'Tre' } },
  ],
};

const newWindow = {
  services: ['eid'],
  title: { da: 'Opgradering' },
  message: { da: 'MitID er lukket.' },
  scheduledStart: '2026-03-30T22:00:00+02:00',
  scheduledEnd: '2026-03-30T23:00:00+02:00',
};

const window: Maintenance = {
  ...newWindow,
  id: 'eid-upgrade',
  announcedAt: '2026-03-13T12:00:00Z',
  state: 'scheduled',
};

describe('write limits', () => {
  it('has documented defaults', () => {
    expect(WRITE_LIMIT_DEFAULTS).toEqual({
      maxUpdatesPerIncident: 200,
      maxLanguagesPerText: 30,
      maxAlternatives: 20,
    });
    expect(FEED_LIMIT_DEFAULTS.maxLiveBytesPerAuthority).toBe(512 * 1024);
  });

  it('refuses an update past the number of updates an incident may have, naming the limit', () => {
    const limits = { ...WRITE_LIMIT_DEFAULTS, maxUpdatesPerIncident: 3 };
    const result = validateIncidentUpdate(
      { state: 'monitoring', message: { da: 'Fire' } },
      document,
      incident,
      { limits },
    );
    expect(errorsOf(result)).toEqual([
      {
        path: 'updates',
        message:
          'incident "inc-1" has 3 updates, the limit (limits.maxUpdatesPerIncident); resolve it and open a new incident to go on reporting',
        limit: 'limits.maxUpdatesPerIncident',
      },
    ]);
    expect(!result.ok && onlyLimits(result.errors)).toBe(true);
    // One below the limit still fits.
    const roomy = { ...WRITE_LIMIT_DEFAULTS, maxUpdatesPerIncident: 4 };
    expect(
      validateIncidentUpdate({ state: 'monitoring', message: { da: 'Fire' } }, document, incident, {
        limits: roomy,
      }).ok,
    ).toBe(true);
  });

  it('refuses texts in more languages than the limit, wherever they are', () => {
    const result = validateNewIncident(
      {
        services: ['eid'],
        impact: 'minor',
        title: manyLanguages(31),
        message: { da: 'Besked' },
        alternatives: [{ kind: 'phone', label: manyLanguages(31), href: 'tel:+4570123456' }],
      },
      document,
    );
    expect(errorsOf(result)).toEqual([
      {
        path: 'title',
        message: 'has 31 languages, over the limit of 30 (limits.maxLanguagesPerText)',
        limit: 'limits.maxLanguagesPerText',
      },
      {
        path: 'alternatives[0].label',
        message: 'has 31 languages, over the limit of 30 (limits.maxLanguagesPerText)',
        limit: 'limits.maxLanguagesPerText',
      },
    ]);
    expect(
      validateNewIncident(
        { services: ['eid'], impact: 'minor', title: manyLanguages(30), message: { da: 'B' } },
        document,
      ).ok,
    ).toBe(true);
    expect(
      errorsOf(validateServiceStatusChange({ status: 'degraded', message: manyLanguages(31) })),
    ).toEqual([expect.objectContaining({ path: 'message', limit: 'limits.maxLanguagesPerText' })]);
  });

  it('refuses more alternatives than the limit', () => {
    const alternative = { kind: 'phone', label: { da: 'Ring' }, href: 'tel:+4570123456' };
    const limits = { ...WRITE_LIMIT_DEFAULTS, maxAlternatives: 2 };
    const result = validateNewMaintenance(
      { ...newWindow, alternatives: [alternative, alternative, alternative] },
      document,
      { limits },
    );
    expect(errorsOf(result)).toEqual([
      {
        path: 'alternatives',
        message: 'has 3 alternatives, over the limit of 2 (limits.maxAlternatives)',
        limit: 'limits.maxAlternatives',
      },
    ]);
    expect(
      errorsOf(
        validateMaintenanceChange(
          { alternatives: [alternative, alternative, alternative] },
          document,
          window,
          {
            limits,
          },
        ),
      ),
    ).toEqual([expect.objectContaining({ path: 'alternatives', limit: 'limits.maxAlternatives' })]);
  });

  it('tells a limit apart from a malformed value', () => {
    const result = validateNewIncident(
      { services: ['eid'], impact: 'huge', title: manyLanguages(31), message: { da: 'B' } },
      document,
    );
    expect(!result.ok && onlyLimits(result.errors)).toBe(false);
  });

  it('reads limits from the feed config, filling in defaults and refusing nonsense', () => {
    const base = {
      defaultLocale: 'da',
      timeZone: 'Europe/Copenhagen',
      authorities: [{ id: 'digst', name: { da: 'D' }, tokens: [`sha256:${'0'.repeat(64)}`] }],
      services: [{ id: 'eid', name: { da: 'MitID' }, owner: 'digst' }],
    };
    expect(valueOf(validateFeedConfig(base)).limits).toEqual(FEED_LIMIT_DEFAULTS);
    expect(
      valueOf(validateFeedConfig({ ...base, limits: { maxUpdatesPerIncident: 50 } })).limits,
    ).toEqual({ ...FEED_LIMIT_DEFAULTS, maxUpdatesPerIncident: 50 });
    expect(
      errorsOf(
        validateFeedConfig({ ...base, limits: { maxLiveBytesPerAuthority: 0, maxBytes: 1 } }),
      ),
    ).toEqual([
      { path: 'limits.maxLiveBytesPerAuthority', message: 'must be a whole number above 0' },
      { path: 'limits.maxBytes', message: 'unknown field "maxBytes"' },
    ]);
  });
});

describe('maintenance that is already over', () => {
  it('refuses a new window whose end has passed, naming scheduledEnd', () => {
    const past = {
      ...newWindow,
      scheduledStart: '2026-03-13T22:00:00Z',
      scheduledEnd: '2026-03-14T02:00:00Z',
    };
    expect(errorsOf(validateNewMaintenance(past, document, { now }))).toEqual([
      {
        path: 'scheduledEnd',
        message:
          "2026-03-14T02:00:00Z has already passed (the feed's clock says 2026-03-14T12:00:00.000Z); a planned window must end in the future",
      },
    ]);
    // A window that has begun but not ended is still planned work.
    const running = { ...past, scheduledEnd: '2026-03-14T13:00:00Z' };
    expect(validateNewMaintenance(running, document, { now }).ok).toBe(true);
  });

  it('refuses moving a planned end into the past, but lets a window be completed in the past', () => {
    expect(
      errorsOf(
        validateMaintenanceChange(
          { scheduledStart: '2026-03-13T22:00:00Z', scheduledEnd: '2026-03-14T02:00:00Z' },
          document,
          window,
          { now },
        ),
      ),
    ).toEqual([expect.objectContaining({ path: 'scheduledEnd' })]);
    expect(
      validateMaintenanceChange(
        {
          state: 'completed',
          actualStart: '2026-03-14T09:00:00Z',
          actualEnd: '2026-03-14T10:00:00Z',
        },
        document,
        window,
        { now },
      ).ok,
    ).toBe(true);
  });
});

describe('maintenanceWarnings', () => {
  // eid declares a 5-day notice period and a 120-minute maximum single outage.
  it('warns when the notice is shorter than a service declares', () => {
    const soon: Maintenance = {
      ...window,
      scheduledStart: '2026-03-16T12:00:00Z',
      scheduledEnd: '2026-03-16T13:00:00Z',
    };
    expect(maintenanceWarnings(undefined, soon, document, now)).toEqual([
      {
        code: 'notice_period',
        path: 'scheduledStart',
        message:
          'announced 2 days ahead, but "eid" declares a notice period of 5 days (sla.noticePeriodDays)',
      },
    ]);
  });

  it('warns when the window is longer than the declared maximum single outage', () => {
    const long: Maintenance = { ...window, scheduledEnd: '2026-03-31T02:00:00+02:00' };
    expect(maintenanceWarnings(undefined, long, document, now)).toEqual([
      {
        code: 'max_outage',
        path: 'scheduledEnd',
        message:
          'the window lasts 240 minutes, but "eid" declares a maximum single outage of 120 minutes (sla.maxOutageMinutes)',
      },
    ]);
  });

  it('says nothing for a window within the declarations, or when only its state changes', () => {
    expect(maintenanceWarnings(undefined, window, document, now)).toEqual([]);
    const soon: Maintenance = {
      ...window,
      scheduledStart: '2026-03-16T12:00:00Z',
      scheduledEnd: '2026-03-16T13:00:00Z',
    };
    expect(maintenanceWarnings(soon, { ...soon, title: { da: 'Ny' } }, document, now)).toEqual([]);
    expect(maintenanceWarnings(soon, { ...soon, state: 'in_progress' }, document, now)).toEqual([]);
    // Rescheduling is judged again.
    expect(maintenanceWarnings(window, soon, document, now)).toHaveLength(1);
  });
});
