// examples/bundler: single elements imported as ES modules, bundled by the example's own rollup
// config, served under the strict CSP against a real feed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { admin, axeViolations } from '../../demo/test/helpers.js';
import { buildExample, EID_OUTAGE, EID_RESOLVED, openExample, shownText } from './helpers.js';
import type { ExampleRun } from './helpers.js';

let example: ExampleRun;
const banner = () => shownText(example.page, 'status-banner section');
const dependencies = () => shownText(example.page, 'status-dependencies section');
const alternatives = () => shownText(example.page, 'status-alternatives section');

beforeAll(async () => {
  await buildExample('bundler');
  example = await openExample('bundler');
});

afterAll(async () => {
  await example.stop();
});

describe('the bundler example', () => {
  let incidentId = '';

  it('runs its own bundle, with the feed from the page, and is quiet while all is well', async () => {
    await expect.poll(dependencies, { timeout: 10_000 }).toContain('are working');
    expect(await banner()).toBe('');
    expect(example.requests.some((url) => url.endsWith('/dist/main.js'))).toBe(true);
    // Everything came from the bundle: not the script-tag build.
    expect(example.requests.filter((url) => url.includes('/statuskit/'))).toEqual([]);
    // Only the imported elements are defined.
    const defined = await example.page.evaluate(() =>
      [
        'status-banner',
        'status-dependencies',
        'status-alternatives',
        'status-maintenance',
        'status-availability',
      ].filter((tag) => customElements.get(tag)),
    );
    expect(defined).toEqual([
      'status-banner',
      'status-dependencies',
      'status-alternatives',
      'status-maintenance',
    ]);
    expect(await axeViolations(example.page)).toEqual([]);
    expect(example.errors).toEqual([]);
  });

  it('shows an outage of the national eID, naming the cause', async () => {
    const answer = await admin(example.run.demo, 'digst', 'POST', 'incidents', EID_OUTAGE);
    incidentId = (answer['incident'] as { id: string }).id;
    await expect.poll(banner, { timeout: 5_000, interval: 100 }).toContain('MitID is not working');
    expect(await banner()).toContain('because MitID (national eID) is down');
    await expect.poll(alternatives, { timeout: 5_000 }).toContain('Call the Danish Tax Agency');
    expect(await dependencies()).toContain('Affecting you now');
    expect(await axeViolations(example.page)).toEqual([]);
    expect(example.errors).toEqual([]);
  });

  it('clears the banner when the incident is resolved', async () => {
    await admin(example.run.demo, 'digst', 'POST', `incidents/${incidentId}/updates`, EID_RESOLVED);
    await expect.poll(banner, { timeout: 5_000, interval: 100 }).toBe('');
    expect(example.errors).toEqual([]);
  });
});
