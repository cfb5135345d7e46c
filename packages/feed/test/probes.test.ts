import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Service } from '@statuskit/model';
import type { ProbeCheck } from '../src/probes/probe-check.js';
import { runCli } from './helpers/cli.js';
import { startTestFeed, tempDir, type TestFeed } from './helpers/feed.js';
import { configJson, TOKENS } from './helpers/fixtures.js';
import { http } from './helpers/http.js';
import { startProbeTarget, type ProbeTarget } from './helpers/probe-target.js';

const open: { close(): Promise<void> }[] = [];
afterEach(async () => {
  for (const item of open.splice(0).reverse()) await item.close();
});

async function target(): Promise<ProbeTarget> {
  const started = await startProbeTarget();
  open.push(started);
  return started;
}

/** A feed whose probes check every 25 ms (the config's floor is 10 s; tests shorten it). */
async function feedProbing(
  probes: readonly Record<string, unknown>[],
  overrides: Record<string, unknown> = {},
  checks: ProbeCheck[] = [],
): Promise<TestFeed> {
  const feed = await startTestFeed({
    configOverrides: { probes, ...overrides },
    probeTiming: { intervalMs: 25 },
    probeSink: { record: (check) => checks.push(check) },
  });
  open.push(feed);
  return feed;
}

function service(feed: TestFeed, id = 'eid'): Service {
  const found = feed.feed.store.document.services.find((entry) => entry.id === id);
  if (!found) throw new Error(`no service ${id}`);
  return found;
}

/** Waits (bounded) until the service's status is `status`; not a timing assertion. */
async function statusBecomes(feed: TestFeed, status: string, id = 'eid'): Promise<Service> {
  await vi.waitFor(
    () => {
      expect(service(feed, id).status).toBe(status);
    },
    { timeout: 10_000, interval: 10 },
  );
  return service(feed, id);
}

async function requestsReach(at: ProbeTarget, count: number, path?: string): Promise<void> {
  await vi.waitFor(
    () => {
      expect(at.requests(path)).toBeGreaterThanOrEqual(count);
    },
    { timeout: 10_000, interval: 10 },
  );
}

const actors = (feed: TestFeed): string[] =>
  (feed.feed.store.since(0) ?? [])
    .filter((record) => record.change.type === 'service' && record.actor !== 'config')
    .map((record) => record.actor);

