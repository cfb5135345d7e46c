import { execFile } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:https';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { RunningFeed } from './helpers/cli.js';
import { startTestFeed, tempDir, type TestFeed } from './helpers/feed.js';
import { configJson } from './helpers/fixtures.js';
import { http } from './helpers/http.js';
import { startProbeTarget, type ProbeTarget } from './helpers/probe-target.js';
import { startProbingFeed } from './helpers/probing-feed.js';

const run = promisify(execFile);

let dir: string;
let certFile: string;
let expiry: number;
let target: ProbeTarget;

/** A self-signed certificate for 127.0.0.1, made with the openssl CLI for this run. */
beforeAll(async () => {
  dir = await tempDir('statuskit-probe-tls-');
  certFile = join(dir, 'cert.pem');
  const keyFile = join(dir, 'key.pem');
  await run('openssl', [
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-keyout',
    keyFile,
    '-out',
    certFile,
    '-days',
    '30',
    '-subj',
    '/CN=127.0.0.1',
    '-addext',
    'subjectAltName=IP:127.0.0.1,DNS:localhost',
  ]);
  const [cert, key] = await Promise.all([readFile(certFile), readFile(keyFile)]);
  expiry = Math.floor(Date.parse(new X509Certificate(cert).validTo) / 1000);
  target = await startProbeTarget((handler) => createServer({ cert, key }, handler), 'https');
  target.behave('/health', { status: 200 });
});

afterAll(async () => {
  await target.close();
  await rm(dir, { recursive: true, force: true });
});

describe('https probes', () => {
  it("put the certificate's expiry in /metrics when the certificate is trusted (NODE_EXTRA_CA_CERTS)", async () => {
    const configPath = join(dir, 'config.json');
    await writeFile(
      configPath,
      JSON.stringify(configJson({ probes: [{ service: 'eid', url: `${target.url}/health` }] })),
    );
    const dataDir = await tempDir();
    let feed: RunningFeed | undefined;
    try {
      feed = await startProbingFeed(
        configPath,
        dataDir,
        { probeTiming: { intervalMs: 25 } },
        { NODE_EXTRA_CA_CERTS: certFile },
      );
      const url = feed.url;
      await vi.waitFor(
        async () => {
          const text = (await http(`${url}/metrics`)).text;
          expect(text).toContain(
            `statuskit_probe_certificate_expiry_timestamp_seconds{probe="eid",service="eid"} ${expiry}`,
          );
          expect(text).toContain('statuskit_probe_up{probe="eid",service="eid"} 1');
        },
        { timeout: 10_000, interval: 50 },
      );
    } finally {
      feed?.child.kill('SIGTERM');
      await feed?.exited;
      await rm(dataDir, { recursive: true, force: true });
    }
  });

  it('fail a check whose certificate is not trusted, and say so without details', async () => {
    let feed: TestFeed | undefined;
    try {
      feed = await startTestFeed({
        configOverrides: {
          defaultLocale: 'en',
          probes: [{ service: 'eid', url: `${target.url}/health`, failuresBeforeDown: 1 }],
        },
        probeTiming: { intervalMs: 25 },
      });
      const running = feed;
      await vi.waitFor(
        () => {
          const eid = running.feed.store.document.services.find((s) => s.id === 'eid');
          expect(eid?.statusMessage).toEqual({
            en: "An automatic check could not verify this service's certificate.",
          });
        },
        { timeout: 10_000, interval: 10 },
      );
      const text = (await http(`${feed.url}/metrics`)).text;
      expect(text).toMatch(
        /statuskit_probe_checks_total\{probe="eid",service="eid",result="tls"\} [1-9]/,
      );
    } finally {
      await feed?.close();
    }
  });
});
