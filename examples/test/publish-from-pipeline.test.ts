// examples/publish-from-pipeline: maintenance.sh (bash and curl) announces, starts and completes
// a maintenance window through a real feed's admin API; status.json and a citizen's open page
// (the plain HTML example, live over server-sent events) show each step.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { axeViolations } from '../../demo/test/helpers.js';
import { examplesDir, openExample, runCommand, shownText } from './helpers.js';
import type { ExampleRun, Finished } from './helpers.js';

interface Maintenance {
  readonly id: string;
  readonly state: string;
  readonly title: Readonly<Record<string, string>>;
  readonly message: Readonly<Record<string, string>>;
  readonly keepsWork?: boolean;
}

let example: ExampleRun;
const script = join(examplesDir, 'publish-from-pipeline', 'maintenance.sh');
const banner = () => shownText(example.page, 'status-banner section');

/** Every line the script printed on stderr, to hold the README's examples against. */
const printed: string[] = [];

/** maintenance.sh as a pipeline runs it, with an authority's token from the demo catalogue. */
async function maintenance(token: 'skat' | 'digst', ...args: string[]): Promise<Finished> {
  const done = await runCommand('bash', [script, ...args], {
    env: {
      ...process.env,
      STATUSKIT_FEED: `${example.run.demo.feedUrl}/v1`,
      STATUSKIT_TOKEN: example.run.demo.tokens[token],
    },
  });
  printed.push(...done.stderr.split('\n').filter((line) => line !== ''));
  return done;
}

/** A line with its times and numbers blanked out: what the README can promise about it. */
function shape(line: string): string {
  return line
    .replace(/\d{4}-\d\d-\d\dT[\d:.]+(Z|[+-]\d\d:\d\d)/g, '<time>')
    .replace(/\d+(\.\d+)?/g, '<n>');
}

const NOTICE_WARNING =
  /^statuskit: warning: notice_period: announced \d+(\.\d)? days ahead, but "tax-return" declares a notice period of 5 days \(sla\.noticePeriodDays\)$/;

async function published(): Promise<Maintenance[]> {
  const response = await fetch(`${example.run.demo.feedUrl}/v1/status.json`);
  const body = (await response.json()) as { document: { maintenance: Maintenance[] } };
  return body.document.maintenance;
}

/** Tomorrow at 22.00 (the runner's local time) for four hours: inside the 5-day notice period. */
function tomorrowNight(): [start: string, end: string] {
  const start = new Date(Date.now() + 86_400_000);
  start.setHours(22, 0, 0, 0);
  return [start.toISOString(), new Date(start.getTime() + 4 * 3_600_000).toISOString()];
}

beforeAll(async () => {
  example = await openExample('plain-html');
});

afterAll(async () => {
  await example.stop();
});