describe('built-in HTTP probes', () => {
  it('mark a service down after failuresBeforeDown failures in a row, as probe:<id>, in plain words', async () => {
    const at = await target();
    at.behave('/health', { status: 503 });
    const checks: ProbeCheck[] = [];
    const feed = await feedProbing(
      [{ service: 'eid', url: `${at.url}/health`, failuresBeforeDown: 3 }],
      {},
      checks,
    );
    const down = await statusBecomes(feed, 'major_outage');
    expect(at.requests('/health')).toBeGreaterThanOrEqual(3);
    expect(down.statusOrigin).toBe('probe');
    expect(down.statusMessage).toEqual({
      da: 'En automatisk kontrol fik en fejl fra tjenesten (HTTP 503).',
    });
    expect(JSON.stringify(down.statusMessage)).not.toContain('127.0.0.1');
    expect(actors(feed)).toEqual(['probe:eid']);
    // Every check reached the sink, failed, for the right probe and service.
    expect(checks.length).toBeGreaterThanOrEqual(3);
    expect(checks.slice(0, 3).map(({ probe, service: id, ok }) => ({ probe, id, ok }))).toEqual(
      Array(3).fill({ probe: 'eid', id: 'eid', ok: false }),
    );
  });

  it('write nothing for fewer failures in a row than failuresBeforeDown', async () => {
    const at = await target();
    at.behave('/health', { status: 500 });
    const feed = await feedProbing([
      { service: 'eid', url: `${at.url}/health`, failuresBeforeDown: 3 },
    ]);
    await requestsReach(at, 2, '/health');
    at.behave('/health', { status: 200 });
    await requestsReach(at, 10, '/health');
    expect(service(feed).status).toBe('operational');
    expect(actors(feed)).toEqual([]);
  });

  it('bring a service back up after successesBeforeUp successes, and write only on a change', async () => {
    const at = await target();
    at.behave('/health', { status: 500 });
    const feed = await feedProbing([
      { service: 'eid', url: `${at.url}/health`, failuresBeforeDown: 1, successesBeforeUp: 2 },
    ]);
    await statusBecomes(feed, 'major_outage');
    at.behave('/health', { status: 200, body: 'all fine' });
    const up = await statusBecomes(feed, 'operational');
    expect(up.statusMessage).toEqual({
      da: 'En automatisk kontrol finder, at tjenesten svarer normalt.',
    });
    const written = actors(feed).length;
    await requestsReach(at, at.requests() + 5);
    expect(actors(feed)).toHaveLength(written);
    expect(actors(feed)).toEqual(['probe:eid', 'probe:eid']);
  });

  it('mark a service degraded when its answers are slower than degradedAboveMs', async () => {
    const at = await target();
    at.behave('/slow', { status: 200, delayMs: 150 });
    const feed = await feedProbing([
      {
        id: 'eid-slow',
        service: 'eid',
        url: `${at.url}/slow`,
        timeoutSeconds: 2,
        degradedAboveMs: 100,
        successesBeforeUp: 2,
      },
    ]);
    const slow = await statusBecomes(feed, 'degraded');
    expect(slow.statusMessage?.['da']).toMatch(
      /^En automatisk kontrol finder, at tjenesten svarer langsomt \(0\.\d s, mere end 0\.1 s\)\.$/,
    );
    expect(actors(feed)).toEqual(['probe:eid-slow']);
  });

  it('fail a check that gets no answer within the timeout, and say so', async () => {
    const at = await target();
    at.behave('/hang', { status: 200, delayMs: 60_000 });
    const feed = await feedProbing(
      [{ service: 'eid', url: `${at.url}/hang`, timeoutSeconds: 1, failuresBeforeDown: 1 }],
      { defaultLocale: 'en' },
    );
    const down = await statusBecomes(feed, 'major_outage');
    expect(down.statusMessage).toEqual({
      en: 'An automatic check could not reach this service (timeout after 1 s).',
    });
    // A check still running when its next slot comes skips that slot.
    expect(at.mostAtOnce).toBe(1);
  });

  it('fail a check whose body lacks bodyContains', async () => {
    const at = await target();
    at.behave('/health', { status: 200, body: 'status: broken' });
    const feed = await feedProbing(
      [
        {
          service: 'eid',
          url: `${at.url}/health`,
          expect: { bodyContains: 'status: ok' },
          failuresBeforeDown: 2,
        },
      ],
      { defaultLocale: 'en' },
    );
    const down = await statusBecomes(feed, 'major_outage');
    expect(down.statusMessage).toEqual({
      en: 'An automatic check got an answer from this service, but not the expected content.',
    });
  });

  it('refuse a redirect to another host, and follow one on the same host', async () => {
    const at = await target();
    // localhost and 127.0.0.1 are one server but two host names.
    at.behave('/away', { location: `http://localhost:${at.port}/elsewhere` });
    at.behave('/moved', { location: '/new-health' });
    at.behave('/new-health', { status: 200, body: 'OK' });
    at.behave('/elsewhere', { status: 200, body: 'OK' });
    const feed = await feedProbing(
      [
        { service: 'eid', url: `${at.url}/away`, failuresBeforeDown: 1 },
        {
          service: 'digital-post',
          url: `${at.url}/moved`,
          expect: { bodyContains: 'OK' },
          successesBeforeUp: 1,
        },
      ],
      {
        defaultLocale: 'en',
        services: [
          { id: 'eid', name: { da: 'MitID' }, owner: 'digst' },
          { id: 'digital-post', name: { da: 'Post' }, owner: 'digst', status: 'major_outage' },
        ],
      },
    );
    const away = await statusBecomes(feed, 'major_outage');
    expect(away.statusMessage).toEqual({
      en: 'An automatic check was sent away from this service by a redirect.',
    });
    expect(at.requests('/elsewhere')).toBe(0);
    await statusBecomes(feed, 'operational', 'digital-post');
    expect(at.requests('/new-health')).toBeGreaterThanOrEqual(1);
  });

  it('follow a redirect to a host listed in followRedirectsTo', async () => {
    const at = await target();
    at.behave('/away', { location: `http://localhost:${at.port}/elsewhere` });
    at.behave('/elsewhere', { status: 200, body: 'OK' });
    const feed = await feedProbing(
      [
        {
          service: 'eid',
          url: `${at.url}/away`,
          followRedirectsTo: ['localhost'],
          successesBeforeUp: 1,
        },
      ],
      {
        services: [{ id: 'eid', name: { da: 'MitID' }, owner: 'digst', status: 'major_outage' }],
      },
    );
    await statusBecomes(feed, 'operational');
    expect(at.requests('/elsewhere')).toBeGreaterThanOrEqual(1);
  });

  it("leave an operator's status alone until DELETE hands the service back", async () => {
    const at = await target();
    at.behave('/health', { status: 503 });
    const feed = await feedProbing([
      { service: 'eid', url: `${at.url}/health`, failuresBeforeDown: 1 },
    ]);
    await statusBecomes(feed, 'major_outage');
    const put = await http(`${feed.url}/v1/admin/services/eid/status`, {
      method: 'PUT',
      token: TOKENS.digst,
      body: { status: 'degraded', message: { da: 'Vi kender til fejlen.' } },
    });
    expect(put.status).toBe(200);
    expect(put.json<{ service: Service }>().service.statusOrigin).toBe('operator');
    // The probes keep checking (and failing) but write nothing while the operator's status holds.
    await requestsReach(at, at.requests() + 5);
    expect(service(feed)).toMatchObject({ status: 'degraded', statusOrigin: 'operator' });
    expect(actors(feed)).toEqual(['probe:eid', 'digst']);

    const refused = await http(`${feed.url}/v1/admin/services/eid/status`, {
      method: 'DELETE',
      token: TOKENS.tax,
    });
    expect(refused.status).toBe(403);
    const handedBack = await http(`${feed.url}/v1/admin/services/eid/status`, {
      method: 'DELETE',
      token: TOKENS.digst,
    });
    expect(handedBack.status).toBe(200);
    expect(handedBack.json<{ service: Service }>().service).toMatchObject({
      status: 'major_outage',
      statusOrigin: 'probe',
      statusMessage: { da: 'En automatisk kontrol fik en fejl fra tjenesten (HTTP 503).' },
    });
    expect(actors(feed)).toEqual(['probe:eid', 'digst', 'digst']);

    // Handed back, the probes write again when they conclude otherwise.
    at.behave('/health', { status: 200 });
    await statusBecomes(feed, 'operational');
    expect(actors(feed)).toEqual(['probe:eid', 'digst', 'digst', 'probe:eid']);
  });

  it("keep a service's status origin when a new config changes the service", async () => {
    const at = await target();
    at.behave('/health', { status: 200 });
    const probes = [{ service: 'eid', url: `${at.url}/health` }];
    const feed = await startTestFeed({ configOverrides: { probes } });
    open.push({ close: () => rm(feed.dataDir, { recursive: true, force: true }) });
    const put = await http(`${feed.url}/v1/admin/services/eid/status`, {
      method: 'PUT',
      token: TOKENS.digst,
      body: { status: 'major_outage' },
    });
    expect(put.status).toBe(200);
    await feed.feed.close();
    const renamed = await startTestFeed({
      dataDir: feed.dataDir,
      configOverrides: {
        probes,
        services: [{ id: 'eid', name: { da: 'MitID (nyt navn)' }, owner: 'digst' }],
      },
    });
    open.push(renamed);
    expect(service(renamed)).toMatchObject({
      name: { da: 'MitID (nyt navn)' },
      status: 'major_outage',
      statusOrigin: 'operator',
    });
  });

  it('answer DELETE with 409 for a service no probe watches, changing nothing', async () => {
    const at = await target();
    at.behave('/health', { status: 200 });
    const feed = await feedProbing([{ service: 'eid', url: `${at.url}/health` }]);
    const revision = feed.feed.store.revision;
    const answer = await http(`${feed.url}/v1/admin/services/login/status`, {
      method: 'DELETE',
      token: TOKENS.digst,
    });
    expect(answer.status).toBe(409);
    expect(answer.json<{ error: string }>().error).toMatch(/no probe watches service "login"/);
    expect(feed.feed.store.revision).toBe(revision);
    const missing = await http(`${feed.url}/v1/admin/services/nope/status`, {
      method: 'DELETE',
      token: TOKENS.digst,
    });
    expect(missing.status).toBe(404);
    const anonymous = await http(`${feed.url}/v1/admin/services/eid/status`, {
      method: 'DELETE',
    });
    expect(anonymous.status).toBe(401);
  });

  it('show each probe in /metrics: up, last duration, checks by result', async () => {
    const at = await target();
    at.behave('/health', { status: 200 });
    at.behave('/broken', { status: 500 });
    const feed = await feedProbing([
      { id: 'eid-ok', service: 'eid', url: `${at.url}/health` },
      { id: 'eid-broken', service: 'eid', url: `${at.url}/broken` },
    ]);
    await requestsReach(at, 2, '/broken');
    await requestsReach(at, 2, '/health');
    const text = (await http(`${feed.url}/metrics`)).text;
    expect(text).toContain('statuskit_probe_up{probe="eid-ok",service="eid"} 1');
    expect(text).toContain('statuskit_probe_up{probe="eid-broken",service="eid"} 0');
    expect(text).toMatch(/statuskit_probe_duration_seconds\{probe="eid-ok",service="eid"\} \d/);
    expect(text).toMatch(
      /statuskit_probe_checks_total\{probe="eid-broken",service="eid",result="status"\} [1-9]/,
    );
    expect(text).toMatch(
      /statuskit_probe_checks_total\{probe="eid-ok",service="eid",result="ok"\} [1-9]/,
    );
    // Plain http: no certificate, so no expiry series.
    expect(text).not.toContain('statuskit_probe_certificate_expiry_timestamp_seconds{');
  });

  it('name probe:<id> as who set the status, in the journal and in report', async () => {
    const at = await target();
    at.behave('/health', { status: 503 });
    const feed = await feedProbing([
      { id: 'eid-front', service: 'eid', url: `${at.url}/health`, failuresBeforeDown: 1 },
    ]);
    await statusBecomes(feed, 'major_outage');
    const hour = 3_600_000;
    const period = [
      '--from',
      new Date(Date.now() - hour).toISOString(),
      '--to',
      new Date(Date.now() + hour).toISOString(),
    ];
    const markdown = await runCli(['report', '--data', feed.dataDir, ...period]);
    expect(markdown.stderr).toBe('');
    expect(markdown.stdout).toContain('## Own status changes');
    expect(markdown.stdout).toMatch(/\| eid \| major_outage \| probe:eid-front \|/);
    const json = await runCli(['report', '--data', feed.dataDir, ...period, '--format', 'json']);
    expect(JSON.parse(json.stdout)).toMatchObject({
      statusChanges: [{ service: 'eid', status: 'major_outage', actor: 'probe:eid-front' }],
    });
  });

  it('refuse a bad probe config at start, naming the field', async () => {
    await expect(
      startTestFeed({
        configOverrides: { probes: [{ service: 'eid', url: 'ftp://mitid.example/' }] },
      }),
    ).rejects.toThrow(/probes\[0\]\.url: "ftp:\/\/mitid\.example\/" is not an http or https URL/);
    await expect(
      startTestFeed({
        configOverrides: {
          probes: [{ service: 'eid', url: 'https://x.example', expect: { status: '2xx' } }],
        },
      }),
    ).rejects.toThrow(/probes\[0\]\.expect\.status: "2xx"/);
    // The same from the real CLI: one sentence naming the field, no stack, nothing started.
    const dir = await tempDir('statuskit-probe-config-');
    open.push({ close: () => rm(dir, { recursive: true, force: true }) });
    const configPath = join(dir, 'statuskit.config.json');
    await writeFile(
      configPath,
      JSON.stringify(
        configJson({ probes: [{ service: 'eid', url: 'https://x.example', timeoutSeconds: 90 }] }),
      ),
    );
    const cli = await runCli(['serve', '--config', configPath, '--data', join(dir, 'data')]);
    expect(cli.code).toBe(1);
    expect(cli.stderr).toContain(
      'probes[0].timeoutSeconds: must be a whole number of seconds from 1 to 60',
    );
    expect(cli.stderr).not.toMatch(/\n\s+at /);
  });
});
