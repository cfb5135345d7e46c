import { describe, expect, it } from 'vitest';
import { href, httpsUrl } from '../src/validation/links.js';
import {
  id,
  localeTag,
  longText,
  nonNegativeInteger,
  percentage,
  positiveInteger,
  shortText,
} from '../src/validation/primitives.js';
import { fieldPath, quote } from '../src/validation/reader.js';
import { timestamp, timeZone } from '../src/validation/time.js';
import { issuesOf, messagesOf } from './validation-fixtures.js';

describe('ids', () => {
  it.each(['eid', 'tax-return', '0', 'a'.repeat(64), 'mitid-2'])('accepts %j', (value) => {
    expect(messagesOf(id, value)).toEqual([]);
  });

  it.each(['MitID', '-eid', 'tax_return', 'a'.repeat(65), '', 'æøå', 'eid '])(
    'rejects %j',
    (value) => {
      expect(messagesOf(id, value)).toEqual([
        `${JSON.stringify(value)} is not an id: use 1–64 lowercase letters, digits and hyphens, starting with a letter or digit`,
      ]);
    },
  );

  it('says when it is not a string at all', () => {
    expect(messagesOf(id, 7)).toEqual(['must be a string']);
  });

  it('cuts a huge value short in the message', () => {
    const [message] = messagesOf(id, 'X'.repeat(10_000));
    expect(message?.length).toBeLessThan(250);
  });
});

describe('language tags', () => {
  it.each(['se', 'fi', 'en-GB', 'nb', 'sma', 'da', 'zh-Hant-TW', 'de-CH-1996'])(
    'accepts %j',
    (tag) => {
      expect(messagesOf(localeTag, tag)).toEqual([]);
    },
  );

  it.each(['en_GB', 'e', 'english', 'da-', '', 'en-GB-x-toolongtag1'])('rejects %j', (tag) => {
    expect(messagesOf(localeTag, tag)).toEqual([
      `${JSON.stringify(tag)} is not a language tag, e.g. da, en-GB, sma`,
    ]);
  });
});

describe('localized text', () => {
  it('accepts plain text in several languages, markup included, since it is never read as HTML', () => {
    expect(messagesOf(shortText, { da: 'Log <b>ind</b>', 'en-GB': 'Log in', se: 'Čálit' })).toEqual(
      [],
    );
  });

  it('returns a copy, not the object it was given', () => {
    const text = { da: 'Hej' };
    const read = shortText(text, 'x', []);
    expect(read).toEqual(text);
    expect(read).not.toBe(text);
  });

  it('needs an object with at least one language', () => {
    expect(messagesOf(shortText, {})).toEqual(['must have text in at least one language']);
    expect(messagesOf(shortText, 'Log ind')).toEqual([
      'must be an object of language tag → text, e.g. { "da": "…" }',
    ]);
    expect(messagesOf(shortText, ['Log ind'])).toHaveLength(1);
  });

  it('reports every bad entry at its own path', () => {
    expect(
      issuesOf(shortText, { da: '  \n', en_GB: 'Log in', 'en-GB': 3, fi: 'Kirjaudu' }),
    ).toEqual([
      { path: 'x.da', message: 'must not be empty' },
      { path: 'x.en_GB', message: '"en_GB" is not a language tag, e.g. da, en-GB, sma' },
      { path: 'x["en-GB"]', message: 'must be a string' },
    ]);
  });

  it('limits titles to 200 and messages to 5,000 characters', () => {
    expect(messagesOf(shortText, { da: 'a'.repeat(200) })).toEqual([]);
    expect(messagesOf(shortText, { da: 'a'.repeat(201) })).toEqual([
      'must be at most 200 characters',
    ]);
    expect(messagesOf(longText, { da: 'a'.repeat(5000) })).toEqual([]);
    expect(messagesOf(longText, { da: 'a'.repeat(5001) })).toEqual([
      'must be at most 5000 characters',
    ]);
  });

  it('counts an emoji as one character, not two code units', () => {
    expect(messagesOf(shortText, { da: '🙂'.repeat(200) })).toEqual([]);
    expect(messagesOf(shortText, { da: '🙂'.repeat(201) })).toEqual([
      'must be at most 200 characters',
    ]);
  });

  it('allows newlines, CRLF and tabs but no other control characters', () => {
    expect(messagesOf(longText, { da: 'Linje 1\nLinje 2\r\nLinje 3\tslut' })).toEqual([]);
    const control = 'must not contain control characters (newlines and tabs are fine)';
    for (const text of ['Ding\u0007', 'a\u0000b', 'lone\rreturn', 'esc\u001b[31m', 'c1\u0085']) {
      expect(messagesOf(longText, { da: text })).toEqual([control]);
    }
  });
});

