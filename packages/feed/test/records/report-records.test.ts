import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { formatMarkdown } from '../../src/report/markdown.js';
import { buildReport } from '../../src/report/report.js';

const FIXTURE = fileURLToPath(new URL('../fixtures/report-journal/', import.meta.url));

const report = (feedUrl?: string) =>
  buildReport({
    dataDir: join(FIXTURE, 'data'),
    configPath: join(FIXTURE, 'statuskit.config.json'),
    from: '2026-01-01',
    to: '2026-02-28',
    now: Date.parse('2026-02-03T11:00:00Z'),
    ...(feedUrl !== undefined && { feedUrl }),
  });

describe('report links each finished outage to its signed record', () => {
  it('names the record of every finished incident and maintenance, none of open ones', async () => {
    const { report: built, zone } = await report('https://status.example.dk/');
    const incidents = Object.fromEntries(built.incidents.map((entry) => [entry.id, entry.record]));
    expect(incidents).toMatchObject({
      'inc-a': 'https://status.example.dk/v1/records/inc-a',
      'inc-e': null,
    });
    const completed = built.maintenance.filter((entry) => entry.state === 'completed');
    expect(completed.length).toBeGreaterThan(0);
    for (const entry of completed)
      expect(entry.record).toBe(`https://status.example.dk/v1/records/${entry.id}`);

    const markdown = formatMarkdown(built, zone);
    expect(markdown).toContain('## Records');
    expect(markdown).toContain(
      '- inc-a: MitID is down. Get a record of this outage: <https://status.example.dk/v1/records/inc-a>',
    );
    expect(markdown).not.toContain('/v1/records/inc-e');
  });

  it("without the feed's address, names the record's path on the feed", async () => {
    const { report: built } = await report();
    expect(built.incidents.find((entry) => entry.id === 'inc-a')?.record).toBe('/v1/records/inc-a');
  });
});
