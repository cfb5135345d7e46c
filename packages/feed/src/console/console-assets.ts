/**
 * Serves the built console (`@statuskit/console`'s `dist/`) at `/console/`, under a strict CSP:
 * script, style and fetches only from the feed itself, no inline script, no framing.
 */
import { createHash } from 'node:crypto';
import { readdir, readFile, stat } from 'node:fs/promises';
import { extname, join, resolve, sep } from 'node:path';
import { HttpError } from '../http/http-error.js';
import type { RouteContext, Router } from '../http/router.js';

export const CONSOLE_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "connect-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "require-trusted-types-for 'script'",
].join('; ');

const SECURITY_HEADERS = {
  'content-security-policy': CONSOLE_CSP,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'cache-control': 'no-cache',
};

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

/** A file of the console, read once at start: the dist is fixed while the feed runs. */
interface Asset {
  readonly body: Buffer;
  readonly type: string;
  readonly etag: string;
}

/** Thrown at start-up when the console is not built (the feed then does not start). */
export class ConsoleAssetsMissing extends Error {
  override name = 'ConsoleAssetsMissing';
}

/** Reads every file of `assetsDir` (which must hold index.html and console.js). */
export async function loadConsoleAssets(assetsDir: string): Promise<ReadonlyMap<string, Asset>> {
  const root = resolve(assetsDir);
  const assets = new Map<string, Asset>();
  const files = await listFiles(root).catch((error: unknown) => {
    throw new ConsoleAssetsMissing(
      `the console is not built: ${root} cannot be read (${String(error)}); run "npm run build" (or install @statuskit/console)`,
    );
  });
  for (const file of files) {
    const type = CONTENT_TYPES[extname(file).toLowerCase()];
    if (type === undefined) continue;
    const body = await readFile(join(root, file));
    const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
    assets.set(file.split(sep).join('/'), { body, type, etag });
  }
  for (const needed of ['index.html', 'console.js']) {
    if (!assets.has(needed)) {
      throw new ConsoleAssetsMissing(
        `the console is not built: ${join(root, needed)} is missing; run "npm run build"`,
      );
    }
  }
  return assets;
}

async function listFiles(dir: string, prefix = ''): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const files: string[] = [];
  for (const entry of entries) {
    const name = join(prefix, entry.name);
    if (entry.isDirectory()) files.push(...(await listFiles(join(dir, entry.name), name)));
    else if (entry.isFile() && (await stat(join(dir, entry.name))).isFile()) files.push(name);
  }
  return files;
}

/**
 * `/console` → 301 `/console/`; `/console/` → index.html; `/console/<file>` → that file of the
 * dist. Only files read at start are served, so no path can reach outside the dist.
 */
export function registerConsoleAssets(router: Router, assets: ReadonlyMap<string, Asset>): void {
  const serve = ({ req, res }: RouteContext, name: string): void => {
    const asset = assets.get(name);
    if (!asset) throw new HttpError(404, `nothing at /console/${name}`);
    const headers = { ...SECURITY_HEADERS, 'content-type': asset.type, etag: asset.etag };
    if (req.headers['if-none-match'] === asset.etag) {
      res.writeHead(304, headers);
      res.end();
      return;
    }
    res.writeHead(200, { ...headers, 'content-length': String(asset.body.length) });
    res.end(req.method === 'HEAD' ? undefined : asset.body);
  };
  router.on('GET', '/console', ({ res }) => {
    res.writeHead(301, { location: '/console/', 'content-length': '0' });
    res.end();
  });
  router.on('GET', '/console/', (context) => {
    serve(context, 'index.html');
  });
  // The router matches one segment per `{name}`: the dist's files, and one folder deep.
  router.on('GET', '/console/{file}', (context) => {
    serve(context, context.params.file ?? '');
  });
  router.on('GET', '/console/{folder}/{file}', (context) => {
    serve(context, `${context.params.folder ?? ''}/${context.params.file ?? ''}`);
  });
}
