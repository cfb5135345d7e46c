import { describe, expect, it } from 'vitest';
import { fromLocalInput, toLocalInput } from '../src/screens/maintenance/maintenance-draft.js';

const ZONE = 'Europe/Copenhagen';

describe('times typed for a window, on the feed’s wall clock', () => {
  it('reads a winter and a summer time in the feed’s zone, whatever the browser’s', () => {
    expect(fromLocalInput('2026-12-06T02:00', ZONE)).toBe('2026-12-06T01:00:00.000Z');
    expect(fromLocalInput('2026-07-06T02:00', ZONE)).toBe('2026-07-06T00:00:00.000Z');
    expect(fromLocalInput('2026-07-06T02:00', 'America/New_York')).toBe('2026-07-06T06:00:00.000Z');
  });

  it('shows an instant as the feed’s clock shows it, and reads it back', () => {
    expect(toLocalInput('2026-12-06T01:00:00Z', ZONE)).toBe('2026-12-06T02:00');
    expect(toLocalInput('2026-03-29T01:30:00Z', ZONE)).toBe('2026-03-29T03:30');
    for (const iso of ['2026-12-06T01:00:00.000Z', '2026-07-06T00:00:00.000Z']) {
      expect(fromLocalInput(toLocalInput(iso, ZONE), ZONE)).toBe(iso);
    }
    // 02:30 on 2026-10-25 comes twice (clocks go back at 03:00): it is read as the second.
    expect(toLocalInput('2026-10-25T00:30:00.000Z', ZONE)).toBe('2026-10-25T02:30');
    expect(fromLocalInput('2026-10-25T02:30', ZONE)).toBe('2026-10-25T01:30:00.000Z');
  });

  it('moves a time the clock skips to the hour after, and leaves empty input empty', () => {
    // 2026-03-29 02:30 does not exist in Copenhagen: clocks go from 02:00 to 03:00.
    expect(fromLocalInput('2026-03-29T02:30', ZONE)).toBe('2026-03-29T01:30:00.000Z');
    expect(fromLocalInput('', ZONE)).toBe('');
    expect(toLocalInput('not a time', ZONE)).toBe('');
  });
});
