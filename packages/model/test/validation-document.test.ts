import { describe, expect, it } from 'vitest';
import { validateDocument } from '../src/validation/index.js';
import {
  ABSENT,
  catalogue,
  containing,
  edited,
  errorsOf,
  setPaths,
  valueOf,
} from './validation-fixtures.js';

/** The issues for the catalogue with `edits` applied. */
function issuesAfter(edits: Record<string, unknown>) {
  return errorsOf(validateDocument(edited(edits)));
}

describe('validateDocument: the document as a whole', () => {
  it('accepts a valid catalogue and returns it unchanged', () => {
    expect(valueOf(validateDocument(catalogue()))).toEqual(catalogue());
  });

  it.each([null, undefined, [], 'status', 42, true])('gives one root issue for %j', (input) => {
    expect(errorsOf(validateDocument(input))).toEqual([{ path: '', message: 'must be an object' }]);
  });

  it('names every missing required field', () => {
    expect(errorsOf(validateDocument({}))).toEqual([
      { path: 'defaultLocale', message: 'is required' },
      { path: 'timeZone', message: 'is required' },
      { path: 'services', message: 'is required' },
      { path: 'incidents', message: 'is required' },
      { path: 'maintenance', message: 'is required' },
    ]);
  });

  it('accepts empty collections and no authorities', () => {
    const input = {
      defaultLocale: 'se',
      timeZone: 'UTC',
      services: [],
      incidents: [],
      maintenance: [],
    };
    expect(valueOf(validateDocument(input))).toEqual(input);
  });

  it('checks the default locale and time zone', () => {
    expect(issuesAfter({ defaultLocale: 'en_GB', timeZone: 'Europe/Copenhagn' })).toEqual([
      { path: 'defaultLocale', message: '"en_GB" is not a language tag, e.g. da, en-GB, sma' },
      {
        path: 'timeZone',
        message: '"Europe/Copenhagn" is not an IANA time zone, e.g. Europe/Copenhagen',
      },
    ]);
  });

  it('wants the collections to be arrays, without then calling every reference unknown', () => {
    expect(issuesAfter({ services: {}, incidents: 'none', authorities: null })).toEqual([
      { path: 'authorities', message: 'must be an array' },
      { path: 'services', message: 'must be an array' },
      { path: 'incidents', message: 'must be an array' },
    ]);
  });

  it('rejects unknown fields everywhere, naming them', () => {
    expect(
      issuesAfter({
        colour: 'red',
        'services[0].colour': 'red',
        'services[3].dependsOn[1].weight': 2,
        'services[0].sla.uptime': 99,
        'services[0].alternatives[0].icon': 'phone',
        'incidents[0].updates[1].author': 'ops',
        'maintenance[0].owner': 'digst',
        'authorities[0].token': 'secret',
      }),
    ).toEqual([
      { path: 'authorities[0].token', message: 'unknown field "token"' },
      { path: 'services[0].sla.uptime', message: 'unknown field "uptime"' },
      { path: 'services[0].alternatives[0].icon', message: 'unknown field "icon"' },
      { path: 'services[0].colour', message: 'unknown field "colour"' },
      { path: 'services[3].dependsOn[1].weight', message: 'unknown field "weight"' },
      { path: 'incidents[0].updates[1].author', message: 'unknown field "author"' },
      { path: 'maintenance[0].owner', message: 'unknown field "owner"' },
      { path: 'colour', message: 'unknown field "colour"' },
    ]);
  });

  it('reports all problems at once, each at its own path', () => {
    expect(
      issuesAfter({
        'services[1].dependsOn[0]': 'mitid2',
        'services[2].status': 'down',
        'incidents[0].title.da': '',
        'maintenance[0].scheduledEnd': '2026-03-20T21:00:00+01:00',
        'services[3].alternatives[1].href': 'http://skat.dk',
      }),
    ).toEqual([
      { path: 'services[1].dependsOn[0]', message: 'unknown service "mitid2"' },
      {
        path: 'services[2].status',
        message:
          'must be one of "operational", "degraded", "partial_outage", "maintenance", "major_outage", "unknown"',
      },
      { path: 'services[3].alternatives[1].href', message: 'href must be https, tel: or mailto:' },
      { path: 'incidents[0].title.da', message: 'must not be empty' },
      { path: 'maintenance[0].scheduledEnd', message: 'scheduledEnd must be after scheduledStart' },
    ]);
  });
});

