import { describe, expect, it } from 'vitest';
import { calendarDomain, calendarName, escapeText, foldLine, formatUtc } from '../src/calendar.js';

describe('iCalendar text', () => {
  it('escapes backslash, semicolon, comma and line breaks', () => {
    expect(escapeText('a\\b;c,d\ne\r\nf')).toBe('a\\\\b\\;c\\,d\\ne\\nf');
  });

  it('folds lines at 75 octets without splitting a UTF-8 character', () => {
    const line = `SUMMARY:${'æ'.repeat(60)}`;
    const folded = foldLine(line);
    const parts = folded.split('\r\n');
    expect(parts.length).toBeGreaterThan(1);
    for (const part of parts) expect(Buffer.byteLength(part)).toBeLessThanOrEqual(75);
    expect(parts.slice(1).every((part) => part.startsWith(' '))).toBe(true);
    expect(parts.map((part, i) => (i === 0 ? part : part.slice(1))).join('')).toBe(line);
  });

  it('writes times in UTC basic format', () => {
    expect(formatUtc('2026-10-25T02:30:00+02:00')).toBe('20261025T003000Z');
    expect(formatUtc('2026-10-25T02:30:00+01:00')).toBe('20261025T013000Z');
  });
});

describe("the calendar's identity", () => {
  it("takes the UID domain from the public URL's host, without port or path", () => {
    expect(calendarDomain('https://status.example.dk:8443/feed/')).toBe('status.example.dk');
    expect(calendarDomain(undefined)).toBe('statuskit.invalid');
  });

  it("names the calendar by language, falling back to English, and adds the feed's name", () => {
    expect(calendarName('nb-NO', undefined)).toBe('Planlagt vedlikehold');
    expect(calendarName('se', undefined)).toBe('Planned maintenance');
    expect(calendarName('fi', 'status.example.fi')).toBe(
      'Suunnitellut huoltokatkot – status.example.fi',
    );
  });
});
