// The feed serves the built console at /console/ under a strict CSP, and refuses to start
// with --console when the console is not built.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consoleDistDir } from '../src/console/console-dist.js';
import { CONSOLE_JS, consoleDist, INDEX_HTML } from './console/console-fixture.js';
import { startTestFeed, type TestFeed } from './helpers/feed.js';
import { http } from './helpers/http.js';
import { RawConnection } from './helpers/raw-http.js';

const CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; font-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'; require-trusted-types-for 'script'";

let assetsDir: string;
let feed: TestFeed;
beforeAll(async () => {
  assetsDir = await consoleDist();
  feed = await startTestFeed({ console: { assetsDir } });
});
afterAll(async () => {
  await feed.close();
  await rm(assetsDir, { recursive: true, force: true });
});

describe('/console/', () => {
  it('redirects /console to /console/ and serves index.html there with the security headers', async () => {
    const moved = await http(`${feed.url}/console`);
    expect(moved.status).toBe(301);
    expect(moved.headers.location).toBe('/console/');
    const page = await http(`${feed.url}/console/`);
    expect(page.status).toBe(200);
    expect(page.text).toBe(INDEX_HTML);
    expect(page.headers).toMatchObject({
      'content-type': 'text/html; charset=utf-8',
      'content-security-policy': CSP,
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      'cache-control': 'no-cache',
    });
  });

  it('serves the dist files with their types and ETags (304 when unchanged)', async () => {
    const script = await http(`${feed.url}/console/console.js`);
    expect(script.status).toBe(200);
    expect(script.text).toBe(CONSOLE_JS);
    expect(script.headers['content-type']).toBe('text/javascript; charset=utf-8');
    const etag = String(script.headers.etag);
    expect(etag).toMatch(/^"[\w-]+"$/);
    const again = await http(`${feed.url}/console/console.js`, {
      headers: { 'if-none-match': etag },
    });
    expect(again.status).toBe(304);
    expect((await http(`${feed.url}/console/console.css`)).headers['content-type']).toBe(
      'text/css; charset=utf-8',
    );
    expect((await http(`${feed.url}/console/chunks/part.js`)).status).toBe(200);
  });

  it('serves nothing outside the dist, however the path is written', async () => {
    for (const path of [
      '/console/../package.json',
      '/console/%2e%2e/%2e%2e/package.json',
      '/console/..%2f..%2fpackage.json',
      '/console/missing.js',
    ]) {
      const connection = await RawConnection.open(feed.url);
      try {
        const answer = await connection.request('GET', path);
        expect(answer.status, path).not.toBe(200);
        expect(answer.body.toString(), path).not.toContain('"name"');
      } finally {
        connection.destroy();
      }
    }
  });

  it('is not served without the console option', async () => {
    const plain = await startTestFeed();
    try {
      expect((await http(`${plain.url}/console/`)).status).toBe(404);
    } finally {
      await plain.close();
    }
  });

  it('refuses to start when the console is not built, saying how to build it', async () => {
    const empty = await mkdtemp(join(tmpdir(), 'statuskit-no-console-'));
    try {
      await expect(startTestFeed({ console: { assetsDir: empty } })).rejects.toThrow(
        /the console is not built: .*index\.html is missing; run "npm run build"/,
      );
    } finally {
      await rm(empty, { recursive: true, force: true });
    }
  });

  it("finds @statuskit/console's dist for serve --console", () => {
    expect(consoleDistDir()).toMatch(/console[/\\]dist$/);
  });
});