describe('validateDocument: ids', () => {
  const extraService = { name: { da: 'Ny' }, owner: 'digst', status: 'operational' };

  it('checks the id of every kind of entity', () => {
    expect(
      issuesAfter({
        'authorities[2]': { id: 'DIGST', name: { da: 'Store bogstaver' } },
        'services[4]': { ...extraService, id: 'e id' },
        'incidents[0].id': '',
        'maintenance[0].id': 12,
      }),
    ).toEqual([
      { path: 'authorities[2].id', message: containing('"DIGST" is not an id') },
      { path: 'services[4].id', message: containing('"e id" is not an id') },
      { path: 'incidents[0].id', message: containing('"" is not an id') },
      { path: 'maintenance[0].id', message: 'must be a string' },
    ]);
  });

  it('rejects duplicate ids within each collection, pointing at the first', () => {
    const input = catalogue();
    expect(
      issuesAfter({
        'authorities[2]': { id: 'digst', name: { da: 'Igen' } },
        'services[4]': { ...extraService, id: 'eid' },
        'incidents[2]': { ...input.incidents[1], id: 'eid-slow' },
        'maintenance[4]': { ...input.maintenance[3], id: 'eid-upgrade' },
      }),
    ).toEqual([
      { path: 'authorities[2].id', message: 'duplicate id "digst" (also authorities[0])' },
      { path: 'services[4].id', message: 'duplicate id "eid" (also services[0])' },
      { path: 'incidents[2].id', message: 'duplicate id "eid-slow" (also incidents[0])' },
      { path: 'maintenance[4].id', message: 'duplicate id "eid-upgrade" (also maintenance[0])' },
    ]);
  });

  it('allows the same id in different collections', () => {
    const input = edited({ 'incidents[0].id': 'eid', 'maintenance[0].id': 'eid' });
    expect(validateDocument(input).ok).toBe(true);
  });
});

describe('validateDocument: services', () => {
  it('requires id, name, owner and status', () => {
    expect(issuesAfter({ 'services[4]': { dependsOn: ['eid'] } })).toEqual([
      { path: 'services[4].id', message: 'is required' },
      { path: 'services[4].name', message: 'is required' },
      { path: 'services[4].owner', message: 'is required' },
      { path: 'services[4].status', message: 'is required' },
    ]);
  });

  it('checks the owner against the authorities when there are any', () => {
    expect(issuesAfter({ 'services[0].owner': 'mitid-team' })).toEqual([
      { path: 'services[0].owner', message: 'unknown authority "mitid-team"' },
    ]);
    const noAuthorities = edited({ authorities: ABSENT, 'services[0].owner': 'mitid-team' });
    expect(validateDocument(noAuthorities).ok).toBe(true);
    expect(
      errorsOf(validateDocument(edited({ 'services[0].owner': 'Mitid Team' }, noAuthorities))),
    ).toEqual([{ path: 'services[0].owner', message: containing('is not an id') }]);
  });

  it('wants an https url and a real time zone', () => {
    expect(
      issuesAfter({ 'services[0].url': 'http://www.mitid.dk', 'services[3].timeZone': 'CET+1' }),
    ).toEqual([
      { path: 'services[0].url', message: 'must be an https URL, e.g. https://example.org/help' },
      {
        path: 'services[3].timeZone',
        message: '"CET+1" is not an IANA time zone, e.g. Europe/Copenhagen',
      },
    ]);
  });

  it('checks the SLA declaration', () => {
    expect(
      issuesAfter({
        'services[0].sla': { availabilityTarget: 0, maxOutageMinutes: 0.5, noticePeriodDays: -1 },
      }),
    ).toEqual([
      { path: 'services[0].sla.availabilityTarget', message: 'must be above 0 and at most 100' },
      { path: 'services[0].sla.maxOutageMinutes', message: 'must be a whole number above 0' },
      { path: 'services[0].sla.noticePeriodDays', message: 'must be a whole number, 0 or more' },
    ]);
    expect(issuesAfter({ 'services[0].sla': { noticePeriodDays: 0 } })).toEqual([
      { path: 'services[0].sla.availabilityTarget', message: 'is required' },
    ]);
    expect(validateDocument(edited({ 'services[0].sla': { availabilityTarget: 100 } })).ok).toBe(
      true,
    );
  });

  it('checks status message and time', () => {
    expect(
      issuesAfter({
        'services[2].statusMessage': { da: 'a'.repeat(5001) },
        'services[2].statusSince': 'today',
      }),
    ).toEqual([
      { path: 'services[2].statusMessage.da', message: 'must be at most 5000 characters' },
      {
        path: 'services[2].statusSince',
        message: 'must be a date-time with an offset, e.g. 2026-03-14T22:00:00+01:00',
      },
    ]);
  });

  it('checks alternatives', () => {
    expect(
      issuesAfter({
        'services[0].alternatives[0].kind': 'fax',
        'services[0].alternatives[0].label': { da: 'x'.repeat(201) },
        'services[3].alternatives[0].detail': {},
        'services[3].alternatives[1]': { kind: 'web' },
      }),
    ).toEqual([
      {
        path: 'services[0].alternatives[0].kind',
        message:
          'must be one of "phone", "in_person", "paper", "web", "email", "deadline", "other"',
      },
      { path: 'services[0].alternatives[0].label.da', message: 'must be at most 200 characters' },
      {
        path: 'services[3].alternatives[0].detail',
        message: 'must have text in at least one language',
      },
      { path: 'services[3].alternatives[1].label', message: 'is required' },
    ]);
  });
});

