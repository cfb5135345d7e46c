import { describe, expect, it } from 'vitest';
import {
  formatDateTime,
  formatEnd,
  formatRange,
  formatRelative,
  formatStartsIn,
  intlLocale,
  zoneName,
} from '../src/format/time.js';
import type { TimeStyle } from '../src/format/time.js';
import { translator } from './language-ready.js';

async function style(
  language: string,
  timeZone = 'Europe/Copenhagen',
  userTimeZone = timeZone,
): Promise<TimeStyle> {
  const t = await translator(language);
  return { locale: intlLocale([t('format.intlLocale'), language]), timeZone, userTimeZone, t };
}

const at = (iso: string): number => Date.parse(iso);
const NOW = at('2026-03-11T10:00:00+01:00');

describe('date ranges', () => {
  // A window over midnight names the day it ends: "Saturday, 22:00–02:00" was read as two
  // times on Saturday (issue #15, item 6).
  it('writes a night window in English as "Saturday 14 March, 22:00 – Sunday 15 March, 02:00"', async () => {
    const text = formatRange(
      at('2026-03-14T22:00:00+01:00'),
      at('2026-03-15T02:00:00+01:00'),
      await style('en'),
      NOW,
    );
    expect(text).toBe('Saturday 14 March, 22:00 – Sunday 15 March, 02:00');
  });

  it('keeps a window within one day compact, with an en dash: "Saturday 14 March, 20:00–23:00"', async () => {
    const text = formatRange(
      at('2026-03-14T20:00:00+01:00'),
      at('2026-03-14T23:00:00+01:00'),
      await style('en'),
      NOW,
    );
    expect(text).toBe('Saturday 14 March, 20:00–23:00');
  });

  it('names the end day over midnight in every shipped language, in the local style', async () => {
    const start = at('2026-03-14T22:00:00+01:00');
    const end = at('2026-03-15T02:00:00+01:00');
    expect(formatRange(start, end, await style('da'), NOW)).toBe(
      'lørdag 14. marts kl. 22.00 – søndag 15. marts kl. 02.00',
    );
    expect(formatRange(start, end, await style('fi'), NOW)).toBe(
      'lauantai 14. maaliskuuta klo 22.00 – sunnuntai 15. maaliskuuta klo 02.00',
    );
    expect(formatRange(start, end, await style('nb'), NOW)).toBe(
      'lørdag 14. mars kl. 22.00 – søndag 15. mars kl. 02.00',
    );
    expect(formatRange(start, end, await style('nn'), NOW)).toBe(
      'laurdag 14. mars kl. 22.00 – søndag 15. mars kl. 02.00',
    );
    for (const language of ['sv', 'is']) {
      const text = formatRange(start, end, await style(language), NOW);
      const { locale, timeZone } = await style(language);
      const sunday = new Intl.DateTimeFormat(locale, { weekday: 'long', timeZone }).format(end);
      expect(text, language).toContain(sunday);
    }
  });

  it('writes an end at midnight as 23.59 where that is the local style, not in English', async () => {
    const start = at('2026-03-14T20:00:00+01:00');
    const end = at('2026-03-15T00:00:00+01:00');
    expect(formatRange(start, end, await style('da'), NOW)).toBe(
      'lørdag 14. marts kl. 20.00–23.59',
    );
    expect(formatRange(start, end, await style('fi'), NOW)).toBe(
      'lauantai 14. maaliskuuta klo 20.00–23.59',
    );
    expect(formatRange(start, end, await style('en'), NOW)).toBe('Saturday 14 March, 20:00–00:00');
    expect(formatEnd(end, await style('da'), NOW)).toBe('lørdag 14. marts kl. 23.59');
  });

  it('keeps local times right across the daylight-saving change in the night', async () => {
    // Copenhagen springs forward at 02:00 on 29 March 2026: the window is 5 hours, shown 22–04.
    const text = formatRange(
      at('2026-03-28T22:00:00+01:00'),
      at('2026-03-29T04:00:00+02:00'),
      await style('da'),
      NOW,
    );
    expect(text).toBe('lørdag 28. marts kl. 22.00 – søndag 29. marts kl. 04.00');
    const autumn = formatRange(
      at('2026-10-24T23:00:00+02:00'),
      at('2026-10-25T03:00:00+01:00'),
      await style('en'),
      NOW,
    );
    expect(autumn).toBe('Saturday 24 October, 23:00 – Sunday 25 October, 03:00');
  });

  it('writes both dates when a window is longer than a night', async () => {
    const text = formatRange(
      at('2026-03-14T10:00:00+01:00'),
      at('2026-03-16T06:00:00+01:00'),
      await style('en'),
      NOW,
    );
    expect(text).toBe('Saturday 14 March, 10:00 – Monday 16 March, 06:00');
  });

  it('adds the year only when it is not this year', async () => {
    const text = formatDateTime(at('2027-01-04T09:00:00+01:00'), await style('en'), NOW);
    expect(text).toBe('Monday, 4 January 2027, 09:00');
  });
});

