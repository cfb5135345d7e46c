import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { RunningFeed } from '../helpers/cli.js';
import { tempDir } from '../helpers/feed.js';
import { configJson } from '../helpers/fixtures.js';
import { http } from '../helpers/http.js';
import { startProbeTarget, type ProbeTarget } from '../helpers/probe-target.js';
import { startProbingFeed } from '../helpers/probing-feed.js';
import { startRedis, type TestRedis } from '../helpers/redis.js';

let redis: TestRedis;
let target: ProbeTarget;
let dir: string;
const feeds: RunningFeed[] = [];

beforeAll(async () => {
  redis = await startRedis();
  target = await startProbeTarget();
  target.behave('/health', { status: 200 });
  dir = await tempDir('statuskit-probe-lease-');
});

afterAll(async () => {
  for (const feed of feeds) {
    if (feed.child.exitCode === null) feed.child.kill('SIGTERM');
    await feed.exited;
  }
  await target.close();
  await redis.remove();
  await rm(dir, { recursive: true, force: true });
});

const TAKEN = 'probe lease taken';

/** The probe checks a feed process has made, read from its /metrics. */
async function checksBy(feed: RunningFeed): Promise<number> {
  const text = (await http(`${feed.url}/metrics`)).text;
  const match = /statuskit_probe_checks_total\{probe="eid",service="eid",result="ok"\} (\d+)/.exec(
    text,
  );
  return Number(match?.[1] ?? 0);
}

describe('probes with several feed processes on one Redis', () => {
  it('run in exactly one process, and in another once the holder is killed', async () => {
    const configPath = join(dir, 'config.json');
    await writeFile(
      configPath,
      JSON.stringify(configJson({ probes: [{ service: 'eid', url: `${target.url}/health` }] })),
    );
    const options = {
      redis: { url: redis.url, keyPrefix: 'lease-test:' },
      probeTiming: { intervalMs: 25, leaseMs: 600 },
    };
    for (const name of ['a', 'b']) {
      feeds.push(await startProbingFeed(configPath, join(dir, name), options));
    }
    const [a, b] = feeds as [RunningFeed, RunningFeed];
    await vi.waitFor(
      () => {
        expect(target.requests('/health')).toBeGreaterThanOrEqual(20);
      },
      { timeout: 10_000, interval: 20 },
    );
    const holders = feeds.filter((feed) => feed.logs().includes(TAKEN));
    expect(holders).toHaveLength(1);
    const [holder] = holders as [RunningFeed];
    const other = holder === a ? b : a;
    // Every request the target saw came from the holder; the other has checked nothing.
    expect(await checksBy(other)).toBe(0);
    expect(await checksBy(holder)).toBeGreaterThanOrEqual(20);

    holder.child.kill('SIGKILL');
    await holder.exited;
    const seenBefore = target.requests('/health');
    await vi.waitFor(
      async () => {
        expect(other.logs()).toContain(TAKEN);
        expect(await checksBy(other)).toBeGreaterThanOrEqual(5);
      },
      { timeout: 10_000, interval: 50 },
    );
    expect(target.requests('/health')).toBeGreaterThan(seenBefore);
  });
});
