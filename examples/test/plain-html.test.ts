// examples/plain-html: the one script tag, served under the strict CSP against a real feed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { admin, axeViolations } from '../../demo/test/helpers.js';
import { EID_OUTAGE, EID_RESOLVED, openExample, shownText } from './helpers.js';
import type { ExampleRun } from './helpers.js';

let example: ExampleRun;
const banner = () => shownText(example.page, 'status-banner section');
const dependencies = () => shownText(example.page, 'status-dependencies section');
const alternatives = () => shownText(example.page, 'status-alternatives section');

beforeAll(async () => {
  example = await openExample('plain-html');
});

afterAll(async () => {
  await example.stop();
});

describe('the plain HTML example', () => {
  let incidentId = '';

  it('loads the bundle from the script tag and is quiet while all is well', async () => {
    await expect.poll(dependencies, { timeout: 10_000 }).toContain('are working');
    expect(await banner()).toBe('');
    expect(example.requests.some((url) => url.endsWith('/statuskit/statuskit.js'))).toBe(true);
    expect(await axeViolations(example.page)).toEqual([]);
    expect(example.errors).toEqual([]);
  });

  it('shows an outage of the national eID, naming the cause, in a banner above the heading', async () => {
    const answer = await admin(example.run.demo, 'digst', 'POST', 'incidents', EID_OUTAGE);
    incidentId = (answer['incident'] as { id: string }).id;
    await expect.poll(banner, { timeout: 5_000, interval: 100 }).toContain('MitID is not working');
    expect(await banner()).toContain('because MitID (national eID) is down');
    // data-auto-banner put the banner first in <main>, before the page's own heading.
    const first = await example.page.evaluate(
      () => document.querySelector('main')?.firstElementChild?.localName,
    );
    expect(first).toBe('status-banner');
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
