// examples/publish-from-pipeline: maintenance.sh (bash and curl) announces, starts and completes
// a maintenance window through a real feed's admin API; status.json and a citizen's open page
// (the plain HTML example, live over server-sent events) show each step.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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

/** maintenance.sh as a pipeline runs it, with an authority's token from the demo catalogue. */
function maintenance(token: 'skat' | 'digst', ...args: string[]): Promise<Finished> {
  return runCommand('bash', [script, ...args], {
    env: {
      ...process.env,
      STATUSKIT_FEED: `${example.run.demo.feedUrl}/v1`,
      STATUSKIT_TOKEN: example.run.demo.tokens[token],
    },
  });
}

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
    expect(done.stderr).toBe('');
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

  it('says how to call it when the arguments are wrong', async () => {
    const done = await maintenance('skat', 'start');
    expect(done.code).toBe(2);
    expect(done.stderr).toContain('usage:');
  });
});
