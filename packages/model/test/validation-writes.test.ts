import { describe, expect, it } from 'vitest';
import type { Incident, Maintenance, StatusDocument } from '../src/types.js';
import {
  validateIncidentUpdate,
  validateMaintenanceChange,
  validateNewIncident,
  validateNewMaintenance,
  validateServiceStatusChange,
} from '../src/validation/index.js';
import { containing, errorsOf, valueOf } from './validation-fixtures.js';

const document: StatusDocument = {
  defaultLocale: 'da',
  timeZone: 'Europe/Copenhagen',
  services: [
    { id: 'eid', name: { da: 'MitID' }, owner: 'digst', status: 'operational' },
    {
      id: 'login',
      name: { da: 'Log ind' },
      owner: 'digst',
      status: 'operational',
      dependsOn: ['eid'],
    },
    { id: 'digital-post', name: { da: 'Digital Post' }, owner: 'digst', status: 'operational' },
    {
      id: 'tax-return',
      name: { da: 'Årsopgørelse' },
      owner: 'skat',
      status: 'operational',
      dependsOn: ['login', { service: 'digital-post', optional: true }],
    },
  ],
  incidents: [
    {
      id: 'eid-down',
      services: ['eid'],
      impact: 'critical',
      title: { da: 'MitID er nede' },
      message: { da: 'Du kan ikke logge ind.' },
      state: 'investigating',
      startedAt: '2026-03-14T10:00:00+01:00',
      updates: [],
    },
    {
      id: 'post-slow',
      services: ['digital-post'],
      impact: 'minor',
      title: { da: 'Digital Post er langsom' },
      message: { da: 'Løst.' },
      state: 'resolved',
      startedAt: '2026-03-01T10:00:00Z',
      resolvedAt: '2026-03-01T11:00:00Z',
      updates: [],
    },
  ],
  maintenance: [],
};

const [openIncident, resolvedIncident] = document.incidents as [Incident, Incident];

const window: Maintenance = {
  id: 'eid-upgrade',
  services: ['eid'],
  title: { da: 'Opgradering' },
  message: { da: 'MitID er lukket.' },
  scheduledStart: '2026-03-20T22:00:00+01:00',
  scheduledEnd: '2026-03-21T02:00:00+01:00',
  announcedAt: '2026-03-13T12:00:00+01:00',
  state: 'scheduled',
};
const running: Maintenance = {
  ...window,
  state: 'in_progress',
  actualStart: '2026-03-20T22:05:00+01:00',
};
const withWindow: StatusDocument = { ...document, maintenance: [window] };