describe('maintenance.sh from a deployment pipeline', () => {
  let id = '';
  // Quotes, a backslash and a newline: the script must still send valid JSON.
  const messageEn = 'The self-service is closed.\nYour answers are kept ("saved" \\ safe).';

  it('announces a window and prints its id; the page shows it as planned', async () => {
    await expect.poll(() => shownText(example.page, 'status-dependencies section')).not.toBe('');
    const done = await maintenance(
      'skat',
      'announce',
      'tax-return',
      ...tomorrowNight(),
      'Planlagt vedligeholdelse',
      'Planned maintenance of the tax return',
      'Selvbetjeningen er lukket. Dine svar bliver gemt.',
      messageEn,
    );
    // Tomorrow is inside tax-return's 5-day notice period: published, with a warning.
    expect(done.stderr.trimEnd()).toMatch(NOTICE_WARNING);
    expect(done.code).toBe(0);
    id = done.stdout.trim();
    expect(id).toMatch(/^[a-z0-9-]+$/);

    const [window] = (await published()).filter((entry) => entry.id === id);
    expect(window?.state).toBe('scheduled');
    expect(window?.title['en']).toBe('Planned maintenance of the tax return');
    expect(window?.message['en']).toBe(messageEn);
    expect(window?.keepsWork).toBe(true);

    await expect
      .poll(banner, { timeout: 5_000, interval: 100 })
      .toContain('Planned maintenance of the tax return');
    expect(await shownText(example.page, 'status-maintenance section')).toContain(
      'Planned maintenance of the tax return',
    );
  });

  it('starts it: the page says the service is closed for maintenance', async () => {
    const done = await maintenance('skat', 'start', id);
    expect(done).toEqual({ code: 0, stdout: `${id}: in_progress\n`, stderr: '' });
    expect((await published()).find((entry) => entry.id === id)?.state).toBe('in_progress');
    await expect
      .poll(banner, { timeout: 5_000, interval: 100 })
      .toContain('Tax return is closed for maintenance');
    expect(await axeViolations(example.page)).toEqual([]);
  });

  it('completes it: the banner goes away', async () => {
    const done = await maintenance('skat', 'complete', id);
    expect(done).toEqual({ code: 0, stdout: `${id}: completed\n`, stderr: '' });
    expect((await published()).find((entry) => entry.id === id)?.state).toBe('completed');
    await expect.poll(banner, { timeout: 5_000, interval: 100 }).toBe('');
    expect(example.errors).toEqual([]);
  });

  it('fails the pipeline with the feed’s answer when the token may not touch the service', async () => {
    const before = (await published()).length;
    const done = await maintenance(
      'digst',
      'announce',
      'tax-return',
      ...tomorrowNight(),
      'Titel',
      'Title',
      'Besked',
      'Message',
    );
    expect(done.code).toBe(1);
    expect(done.stdout).toBe('');
    expect(done.stderr).toMatch(/^statuskit: POST maintenance was refused \(403\): .*tax-return/);
    expect(await published()).toHaveLength(before);
  });

  it('prints every warning and still succeeds when the window is also longer than declared', async () => {
    const [start] = tomorrowNight();
    const end = new Date(Date.parse(start) + 6 * 3_600_000).toISOString();
    const done = await maintenance(
      'skat',
      'announce',
      'tax-return',
      start,
      end,
      'T',
      'T',
      'B',
      'M',
    );
    expect(done.code).toBe(0);
    expect(done.stdout.trim()).toMatch(/^[a-z0-9-]+$/);
    const lines = done.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(NOTICE_WARNING);
    expect(lines[1]).toBe(
      'statuskit: warning: max_outage: the window lasts 360 minutes, but "tax-return" declares a maximum single outage of 240 minutes (sla.maxOutageMinutes)',
    );
  });

  it('fails with the feed’s reason for a window that ends before it starts or has already ended', async () => {
    const before = (await published()).length;
    const [start, end] = tomorrowNight();
    const backwards = await maintenance(
      'skat',
      'announce',
      'tax-return',
      end,
      start,
      'T',
      'T',
      'B',
      'M',
    );
    expect(backwards).toEqual({
      code: 1,
      stdout: '',
      stderr:
        'statuskit: POST maintenance was refused (400): scheduledEnd: scheduledEnd must be after scheduledStart\n',
    });
    const over = await maintenance(
      'skat',
      'announce',
      'tax-return',
      '2026-03-14T22:00:00+01:00',
      '2026-03-15T02:00:00+01:00',
      'T',
      'T',
      'B',
      'M',
    );
    expect(over.code).toBe(1);
    expect(over.stderr).toMatch(
      /^statuskit: POST maintenance was refused \(400\): scheduledEnd: 2026-03-15T02:00:00\+01:00 has already passed \(the feed's clock says [^)]+\); a planned window must end in the future\n$/,
    );
    expect(await published()).toHaveLength(before);
  });

  it('says how to call it when the arguments are wrong', async () => {
    const done = await maintenance('skat', 'start');
    expect(done.code).toBe(2);
    expect(done.stderr).toContain('usage:');
  });

  it('shows in its README only what the script really prints', async () => {
    const readme = await readFile(join(examplesDir, 'publish-from-pipeline', 'README.md'), 'utf8');
    const shown = readme.split('\n').filter((line) => line.startsWith('statuskit: '));
    expect(shown.length).toBeGreaterThanOrEqual(5);
    const real = new Set(printed.map(shape));
    for (const line of shown) expect(real, line).toContain(shape(line));
  });
});
