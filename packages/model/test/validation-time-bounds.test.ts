import { describe, expect, it } from 'vitest';
import { validateFeedConfig, validateNewMaintenance } from '../src/validation/index.js';
import { timestamp } from '../src/validation/time.js';
import { catalogue, errorsOf, messagesOf } from './validation-fixtures.js';

const OUT_OF_RANGE = 'must be from 1970 to 9999 in UTC';

describe('timestamps are bounded after conversion to UTC', () => {
  it.each([
    '1970-01-01T00:00:00Z',
    '1970-01-01T01:00:00+01:00',
    '9999-12-31T23:59:59Z',
    '9999-12-31T23:59:59.999Z',
    '9999-12-31T18:59:00-05:00',
    '2026-03-14T22:00:00+01:00',
  ])('accepts %j', (value) => {
    expect(messagesOf(timestamp, value)).toEqual([]);
  });

  it.each([
    ['0000-01-01T00:00:00+01:00', 'year -1'],
    ['0000-01-01T00:00:00Z', 'year 0'],
    ['0001-01-01T00:00:00Z', 'year 1'],
    ['1969-12-31T23:59:59Z', 'year 1969'],
    ['1970-01-01T00:30:00+01:00', 'year 1969'],
    ['9999-12-31T23:30:00-05:00', 'year 10000'],
    ['9999-12-31T20:00:00-14:00', 'year 10000'],
  ])('rejects %j, naming the year it is in UTC', (value, year) => {
    expect(messagesOf(timestamp, value)).toEqual([`${OUT_OF_RANGE} (in UTC this is ${year})`]);
  });
});

describe('out-of-range times name their field', () => {
  it('in an admin write', () => {
    const planned = {
      services: ['tax-return'],
      title: { da: 'Opdatering' },
      message: { da: 'Lukket.' },
      scheduledStart: '2026-03-22T01:00:00+01:00',
      scheduledEnd: '9999-12-31T23:30:00-05:00',
    };
    expect(errorsOf(validateNewMaintenance(planned, catalogue()))).toEqual([
      { path: 'scheduledEnd', message: `${OUT_OF_RANGE} (in UTC this is year 10000)` },
    ]);
  });

  it('in the config', () => {
    const result = validateFeedConfig({
      defaultLocale: 'da',
      timeZone: 'Europe/Copenhagen',
      authorities: [{ id: 'digst', name: { da: 'Digst' }, tokens: [`sha256:${'a'.repeat(64)}`] }],
      services: [
        {
          id: 'eid',
          name: { da: 'MitID' },
          owner: 'digst',
          statusSince: '0000-01-01T00:00:00+01:00',
        },
      ],
    });
    expect(result.ok ? [] : result.errors).toEqual([
      { path: 'services[0].statusSince', message: `${OUT_OF_RANGE} (in UTC this is year -1)` },
    ]);
  });
});
