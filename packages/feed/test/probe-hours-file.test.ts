import { appendFile, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { silentLogger, type LogEntry } from '../src/log.js';
import { FileProbeHours } from '../src/probes/file-probe-hours.js';
import type { ProbeCheck } from '../src/probes/probe-check.js';
import { tempDir } from './helpers/feed.js';

const T0 = new Date('2026-03-10T09:30:00Z');
const check = (at: string, ok = true): ProbeCheck => ({
  probe: 'p',
  service: 'login',
  at: new Date(at),
  ok,
  durationMs: 10,
  slow: false,
});

let dir: string;
let clock: Date;
const open = async (log = silentLogger): Promise<FileProbeHours> => {
  const keeper = new FileProbeHours({ dataDir: dir, now: () => clock, log });
  await keeper.open();
  return keeper;
};
beforeEach(async () => {
  dir = await tempDir('statuskit-probe-hours-');
  clock = T0;
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('probe hours in the data dir', () => {
  it('writes what was counted on flush, one line per service and day, and reads it back', async () => {
    const keeper = await open();
    keeper.record(check('2026-03-10T08:05:00Z'));
    keeper.record(check('2026-03-10T08:06:00Z', false));
    keeper.record(check('2026-03-10T09:01:00Z'));
    await keeper.flush();
    const lines = (await readFile(join(dir, 'probe-hours.jsonl'), 'utf8')).trim().split('\n');
    const hours = (values: Record<number, number>): number[] =>
      Array.from({ length: 24 }, (_, hour) => values[hour] ?? 0);
    expect(lines.map((line) => JSON.parse(line) as unknown)).toEqual([
      {
        service: 'login',
        day: '2026-03-10',
        checks: hours({ 8: 2, 9: 1 }),
        ok: hours({ 8: 1, 9: 1 }),
        slow: hours({}),
        first: '2026-03-10T08:05:00.000Z',
      },
    ]);
    // A crash now (no close) loses nothing flushed: a second keeper reads the same counts.
    const again = await open();
    expect((await again.hours('login', 0)).hours.map((hour) => hour.checks)).toEqual([2, 1]);
    await again.close();
    await keeper.close();
  });

  it('ignores a line torn by a crash and removes it when it compacts at start-up', async () => {
    const keeper = await open();
    keeper.record(check('2026-03-10T08:05:00Z'));
    await keeper.close();
    const file = join(dir, 'probe-hours.jsonl');
    await appendFile(file, '{"service":"login","day":"2026-03-10","che');
    const logged: LogEntry[] = [];
    const reopened = await open((entry) => logged.push(entry));
    const { hours, since } = await reopened.hours('login', 0);
    expect(hours.map((hour) => [hour.checks, hour.ok])).toEqual([[1, 1]]);
    expect(since).toBe(Date.parse('2026-03-10T08:05:00Z'));
    expect(logged.map((entry) => entry.msg)).toEqual([
      expect.stringMatching(/line 2: ignored a write a crash interrupted/),
    ]);
    expect((await readFile(file, 'utf8')).endsWith('}\n')).toBe(true);
    // Counts written after the torn line are not glued to it.
    reopened.record(check('2026-03-10T08:10:00Z'));
    await reopened.close();
    const third = await open();
    expect((await third.hours('login', 0)).hours.map((hour) => hour.checks)).toEqual([2]);
    await third.close();
  });

  it('leaves out a line that is not probe counts, naming it, and keeps the others', async () => {
    const file = join(dir, 'probe-hours.jsonl');
    const hours = (hour: number, value: number): number[] =>
      Array.from({ length: 24 }, (_, index) => (index === hour ? value : 0));
    const line = (checks: number[], ok: number[]): string =>
      `${JSON.stringify({ service: 'login', day: '2026-03-10', checks, ok, slow: hours(0, 0), first: '2026-03-10T08:00:00.000Z' })}\n`;
    await writeFile(
      file,
      // More successes than checks, then a good line.
      line(hours(8, 3), hours(8, 4)) + line(hours(9, 3), hours(9, 2)),
    );
    const logged: LogEntry[] = [];
    const keeper = await open((entry) => logged.push(entry));
    expect((await keeper.hours('login', 0)).hours.map((hour) => hour.ok)).toEqual([2]);
    expect(logged[0]?.msg).toMatch(/line 1: not probe counts/);
    await keeper.close();
  });

  it('prunes hours older than 90 days when the day turns, on disk too', async () => {
    const keeper = await open();
    keeper.record(check('2026-03-10T08:05:00Z'));
    await keeper.flush();
    clock = new Date(T0.getTime() + 89 * 86_400_000);
    keeper.record(check(clock.toISOString()));
    await keeper.flush();
    expect((await keeper.hours('login', 0)).hours).toHaveLength(2);
    clock = new Date(T0.getTime() + 91 * 86_400_000);
    await keeper.flush();
    const { hours, since } = await keeper.hours('login', 0);
    expect(hours).toHaveLength(1);
    expect(since).toBe(T0.getTime() + 89 * 86_400_000);
    const lines = (await readFile(join(dir, 'probe-hours.jsonl'), 'utf8')).trim().split('\n');
    expect(lines).toHaveLength(1);
    await keeper.close();
  });

  it('prunes by the hour inside the day that reaches 90 days back, and says measuring began after it', async () => {
    clock = new Date('2026-06-08T09:30:00Z');
    const cut = clock.getTime() - 90 * 86_400_000; // 2026-03-10T09:30:00Z
    const keeper = await open();
    keeper.record(check(new Date(cut - 30 * 60_000).toISOString())); // 09:00, before the cut
    keeper.record(check(new Date(cut + 40 * 60_000).toISOString())); // 10:10, after it
    await keeper.close();
    const reopened = await open();
    const { hours, since } = await reopened.hours('login', 0);
    expect(hours.map((hour) => new Date(hour.hour).toISOString())).toEqual([
      '2026-03-10T10:00:00.000Z',
    ]);
    expect(since).toBe(Date.parse('2026-03-10T10:00:00.000Z'));
    await reopened.close();
  });

  it('counts checks it cannot keep instead of throwing into the runner', async () => {
    const keeper = await open();
    expect(() => {
      keeper.record({ ...check('2026-03-10T08:05:00Z'), at: new Date(Number.NaN) });
    }).not.toThrow();
    await keeper.close();
    keeper.record(check('2026-03-10T08:05:00Z'));
    expect(keeper.failures).toBe(2);
  });
});
