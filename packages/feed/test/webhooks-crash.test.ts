import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { serveInChild, type RunningFeed } from './helpers/cli.js';
import { tempDir } from './helpers/feed.js';
import { configJson, incidentBody, TOKENS } from './helpers/fixtures.js';
import { http } from './helpers/http.js';
import { startReceiver, type WebhookReceiver } from './helpers/webhook-receiver.js';

const running: RunningFeed[] = [];
let hooks: WebhookReceiver | undefined;
let dir: string | undefined;

afterEach(async () => {
  for (const feed of running.splice(0)) {
    if (feed.child.exitCode === null && feed.child.signalCode === null) feed.child.kill('SIGTERM');
    await feed.exited;
  }
  await hooks?.close();
  if (dir !== undefined) await rm(dir, { recursive: true, force: true });
});

describe('webhook deliveries across a crash', () => {
  it('a delivery pending when the feed is killed (SIGKILL) is sent after it starts again, with the same webhook-id', async () => {
    dir = await tempDir('statuskit-webhooks-crash-');
    const configPath = join(dir, 'config.json');
    await writeFile(
      configPath,
      JSON.stringify(configJson({ subscriptions: { allowPrivateAddresses: true } })),
    );
    let up = false;
    hooks = await startReceiver(() => ({ status: up ? 200 : 503 }));
    const first = await serveInChild(configPath, join(dir, 'data'));
    running.push(first);
    const created = await http(`${first.url}/v1/admin/subscriptions`, {
      method: 'POST',
      token: TOKENS.digst,
      body: { url: hooks.url },
    });
    expect(created.status, created.text).toBe(201);
    const opened = await http(`${first.url}/v1/admin/incidents`, {
      method: 'POST',
      token: TOKENS.digst,
      body: incidentBody(),
    });
    expect(opened.status, opened.text).toBe(201);
    // The first attempt failed (503); the next waits seconds: the feed dies before it.
    const [failed] = await hooks.waitFor(1);
    first.child.kill('SIGKILL');
    await first.exited;

    up = true;
    const second = await serveInChild(configPath, join(dir, 'data'));
    running.push(second);
    const [, again] = await hooks.waitFor(2);
    expect(again?.headers['webhook-id']).toBe(failed?.headers['webhook-id']);
    expect(again?.body).toBe(failed?.body);
  });
});
