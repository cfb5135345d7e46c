// Issue 17, items 4 and 7 on Redis: `statuskit-feed serve --workers 2 --store redis://…` against a
// real redis-server. NOT RUN YET, ON PURPOSE: `--store` lands on the Redis branch. After merging
// it, rename this file to `workers.test.ts` (vitest runs test/**/*.test.ts) and let the CLI pass
// the `--store` value to `parseWorkers` (cli.ts) in place of `undefined`.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, requireBuild } from '../helpers/cli.js';
import { configJson, incidentBody, TOKENS } from '../helpers/fixtures.js';
import { startLogging, type LoggingProcess } from '../helpers/group.js';
import { http, openStream, type SseStream } from '../helpers/http.js';
import { freePort, startRedis, type TestRedis } from '../helpers/redis.js';

function valueOf(text: string, series: string): number | undefined {
  const line = text.split('\n').find((entry) => entry.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

let dir: string;
let redis: TestRedis;
let group: LoggingProcess;
let url: string;
beforeAll(async () => {
  requireBuild();
  dir = await mkdtemp(join(tmpdir(), 'statuskit-redis-workers-'));
  redis = await startRedis();
  const configPath = join(dir, 'statuskit.config.json');
  await writeFile(configPath, JSON.stringify(configJson()));
  const port = await freePort();
  group = startLogging([
    BIN,
    'serve',
    '--config',
    configPath,
    '--store',
    redis.url,
    '--port',
    String(port),
    '--workers',
    '2',
  ]);
  url = String((await group.waitFor((line) => line.msg === 'workers listening')).url);
}, 30_000);
afterAll(async () => {
  if (group.child.exitCode === null && group.child.signalCode === null) {
    group.child.kill('SIGKILL');
    await group.exited;
  }
  await redis.remove();
  await rm(dir, { recursive: true, force: true });
});

describe('serve --workers 2 --store redis://…', () => {
  it('serves one feed from both workers, and one scrape sees both', async () => {
    const streams: SseStream[] = [];
    for (let n = 0; n < 4; n += 1) streams.push(await openStream(`${url}/v1/stream`));
    try {
      await Promise.all(streams.map((stream) => stream.waitFor((e) => e.event === 'snapshot')));
      const posted = await http(`${url}/v1/admin/incidents`, {
        method: 'POST',
        token: TOKENS.digst,
        body: incidentBody(),
      });
      expect(posted.status).toBe(201);
      // Whichever worker took the write, every stream on either worker gets it, with one id.
      const ids = await Promise.all(
        streams.map(async (stream) => (await stream.waitFor((e) => e.event === 'incident')).id),
      );
      expect(new Set(ids).size).toBe(1);

      const { text } = await http(`${url}/metrics`);
      expect(valueOf(text, 'statuskit_open_streams')).toBe(4);
      expect(valueOf(text, 'statuskit_writes_accepted_total')).toBe(1);
      for (const worker of ['1', '2']) {
        expect(valueOf(text, `statuskit_store_lag_entries{worker="${worker}"}`)).toBe(0);
        expect(valueOf(text, `process_resident_memory_bytes{worker="${worker}"}`)).toBeGreaterThan(
          0,
        );
      }
    } finally {
      for (const stream of streams) stream.close();
    }
  });

  it('serves service views from every worker, each wording the change from its own document', async () => {
    const streams: SseStream[] = [];
    for (let n = 0; n < 4; n += 1) {
      streams.push(await openStream(`${url}/v1/stream?view=tax-return&lang=en`));
    }
    try {
      const first = await Promise.all(
        streams.map((stream) => stream.waitFor((e) => e.event === 'view')),
      );
      const put = await http(`${url}/v1/admin/services/digital-post/status`, {
        method: 'PUT',
        token: TOKENS.digst,
        body: { status: 'major_outage' },
      });
      expect(put.status).toBe(200);
      const causes = await Promise.all(
        streams.map(async (stream, index) => {
          const next = await stream.waitFor((e) => e.event === 'view' && e.id !== first[index]?.id);
          const notices = next.json['notices'] as { sentences: { cause?: string } }[];
          return notices.find((notice) => notice.sentences.cause?.includes('Digital Post'))
            ?.sentences.cause;
        }),
      );
      expect(new Set(causes)).toEqual(
        new Set(['Parts of Tax return may not work because Digital Post is down.']),
      );
      const { text } = await http(`${url}/metrics`);
      expect(valueOf(text, 'statuskit_view_streams')).toBe(4);
    } finally {
      for (const stream of streams) stream.close();
    }
  });

  it('starts a killed worker again; a stream resumes on the other exactly; SIGTERM stops all', async () => {
    const stream = await openStream(`${url}/v1/stream`);
    const snapshot = await stream.waitFor((e) => e.event === 'snapshot');
    stream.close();
    const second = await group.waitFor(
      (line) => line.msg === 'feed listening' && line.worker === '2',
    );
    process.kill(Number(second.pid), 'SIGKILL');
    await group.waitFor((line) => line.msg === 'worker died; starting it again');
    const posted = await http(`${url}/v1/admin/incidents`, {
      method: 'POST',
      token: TOKENS.digst,
      body: incidentBody(),
    });
    expect(posted.status).toBe(201);
    const resumed = await openStream(`${url}/v1/stream`, { 'last-event-id': snapshot.id ?? '' });
    try {
      const missed = await resumed.waitFor((e) => e.event === 'incident');
      expect(Number(missed.id)).toBe(Number(snapshot.id) + 1);
      expect(resumed.events.filter((e) => e.event === 'snapshot')).toEqual([]);
    } finally {
      resumed.close();
    }
    await group.waitFor(
      (line) => line.msg === 'feed listening' && line.worker === '2' && line.pid !== second.pid,
    );
    group.child.kill('SIGTERM');
    expect(await group.exited, group.output()).toBe(0);
  }, 20_000);
});