describe('validateNewIncident', () => {
  const minimal = {
    services: ['eid', 'login'],
    impact: 'major',
    title: { da: 'Log ind fejler' },
    message: { da: 'Vi undersøger det.', en: 'We are looking into it.' },
  };

  it('accepts the required fields alone, adding nothing', () => {
    expect(valueOf(validateNewIncident(minimal, document))).toEqual(minimal);
  });

  it('accepts every optional field', () => {
    const full = {
      ...minimal,
      id: 'login-fails',
      state: 'identified',
      startedAt: '2026-03-14T09:55:00+01:00',
      alternatives: [{ kind: 'phone', label: { da: 'Ring' }, href: 'tel:+4570123456' }],
      keepsWork: true,
    };
    expect(valueOf(validateNewIncident(full, document))).toEqual(full);
  });

  it('needs services, impact, title and message', () => {
    expect(errorsOf(validateNewIncident({}, document))).toEqual([
      { path: 'services', message: 'is required' },
      { path: 'impact', message: 'is required' },
      { path: 'title', message: 'is required' },
      { path: 'message', message: 'is required' },
    ]);
  });

  it('wants known services, at least one, none twice', () => {
    const input = { ...minimal, services: ['mitid2', 'eid', 'eid'] };
    expect(errorsOf(validateNewIncident(input, document))).toEqual([
      { path: 'services[0]', message: 'unknown service "mitid2"' },
      { path: 'services[2]', message: 'duplicate service "eid" (also services[1])' },
    ]);
    expect(errorsOf(validateNewIncident({ ...minimal, services: [] }, document))).toEqual([
      { path: 'services', message: 'must name at least one service' },
    ]);
  });

  it('does not open an incident as resolved', () => {
    expect(errorsOf(validateNewIncident({ ...minimal, state: 'resolved' }, document))).toEqual([
      { path: 'state', message: 'a new incident cannot start resolved' },
    ]);
  });

  it('rejects a taken or malformed id', () => {
    expect(errorsOf(validateNewIncident({ ...minimal, id: 'eid-down' }, document))).toEqual([
      { path: 'id', message: 'incident "eid-down" already exists' },
    ]);
    expect(errorsOf(validateNewIncident({ ...minimal, id: 'Eid Down' }, document))).toEqual([
      { path: 'id', message: containing('is not an id') },
    ]);
  });

  it('reports every problem, unknown fields included', () => {
    const input = { ...minimal, impact: 'huge', startedAt: 'now', colour: 'red', keepsWork: 1 };
    expect(errorsOf(validateNewIncident(input, document))).toEqual([
      { path: 'impact', message: 'must be one of "minor", "major", "critical"' },
      {
        path: 'startedAt',
        message: 'must be a date-time with an offset, e.g. 2026-03-14T22:00:00+01:00',
      },
      { path: 'keepsWork', message: 'must be true or false' },
      { path: 'colour', message: 'unknown field "colour"' },
    ]);
  });

  it('gives one root issue when the input is not an object', () => {
    expect(errorsOf(validateNewIncident('eid is down', document))).toEqual([
      { path: '', message: 'must be an object' },
    ]);
  });

  it('returns a copy the caller cannot change afterwards', () => {
    const input = { ...minimal, services: ['eid'], title: { da: 'Før' } };
    const value = valueOf(validateNewIncident(input, document));
    input.services.push('login');
    input.title.da = 'Efter';
    expect(value.services).toEqual(['eid']);
    expect(value.title).toEqual({ da: 'Før' });
  });
});

describe('validateIncidentUpdate', () => {
  const update = { state: 'identified', message: { da: 'Fejlen er fundet.' } };

  it('accepts a state and a message', () => {
    expect(valueOf(validateIncidentUpdate(update, document, openIncident))).toEqual(update);
  });

  it('accepts resolving with a time and changing the other fields', () => {
    const input = {
      state: 'resolved',
      message: { da: 'Løst.' },
      impact: 'minor',
      services: ['eid', 'login'],
      time: '2026-03-14T11:00:00+01:00',
      title: { da: 'MitID var nede' },
      alternatives: [],
      keepsWork: false,
    };
    expect(valueOf(validateIncidentUpdate(input, document, openIncident))).toEqual(input);
  });

  it('rejects updating an incident that is already resolved', () => {
    expect(errorsOf(validateIncidentUpdate(update, document, resolvedIncident))).toEqual([
      { path: '', message: 'incident "post-slow" is already resolved' },
    ]);
  });

  it('does not let the update come before the incident started', () => {
    const early = { ...update, time: '2026-03-14T08:59:59Z' };
    expect(errorsOf(validateIncidentUpdate(early, document, openIncident))).toEqual([
      { path: 'time', message: "time must not be before the incident's startedAt" },
    ]);
    const sameInstant = { ...update, time: '2026-03-14T09:00:00Z' };
    expect(validateIncidentUpdate(sameInstant, document, openIncident).ok).toBe(true);
  });

  it('needs a state and a message, and checks the rest', () => {
    const input = { services: ['mitid2'], title: { da: '' }, reason: 'x' };
    expect(errorsOf(validateIncidentUpdate(input, document, openIncident))).toEqual([
      { path: 'state', message: 'is required' },
      { path: 'message', message: 'is required' },
      { path: 'services[0]', message: 'unknown service "mitid2"' },
      { path: 'title.da', message: 'must not be empty' },
      { path: 'reason', message: 'unknown field "reason"' },
    ]);
  });
});