describe('validateDocument: dependencies', () => {
  it('accepts plain ids and optional entries', () => {
    const value = valueOf(validateDocument(catalogue()));
    expect(value.services[3]?.dependsOn).toEqual([
      'login',
      { service: 'digital-post', optional: true },
    ]);
  });

  it('rejects unknown services, in both forms', () => {
    expect(
      issuesAfter({ 'services[3].dependsOn': ['mitid2', { service: 'post2', optional: true }] }),
    ).toEqual([
      { path: 'services[3].dependsOn[0]', message: 'unknown service "mitid2"' },
      { path: 'services[3].dependsOn[1].service', message: 'unknown service "post2"' },
    ]);
  });

  it('rejects a service depending on itself', () => {
    expect(issuesAfter({ 'services[1].dependsOn': ['eid', { service: 'login' }] })).toEqual([
      { path: 'services[1].dependsOn[1]', message: 'service "login" cannot depend on itself' },
    ]);
  });

  it('rejects the same dependency twice, whatever the form', () => {
    expect(
      issuesAfter({ 'services[3].dependsOn': ['login', 'digital-post', { service: 'login' }] }),
    ).toEqual([
      {
        path: 'services[3].dependsOn[2]',
        message: 'duplicate dependency "login" (also services[3].dependsOn[0])',
      },
    ]);
  });

  it('rejects malformed entries', () => {
    expect(
      issuesAfter({
        'services[3].dependsOn': [42, { optional: true }, { service: 'login', optional: 'yes' }],
      }),
    ).toEqual([
      {
        path: 'services[3].dependsOn[0]',
        message: 'must be a service id or { "service": id, "optional": true }',
      },
      { path: 'services[3].dependsOn[1].service', message: 'is required' },
      { path: 'services[3].dependsOn[2].optional', message: 'must be true or false' },
    ]);
    expect(issuesAfter({ 'services[1].dependsOn': 'eid' })).toEqual([
      { path: 'services[1].dependsOn', message: 'must be an array' },
    ]);
  });
});

describe('validateDocument: incidents', () => {
  it('checks the services it concerns', () => {
    expect(issuesAfter({ 'incidents[0].services': [] })).toEqual([
      { path: 'incidents[0].services', message: 'must name at least one service' },
    ]);
    expect(issuesAfter({ 'incidents[0].services': ['eid', 'mitid2', 'eid'] })).toEqual([
      { path: 'incidents[0].services[1]', message: 'unknown service "mitid2"' },
      {
        path: 'incidents[0].services[2]',
        message: 'duplicate service "eid" (also incidents[0].services[0])',
      },
    ]);
    expect(issuesAfter({ 'incidents[0].services': 'eid' })).toEqual([
      { path: 'incidents[0].services', message: 'must be an array of service ids' },
    ]);
  });

  it('checks impact and state', () => {
    expect(issuesAfter({ 'incidents[0].impact': 'huge', 'incidents[0].state': 'closed' })).toEqual([
      {
        path: 'incidents[0].state',
        message: 'must be one of "investigating", "identified", "monitoring", "resolved"',
      },
      { path: 'incidents[0].impact', message: 'must be one of "minor", "major", "critical"' },
    ]);
  });

  it('wants resolvedAt exactly when the incident is resolved', () => {
    expect(issuesAfter({ 'incidents[1].resolvedAt': ABSENT })).toEqual([
      { path: 'incidents[1].resolvedAt', message: 'is required when state is resolved' },
    ]);
    expect(issuesAfter({ 'incidents[0].resolvedAt': '2026-03-14T10:00:00+01:00' })).toEqual([
      { path: 'incidents[0].resolvedAt', message: 'must be absent unless state is resolved' },
    ]);
  });

  it('does not repeat a bad resolvedAt as a missing one', () => {
    expect(issuesAfter({ 'incidents[1].resolvedAt': 'soon' })).toEqual([
      {
        path: 'incidents[1].resolvedAt',
        message: 'must be a date-time with an offset, e.g. 2026-03-14T22:00:00+01:00',
      },
    ]);
  });

  it('keeps resolvedAt and updates from before the start', () => {
    expect(
      issuesAfter({
        'incidents[1].resolvedAt': '2026-03-10T09:59:59Z',
        'incidents[0].updates[0].time': '2026-03-14T07:59:00Z',
      }),
    ).toEqual([
      { path: 'incidents[0].updates[0].time', message: 'time must not be before startedAt' },
      { path: 'incidents[1].resolvedAt', message: 'resolvedAt must not be before startedAt' },
    ]);
    // The same instant in another offset is not before it.
    const sameInstant = edited({ 'incidents[0].updates[0].time': '2026-03-14T08:00:00Z' });
    expect(validateDocument(sameInstant).ok).toBe(true);
  });

  it('needs an updates array, which may be empty', () => {
    expect(issuesAfter({ 'incidents[0].updates': ABSENT })).toEqual([
      { path: 'incidents[0].updates', message: 'is required' },
    ]);
    expect(issuesAfter({ 'incidents[0].updates': {} })).toEqual([
      { path: 'incidents[0].updates', message: 'must be an array' },
    ]);
    expect(
      issuesAfter({ 'incidents[0].updates[1]': { time: '2026-03-14T09:30:00+01:00' } }),
    ).toEqual([
      { path: 'incidents[0].updates[1].state', message: 'is required' },
      { path: 'incidents[0].updates[1].message', message: 'is required' },
    ]);
    expect(validateDocument(edited({ 'incidents[0].updates': [] })).ok).toBe(true);
  });

  it('checks keepsWork', () => {
    expect(issuesAfter({ 'incidents[0].keepsWork': 'yes' })).toEqual([
      { path: 'incidents[0].keepsWork', message: 'must be true or false' },
    ]);
  });
});

