// Issue 17, items 4 and 7: two real forked workers on one port under the feed's supervisor; one
// scrape of /metrics, whichever worker answers, sees the whole group; kill -9 one worker and the
// other keeps the port answering while the primary starts it again.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requireBuild } from './helpers/cli.js';
import { configJson } from './helpers/fixtures.js';
import { startLogging, type LoggingProcess } from './helpers/group.js';
import { http, openStream, type SseStream } from './helpers/http.js';

const GROUP = fileURLToPath(new URL('fixtures/worker-group.mjs', import.meta.url));

function valueOf(text: string, series: string): number | undefined {
  const line = text.split('\n').find((entry) => entry.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

let dir: string;
let group: LoggingProcess;
let url: string;
beforeAll(async () => {
  requireBuild();
  dir = await mkdtemp(join(tmpdir(), 'statuskit-cluster-metrics-'));
  const configPath = join(dir, 'statuskit.config.json');
  await writeFile(configPath, JSON.stringify(configJson()));
  group = startLogging([GROUP, configPath, dir]);
  url = String((await group.waitFor((line) => line.msg === 'workers listening')).url);
});
afterAll(async () => {
  if (group.child.exitCode === null && group.child.signalCode === null) {
    group.child.kill('SIGKILL');
    await group.exited;
  }
  await rm(dir, { recursive: true, force: true });
});

describe('a group of two workers', () => {
  it('answers /metrics for the whole group from either worker', async () => {
    const streams: SseStream[] = [];
    for (let n = 0; n < 4; n += 1) streams.push(await openStream(`${url}/v1/stream`));
    await Promise.all(streams.map((stream) => stream.waitFor((e) => e.event === 'snapshot')));
    try {
      // Connections go round robin: the scrapes are answered by both workers.
      for (let n = 0; n < 4; n += 1) {
        const res = await http(`${url}/metrics`);
        expect(res.status).toBe(200);
        expect(res.headers['content-type']).toBe('text/plain; version=0.0.4; charset=utf-8');
        // Totals and open streams add up over the workers; the shared revision does not.
        expect(valueOf(res.text, 'statuskit_open_streams')).toBe(4);
        expect(valueOf(res.text, 'statuskit_streams_opened_total')).toBe(4);
        expect(res.text).toContain('# TYPE statuskit_events_sent_total counter\n');
        expect(valueOf(res.text, 'statuskit_revision')).toBeGreaterThan(0);
        for (const worker of ['1', '2']) {
          for (const series of [
            'process_resident_memory_bytes',
            'nodejs_eventloop_lag_p99_seconds',
            'nodejs_heap_size_used_bytes',
            'statuskit_filter_groups',
          ]) {
            expect(
              valueOf(res.text, `${series}{worker="${worker}"}`),
              series,
            ).toBeGreaterThanOrEqual(0);
          }
        }
      }
    } finally {
      for (const stream of streams) stream.close();
    }
  });

  it('keeps the port answering while the primary starts a killed worker again', async () => {
    const second = await group.waitFor(
      (line) => line.msg === 'feed listening' && line.worker === '2',
    );
    process.kill(Number(second.pid), 'SIGKILL');
    const restarted = group.waitFor(
      (line) => line.msg === 'feed listening' && line.worker === '2' && line.pid !== second.pid,
    );
    const died = await group.waitFor((line) => line.msg === 'worker died; starting it again');
    expect(died).toMatchObject({ worker: '2', pid: second.pid, signal: 'SIGKILL' });
    // From the primary's notice until worker 2 is back, worker 1 alone holds the port.
    const state = { restarted: false };
    void restarted.then(
      () => (state.restarted = true),
      () => (state.restarted = true),
    );
    do {
      expect((await http(`${url}/v1/status.json`)).status).toBe(200);
    } while (!state.restarted);
    expect(await restarted).toMatchObject({ url });
    const { text } = await http(`${url}/metrics`);
    expect(valueOf(text, 'process_resident_memory_bytes{worker="2"}')).toBeGreaterThan(0);

    group.child.kill('SIGTERM');
    expect(await group.exited).toBe(0);
  }, 20_000);
});