describe('validateNewMaintenance', () => {
  const planned = {
    services: ['tax-return'],
    title: { da: 'Opdatering' },
    message: { da: 'Årsopgørelsen er lukket søndag nat.' },
    scheduledStart: '2026-03-22T01:00:00+01:00',
    scheduledEnd: '2026-03-22T05:00:00+01:00',
  };

  it('accepts a window with its optional fields', () => {
    expect(valueOf(validateNewMaintenance(planned, document))).toEqual(planned);
    const full = {
      ...planned,
      id: 'tax-update',
      alternatives: [{ kind: 'paper', label: { da: 'Blanket' } }],
      keepsWork: true,
    };
    expect(valueOf(validateNewMaintenance(full, document))).toEqual(full);
  });

  it('wants the end after the start', () => {
    const backwards = { ...planned, scheduledEnd: '2026-03-22T00:00:00Z' };
    expect(errorsOf(validateNewMaintenance(backwards, document))).toEqual([
      { path: 'scheduledEnd', message: 'scheduledEnd must be after scheduledStart' },
    ]);
  });

  it('checks the order even when another field is wrong', () => {
    const input = { ...planned, title: {}, scheduledEnd: planned.scheduledStart };
    expect(errorsOf(validateNewMaintenance(input, document))).toEqual([
      { path: 'title', message: 'must have text in at least one language' },
      { path: 'scheduledEnd', message: 'scheduledEnd must be after scheduledStart' },
    ]);
  });

  it('needs every required field and no taken id', () => {
    expect(errorsOf(validateNewMaintenance({ id: 'eid-upgrade' }, withWindow))).toEqual([
      { path: 'id', message: 'maintenance "eid-upgrade" already exists' },
      { path: 'scheduledStart', message: 'is required' },
      { path: 'scheduledEnd', message: 'is required' },
      { path: 'services', message: 'is required' },
      { path: 'title', message: 'is required' },
      { path: 'message', message: 'is required' },
    ]);
  });

  it('does not accept a state: a new window is always scheduled', () => {
    expect(errorsOf(validateNewMaintenance({ ...planned, state: 'scheduled' }, document))).toEqual([
      { path: 'state', message: 'unknown field "state"' },
    ]);
  });
});