describe('time zones', () => {
  it('names the service zone only when the reader is in another one', async () => {
    const ms = at('2026-03-14T22:00:00+01:00');
    expect(zoneName(ms, await style('en', 'Europe/Copenhagen', 'Europe/Copenhagen'))).toBe(
      undefined,
    );
    const nuuk = await style('en', 'America/Nuuk', 'Europe/Copenhagen');
    expect(zoneName(ms, nuuk)).toMatch(/Greenland|Nuuk/);
    expect(formatDateTime(ms, nuuk, NOW)).toMatch(/^Saturday 14 March, 19:00 \(.+\)$/);
  });

  it('shows Faroese times in Faroe time for a reader in Copenhagen', async () => {
    const ms = at('2026-03-14T22:00:00+01:00');
    const faroe = await style('da', 'Atlantic/Faroe', 'Europe/Copenhagen');
    expect(formatDateTime(ms, faroe, NOW)).toMatch(/^lørdag 14\. marts kl\. 21\.00 \(.+\)$/);
  });
});

describe('relative time', () => {
  it('says "in 3 days", "tomorrow", "in 12 minutes" by calendar days in the zone', async () => {
    const en = await style('en');
    expect(formatRelative(at('2026-03-14T22:00:00+01:00'), NOW, en)).toBe('in 3 days');
    expect(formatRelative(at('2026-03-12T09:00:00+01:00'), NOW, en)).toBe('tomorrow');
    expect(formatRelative(NOW + 12 * 60_000, NOW, en)).toBe('in 12 minutes');
    expect(formatRelative(NOW + 3 * 3_600_000, NOW, en)).toBe('in 3 hours');
    expect(formatRelative(at('2026-03-14T22:00:00+01:00'), NOW, await style('da'))).toBe(
      'om 3 dage',
    );
  });
});

describe('locales without date data', () => {
  it('falls back to a neighbouring locale, then British English, and never throws', () => {
    expect(intlLocale(['da'])).toBe('da');
    expect(intlLocale(['not a tag!'])).toBe('en-GB');
    expect(intlLocale([undefined, ''])).toBe('en-GB');
    expect(intlLocale(['zz-unknown'])).toBe('en-GB');
    // Inari Sámi has data in some engines and not others: either itself or Finnish.
    expect(['smn', 'fi']).toContain(intlLocale(['smn']));
  });
});

describe('nearby days', () => {
  it('are "today" and "tomorrow" in the language', async () => {
    const today = at('2026-03-11T22:00:00+01:00');
    const tomorrow = at('2026-03-12T22:00:00+01:00');
    const end = (start: number): number => start + 4 * 3_600_000;
    expect(formatRange(today, end(today), await style('en'), NOW)).toBe(
      'today, 22:00 – tomorrow, 02:00',
    );
    // The end is the day after tomorrow: a weekday and date, never a second "tomorrow".
    expect(formatRange(tomorrow, end(tomorrow), await style('da'), NOW)).toBe(
      'i morgen kl. 22.00 – fredag 13. marts kl. 02.00',
    );
    expect(formatDateTime(today, await style('fi'), NOW)).toBe('tänään klo 22.00');
  });
});

describe('how far off a start is, after its date', () => {
  it('adds "in 3 days" or "in 5 hours", but never repeats "tomorrow" or "today"', async () => {
    const en = await style('en');
    expect(formatStartsIn(at('2026-03-14T22:00:00+01:00'), NOW, en)).toBe('in 3 days');
    expect(formatStartsIn(at('2026-03-11T15:00:00+01:00'), NOW, en)).toBe('in 5 hours');
    expect(formatStartsIn(at('2026-03-12T22:00:00+01:00'), NOW, en)).toBeUndefined();
    expect(formatStartsIn(at('2026-03-12T22:00:00+01:00'), NOW, await style('da'))).toBeUndefined();
  });
});