describe('timestamps', () => {
  it.each([
    '2026-03-14T22:00:00+01:00',
    '2026-03-14T21:00:00Z',
    '2026-03-14T21:00:00.123Z',
    '2026-03-14T21:00Z',
    '2024-02-29T12:00:00-05:30',
    '2000-02-29T00:00:00Z',
  ])('accepts %j', (value) => {
    expect(messagesOf(timestamp, value)).toEqual([]);
  });

  it.each([
    '2026-02-30T10:00:00Z',
    '2025-02-29T10:00:00Z',
    '1900-02-29T10:00:00Z',
    '2026-04-31T10:00:00Z',
    '2026-13-01T10:00:00Z',
    '2026-03-14T24:00:00Z',
    '2026-03-14T22:60:00Z',
    '2026-03-14T22:00:00',
    '2026-03-14 22:00:00Z',
    '2026-03-14',
    '2026-03-14T22:00:00+0100',
    '14/03/2026 22:00',
    'yesterday',
  ])('rejects %j', (value) => {
    expect(messagesOf(timestamp, value)).toEqual([
      'must be a date-time with an offset, e.g. 2026-03-14T22:00:00+01:00',
    ]);
  });

  it('rejects numbers, even epoch milliseconds', () => {
    expect(messagesOf(timestamp, 1773522000000)).toEqual(['must be a string']);
  });
});

describe('time zones', () => {
  it.each([
    'Europe/Copenhagen',
    'Europe/Oslo',
    'UTC',
    'America/Argentina/Buenos_Aires',
    'Etc/GMT+1',
  ])('accepts %j', (zone) => {
    expect(messagesOf(timeZone, zone)).toEqual([]);
  });

  it.each(['Europe/Copenhagn', 'Mars/Olympus_Mons', '+01:00', 'CET DST', ''])(
    'rejects %j',
    (zone) => {
      expect(messagesOf(timeZone, zone)).toEqual([
        `${JSON.stringify(zone)} is not an IANA time zone, e.g. Europe/Copenhagen`,
      ]);
    },
  );
});

describe('hrefs', () => {
  it.each([
    'https://skat.dk/kontakt',
    'https://borger.dk/hjaelp?emne=mitid#telefon',
    'tel:+4570123456',
    'tel:+4533989300',
    'mailto:hjaelp@skat.dk',
    'mailto:hjaelp@skat.dk?subject=Årsopgørelse',
  ])('accepts %j', (value) => {
    expect(messagesOf(href, value)).toEqual([]);
  });

  it.each([
    ['http://skat.dk', 'href must be https, tel: or mailto:'],
    ['javascript:alert(1)', 'href must be https, tel: or mailto:'],
    ['//skat.dk', 'href must be https, tel: or mailto:'],
    ['skat.dk/kontakt', 'href must be https, tel: or mailto:'],
    ['tel:70123456', 'tel: href must be an E.164 number, e.g. tel:+4570123456'],
    ['tel:+45 70 12 34 56', 'tel: href must be an E.164 number, e.g. tel:+4570123456'],
    ['tel:+0123456789', 'tel: href must be an E.164 number, e.g. tel:+4570123456'],
    ['mailto:hjaelp', 'mailto: href must hold one email address'],
    ['mailto:a@b@c.dk', 'mailto: href must hold one email address'],
    ['https://', 'https href must be a valid URL'],
    ['https://skat.dk/a b', 'https href must be a valid URL'],
  ])('rejects %j', (value, message) => {
    expect(messagesOf(href, value)).toEqual([message]);
  });

  it('takes only https for a service URL', () => {
    expect(messagesOf(httpsUrl, 'https://www.mitid.dk')).toEqual([]);
    for (const value of [
      'http://www.mitid.dk',
      'tel:+4533989300',
      'mailto:a@b.dk',
      'www.mitid.dk',
    ]) {
      expect(messagesOf(httpsUrl, value)).toEqual([
        'must be an https URL, e.g. https://example.org/help',
      ]);
    }
  });
});

describe('numbers', () => {
  it('takes an availability target above 0 and at most 100', () => {
    for (const good of [100, 99.95, 0.1]) expect(messagesOf(percentage, good)).toEqual([]);
    for (const bad of [0, -1, 100.01, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(messagesOf(percentage, bad)).toEqual(['must be above 0 and at most 100']);
    }
    expect(messagesOf(percentage, '99.5')).toEqual(['must be a number']);
  });

  it('takes a maximum outage as a positive whole number of minutes', () => {
    expect(messagesOf(positiveInteger, 30)).toEqual([]);
    for (const bad of [0, -5, 1.5]) {
      expect(messagesOf(positiveInteger, bad)).toEqual(['must be a whole number above 0']);
    }
  });

  it('takes a notice period of 0 or more whole days', () => {
    for (const good of [0, 14]) expect(messagesOf(nonNegativeInteger, good)).toEqual([]);
    for (const bad of [-1, 2.5]) {
      expect(messagesOf(nonNegativeInteger, bad)).toEqual(['must be a whole number, 0 or more']);
    }
    expect(messagesOf(nonNegativeInteger, null)).toEqual(['must be a number']);
  });
});

describe('paths', () => {
  it('uses dots for names and brackets with quotes for other keys', () => {
    expect(fieldPath('', 'services')).toBe('services');
    expect(fieldPath('incidents[0].title', 'da')).toBe('incidents[0].title.da');
    expect(fieldPath('incidents[0].title', 'en-GB')).toBe('incidents[0].title["en-GB"]');
    expect(fieldPath('x', 'a"b')).toBe('x["a\\"b"]');
  });

  it('quotes input safely', () => {
    expect(quote('colour')).toBe('"colour"');
    expect(quote('a\nb')).toBe('"a\\nb"');
  });
});