describe('validateDocument: maintenance', () => {
  it('wants the scheduled end after the start', () => {
    for (const scheduledEnd of ['2026-03-20T22:00:00+01:00', '2026-03-20T20:00:00Z']) {
      expect(issuesAfter({ 'maintenance[0].scheduledEnd': scheduledEnd })).toEqual([
        {
          path: 'maintenance[0].scheduledEnd',
          message: 'scheduledEnd must be after scheduledStart',
        },
      ]);
    }
  });

  it('wants the actual times each state implies', () => {
    expect(
      issuesAfter({ 'maintenance[1].actualStart': ABSENT, 'maintenance[2].actualEnd': ABSENT }),
    ).toEqual([
      { path: 'maintenance[1].actualStart', message: 'is required when state is in_progress' },
      { path: 'maintenance[2].actualEnd', message: 'is required when state is completed' },
    ]);
    expect(issuesAfter({ 'maintenance[2].actualStart': ABSENT })).toEqual([
      { path: 'maintenance[2].actualStart', message: 'is required when state is completed' },
    ]);
  });

  it('wants no actual times while scheduled', () => {
    expect(
      issuesAfter({
        'maintenance[0].actualStart': '2026-03-20T22:00:00+01:00',
        'maintenance[0].actualEnd': '2026-03-20T23:00:00+01:00',
      }),
    ).toEqual([
      { path: 'maintenance[0].actualStart', message: 'must be absent while state is scheduled' },
      { path: 'maintenance[0].actualEnd', message: 'must be absent while state is scheduled' },
    ]);
  });

  it('wants the actual end after the actual start', () => {
    expect(issuesAfter({ 'maintenance[2].actualEnd': '2026-03-01T21:00:00Z' })).toEqual([
      { path: 'maintenance[2].actualEnd', message: 'actualEnd must be after actualStart' },
    ]);
  });

  it('checks the services and the state', () => {
    expect(
      issuesAfter({ 'maintenance[0].services[1]': 'eid', 'maintenance[0].state': 'done' }),
    ).toEqual([
      {
        path: 'maintenance[0].state',
        message: 'must be one of "scheduled", "in_progress", "completed", "cancelled"',
      },
      {
        path: 'maintenance[0].services[1]',
        message: 'duplicate service "eid" (also maintenance[0].services[0])',
      },
    ]);
  });
});

describe('validateDocument: the returned value', () => {
  it('is a deep copy that later changes to the input cannot reach', () => {
    const input = catalogue();
    const value = valueOf(validateDocument(input));
    setPaths(input, {
      'services[0].name.da': 'Ændret',
      'services[3].dependsOn[2]': 'eid',
      'services[3].dependsOn[1].optional': false,
      'incidents[0].updates.length': 0,
      'maintenance[0].services[1]': 'digital-post',
    });
    expect(value).toEqual(catalogue());
    expect(value.services[3]).not.toBe(input.services[3]);
    expect(value.services[3]?.dependsOn?.[1]).not.toBe(input.services[3]?.dependsOn?.[1]);
  });

  it('leaves absent optional fields absent, and treats undefined as absent', () => {
    const input = edited({ 'services[1].url': undefined });
    const login = valueOf(validateDocument(input)).services[1];
    expect(login && Object.keys(login)).toEqual(['id', 'name', 'owner', 'status', 'dependsOn']);
  });
});
