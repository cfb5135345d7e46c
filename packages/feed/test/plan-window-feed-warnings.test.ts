// Issue 16, item 7: when plan-window --schedule announces a window, what the feed warns about it
// (here: longer than the service's declared maximum single outage) reaches the operator.
import { afterEach, describe, expect, it } from 'vitest';
import { scheduleMaintenance } from '../src/planning/schedule.js';
import { TimeZone } from '../src/planning/zoned-time.js';
import { configJson, TOKENS } from './helpers/fixtures.js';
import { startTestFeed, type TestFeed } from './helpers/feed.js';

let feed: TestFeed | undefined;
afterEach(async () => {
  await feed?.close();
  feed = undefined;
});

describe('scheduleMaintenance', () => {
  it("passes on the feed's warnings about the window it announced", async () => {
    const services = (configJson()['services'] as Record<string, unknown>[]).map((service) =>
      service['id'] === 'tax-return'
        ? {
            ...service,
            sla: { availabilityTarget: 99.5, noticePeriodDays: 5, maxOutageMinutes: 60 },
          }
        : service,
    );
    feed = await startTestFeed({
      now: () => new Date('2026-02-23T12:00:00+01:00'),
      configOverrides: { services },
    });
    const lines: string[] = [];
    const start = Date.parse('2026-03-01T02:00:00+01:00');
    const maintenance = await scheduleMaintenance({
      feed: `${feed.url}/v1`,
      token: TOKENS.tax,
      service: 'tax-return',
      start,
      end: start + 2 * 3_600_000,
      zone: new TimeZone('Europe/Copenhagen'),
      warn: (line) => lines.push(line),
    });
    expect(maintenance.services).toEqual(['tax-return']);
    expect(lines).toEqual([
      'statuskit-feed: warning from the feed: the window lasts 120 minutes, but "tax-return" declares a maximum single outage of 60 minutes (sla.maxOutageMinutes)\n',
    ]);
  });
});