describe('validateMaintenanceChange', () => {
  it('starts, completes or cancels a scheduled window', () => {
    for (const state of ['in_progress', 'completed', 'cancelled']) {
      expect(valueOf(validateMaintenanceChange({ state }, withWindow, window))).toEqual({ state });
    }
  });

  it('completes or cancels a running window, but does not start it again', () => {
    for (const state of ['completed', 'cancelled']) {
      expect(validateMaintenanceChange({ state }, withWindow, running).ok).toBe(true);
    }
    expect(
      errorsOf(validateMaintenanceChange({ state: 'in_progress' }, withWindow, running)),
    ).toEqual([{ path: 'state', message: 'cannot go from in_progress to in_progress' }]);
  });

  it('never goes back to scheduled', () => {
    expect(
      errorsOf(validateMaintenanceChange({ state: 'scheduled' }, withWindow, running)),
    ).toEqual([
      { path: 'state', message: 'must be one of "in_progress", "completed", "cancelled"' },
    ]);
  });

  it('treats completed and cancelled as final', () => {
    for (const state of ['completed', 'cancelled'] as const) {
      const finished: Maintenance = { ...running, state, actualEnd: '2026-03-21T01:00:00+01:00' };
      expect(
        errorsOf(validateMaintenanceChange({ message: { da: 'Ny tekst' } }, withWindow, finished)),
      ).toEqual([{ path: '', message: `maintenance "eid-upgrade" is ${state} and cannot change` }]);
    }
  });

  it('needs at least one field', () => {
    expect(errorsOf(validateMaintenanceChange({}, withWindow, window))).toEqual([
      { path: '', message: 'must change at least one field' },
    ]);
    expect(errorsOf(validateMaintenanceChange({ state: undefined }, withWindow, window))).toEqual([
      { path: '', message: 'must change at least one field' },
    ]);
  });

  it('reschedules only while scheduled', () => {
    const later = {
      scheduledStart: '2026-03-27T22:00:00+01:00',
      scheduledEnd: '2026-03-28T02:00:00+01:00',
    };
    expect(valueOf(validateMaintenanceChange(later, withWindow, window))).toEqual(later);
    expect(errorsOf(validateMaintenanceChange(later, withWindow, running))).toEqual([
      {
        path: 'scheduledStart',
        message: 'can only be rescheduled while scheduled (it is in_progress)',
      },
      {
        path: 'scheduledEnd',
        message: 'can only be rescheduled while scheduled (it is in_progress)',
      },
    ]);
  });

  it('keeps the merged window in order', () => {
    const startAfterEnd = { scheduledStart: '2026-03-21T03:00:00+01:00' };
    expect(errorsOf(validateMaintenanceChange(startAfterEnd, withWindow, window))).toEqual([
      { path: 'scheduledStart', message: 'scheduledEnd must be after scheduledStart' },
    ]);
    const endBeforeStart = { scheduledEnd: '2026-03-20T21:00:00+01:00' };
    expect(errorsOf(validateMaintenanceChange(endBeforeStart, withWindow, window))).toEqual([
      { path: 'scheduledEnd', message: 'scheduledEnd must be after scheduledStart' },
    ]);
    const endBeforeActualStart = { state: 'completed', actualEnd: '2026-03-20T22:00:00+01:00' };
    expect(errorsOf(validateMaintenanceChange(endBeforeActualStart, withWindow, running))).toEqual([
      { path: 'actualEnd', message: 'actualEnd must be after actualStart' },
    ]);
    const done = { state: 'completed', actualEnd: '2026-03-21T01:00:00+01:00' };
    expect(valueOf(validateMaintenanceChange(done, withWindow, running))).toEqual(done);
  });

  it('takes actual times only once the window has started', () => {
    const start = { state: 'in_progress', actualStart: '2026-03-20T22:01:00+01:00' };
    expect(valueOf(validateMaintenanceChange(start, withWindow, window))).toEqual(start);
    expect(
      errorsOf(validateMaintenanceChange({ actualStart: start.actualStart }, withWindow, window)),
    ).toEqual([{ path: 'actualStart', message: 'must be absent while state is scheduled' }]);
  });

  it('checks the text, services and alternatives it replaces', () => {
    const input = {
      title: { da: 'x'.repeat(201) },
      services: ['eid', 'nemid'],
      alternatives: [{ kind: 'phone', label: { da: 'Ring' }, href: 'tel:112' }],
      keepsWork: 'no',
    };
    expect(errorsOf(validateMaintenanceChange(input, withWindow, window))).toEqual([
      { path: 'title.da', message: 'must be at most 200 characters' },
      { path: 'services[1]', message: 'unknown service "nemid"' },
      {
        path: 'alternatives[0].href',
        message: 'tel: href must be an E.164 number, e.g. tel:+4570123456',
      },
      { path: 'keepsWork', message: 'must be true or false' },
    ]);
  });
});

describe('validateServiceStatusChange', () => {
  it('accepts a status with or without a message', () => {
    expect(valueOf(validateServiceStatusChange({ status: 'major_outage' }))).toEqual({
      status: 'major_outage',
    });
    const input = { status: 'degraded', message: { da: 'Langsomt', en: 'Slow' } };
    expect(valueOf(validateServiceStatusChange(input))).toEqual(input);
  });

  it('rejects an unknown status, a bad message and extra fields', () => {
    expect(
      errorsOf(validateServiceStatusChange({ status: 'down', message: 'Slow', since: 'now' })),
    ).toEqual([
      {
        path: 'status',
        message:
          'must be one of "operational", "degraded", "partial_outage", "maintenance", "major_outage", "unknown"',
      },
      { path: 'message', message: 'must be an object of language tag → text, e.g. { "da": "…" }' },
      { path: 'since', message: 'unknown field "since"' },
    ]);
    expect(errorsOf(validateServiceStatusChange(null))).toEqual([
      { path: '', message: 'must be an object' },
    ]);
  });
});
