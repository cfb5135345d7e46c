// examples/react: the React wrappers in a React 19 app, type-checked and bundled by the example's
// own scripts, served under the strict CSP (with Trusted Types) against a real feed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { admin, axeViolations } from '../../demo/test/helpers.js';
import {
  buildExample,
  EID_OUTAGE,
  EID_RESOLVED,
  npmRun,
  openExample,
  shownText,
} from './helpers.js';
import type { ExampleRun } from './helpers.js';

let example: ExampleRun;
const banner = () => shownText(example.page, 'status-banner section');
const dependencies = () => shownText(example.page, 'status-dependencies section');
const availability = () => shownText(example.page, 'status-availability section');
/** Shown by the app itself when its `onStatuskitChange` handler saw a blocking notice. */
const startNote = () => shownText(example.page, '#start-note');

beforeAll(async () => {
  await buildExample('react');
  example = await openExample('react');
});

afterAll(async () => {
  await example.stop();
});

describe('the React example', () => {
  let incidentId = '';

  it('type-checks against the published types, which reject a wrong prop or detail type', async () => {
    // src/type-checks.tsx has `@ts-expect-error` lines: tsc fails if any of them compiles.
    await expect(npmRun('react', 'typecheck')).resolves.toBe('');
  });

  it('renders all five wrapped elements with the props given, quiet while all is well', async () => {
    await expect.poll(dependencies, { timeout: 10_000 }).toContain('are working');
    expect(await banner()).toBe('');
    expect(await startNote()).toBe('');
    // headingLevel={3} reached the element as a property.
    expect(await example.page.locator('status-dependencies h3').count()).toBe(1);
    // days={30} reached <status-availability>, which fetched that many days.
    await expect.poll(availability, { timeout: 10_000 }).not.toBe('');
    expect(
      example.requests.some((url) => url.includes('/services/tax-return/availability?days=30')),
    ).toBe(true);
    const defined = await example.page.evaluate(() =>
      [
        'status-banner',
        'status-dependencies',
        'status-alternatives',
        'status-maintenance',
        'status-availability',
      ].filter((tag) => customElements.get(tag)),
    );
    expect(defined).toHaveLength(5);
    expect(await axeViolations(example.page)).toEqual([]);
    expect(example.errors).toEqual([]);
  });

  it('shows an outage of the national eID naming the cause, and the typed handler reacts', async () => {
    const answer = await admin(example.run.demo, 'digst', 'POST', 'incidents', EID_OUTAGE);
    incidentId = (answer['incident'] as { id: string }).id;
    await expect.poll(banner, { timeout: 5_000, interval: 100 }).toContain('MitID is not working');
    expect(await banner()).toContain('because MitID (national eID) is down');
    // The app's onStatuskitChange handler got an "outage" notice and said so by its button.
    await expect.poll(startNote, { timeout: 5_000 }).toContain('Logging in does not work');
    expect(
      await example.page
        .getByRole('button', { name: 'Log in and start' })
        .getAttribute('aria-describedby'),
    ).toBe('start-note');
    expect(await axeViolations(example.page)).toEqual([]);
    expect(example.errors).toEqual([]);
  });

  it('clears the banner and the app note when the incident is resolved', async () => {
    await admin(example.run.demo, 'digst', 'POST', `incidents/${incidentId}/updates`, EID_RESOLVED);
    await expect.poll(banner, { timeout: 5_000, interval: 100 }).toBe('');
    await expect.poll(startNote, { timeout: 5_000 }).toBe('');
    expect(example.errors).toEqual([]);
  });
});
