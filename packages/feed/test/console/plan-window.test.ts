import { execFile } from 'node:child_process';
import { readFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planWindows, type PlanReport } from '../../src/planning/plan.js';
import { startTestFeed, type TestFeed } from '../helpers/feed.js';
import { TOKENS } from '../helpers/fixtures.js';
import { http } from '../helpers/http.js';
import { RawConnection } from '../helpers/raw-http.js';

const GENERATOR = fileURLToPath(
  new URL('../../../../scripts/generate-access-log.mjs', import.meta.url),
);
const NOW = '2026-02-23T12:00:00+01:00';

let dir: string;
let log: string;
let feed: TestFeed;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'statuskit-console-plan-'));
  log = join(dir, 'access.log.gz');
  await promisify(execFile)(process.execPath, [
    GENERATOR,
    ...['--size', '4m', '--weeks', '3', '--seed', '5', '--out', log],
  ]);
  feed = await startTestFeed({
    now: () => new Date(NOW),
    configOverrides: { console: { accessLogs: { 'tax-return': [log] } } },
  });
});
afterAll(async () => {
  await feed.close();
  await rm(dir, { recursive: true, force: true });
});

/** Uploads `body` (bytes) as the access log. */
async function upload(query: string, body: Buffer, token: string = TOKENS.tax): Promise<Response> {
  return fetch(`${feed.url}/v1/admin/plan-window?${query}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/octet-stream' },
    body: new Uint8Array(body),
  });
}

describe('POST /v1/admin/plan-window', () => {
  it('answers exactly what plan-window --json prints, from an uploaded gzip log', async () => {
    const response = await upload(
      'service=tax-return&duration=90m&within=14d&top=3&avoid=2026-03-01',
      await readFile(log),
    );
    expect(response.status).toBe(200);
    const report = (await response.json()) as PlanReport;
    const { report: expected } = await planWindows({
      logs: [log],
      durationMs: 90 * 60_000,
      withinMs: 14 * 86_400_000,
      timeZone: 'Europe/Copenhagen',
      avoid: ['2026-03-01'],
      top: 3,
      now: Date.parse(NOW),
    });
    expect(report).toEqual({
      ...expected,
      input: {
        ...expected.input,
        files: expected.input.files.map((file) => ({ ...file, file: 'uploaded' })),
        malformedExamples: expected.input.malformedExamples.map((line) => ({
          ...line,
          file: 'uploaded',
        })),
      },
    });
    expect(report.windows).toHaveLength(3);
    expect(report.windows[0]?.percentOfBusiest).toBeLessThan(50);
  });

  it('plans from the logs the config names for the service', async () => {
    const response = await http(
      `${feed.url}/v1/admin/plan-window?service=tax-return&duration=2h&source=configured`,
      { method: 'POST', token: TOKENS.tax },
    );
    expect(response.status).toBe(200);
    const report = response.json<PlanReport>();
    expect(report.input.files[0]?.file).toBe(log);
    expect(report.timeZone).toBe('Europe/Copenhagen');
  });

  it('names the config field when no logs are configured, and keeps them to their owner', async () => {
    const none = await http(
      `${feed.url}/v1/admin/plan-window?service=permits&duration=2h&source=configured`,
      { method: 'POST', token: TOKENS.tax },
    );
    expect(none.status).toBe(409);
    expect(none.json()['error']).toContain('console.accessLogs.permits');
    const others = await http(
      `${feed.url}/v1/admin/plan-window?service=tax-return&duration=2h&source=configured`,
      { method: 'POST', token: TOKENS.digst },
    );
    expect(others.status).toBe(403);
    expect(others.json()['error']).toContain('"tax"');
  });

  it('refuses bad parameters with 400 naming them, as the command does', async () => {
    const body = Buffer.from('x');
    const cases: [string, string, string][] = [
      ['duration=2h', 'service', 'is needed'],
      ['service=nope&duration=2h', 'service', 'no service "nope"'],
      ['service=tax-return', 'duration', 'is needed'],
      ['service=tax-return&duration=5m', 'duration', '5m must be between 15m and 7d'],
      ['service=tax-return&duration=2h&within=1h', 'within', 'from duration up to 366d'],
      ['service=tax-return&duration=2h&top=0', 'top', 'whole number from 1 to 100'],
      ['service=tax-return&duration=2h&avoid=15-03-2026', 'avoid', 'not a date like'],
      ['service=tax-return&duration=2h&source=s3', 'source', 'must be "configured"'],
    ];
    for (const [query, path, message] of cases) {
      const response = await upload(query, body);
      expect(response.status, query).toBe(400);
      const answer = (await response.json()) as { errors: { path: string; message: string }[] };
      expect(answer.errors[0]?.path, query).toBe(path);
      expect(answer.errors[0]?.message, query).toContain(message);
    }
  });

  it('refuses an empty upload, and one over the limit with 413 before reading it', async () => {
    const empty = await upload('service=tax-return&duration=2h', Buffer.alloc(0));
    expect(empty.status).toBe(400);
    const connection = await RawConnection.open(feed.url);
    connection.write(
      `POST /v1/admin/plan-window?service=tax-return&duration=2h HTTP/1.1\r\nHost: x\r\n` +
        `Authorization: Bearer ${TOKENS.tax}\r\nContent-Type: application/gzip\r\n` +
        `Content-Length: ${300 * 1024 * 1024}\r\n\r\nabc`,
    );
    const answer = await connection.read();
    expect(answer.status).toBe(413);
    expect(answer.body.toString()).toContain('256 MiB');
    connection.destroy();
  });

  it('needs a credential', async () => {
    const response = await http(`${feed.url}/v1/admin/plan-window?service=tax-return&duration=2h`, {
      method: 'POST',
    });
    expect(response.status).toBe(401);
  });
});
