// A small static file server for the demo pages and the built elements, sending the strict
// Content-Security-Policy (with Trusted Types) that Statuskit promises to work under.
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
};

/**
 * `mounts` maps URL prefixes to folders, e.g. { '/': 'demo', '/statuskit/': 'packages/elements/dist' }.
 * `extra` answers dynamic paths first (return true when handled).
 */
export function createStaticServer({ mounts, csp, extra }) {
  const entries = Object.entries(mounts)
    .map(([prefix, dir]) => [prefix, resolve(dir)])
    .sort(([a], [b]) => b.length - a.length);

  return createServer(async (req, res) => {
    try {
      const url = new URL(req.url ?? '/', 'http://demo.invalid');
      if (extra && (await extra(req, res, url))) return;
      const mount = entries.find(([prefix]) => url.pathname.startsWith(prefix));
      if (!mount) return notFound(res);
      const [prefix, dir] = mount;
      let file = normalize(join(dir, decodeURIComponent(url.pathname.slice(prefix.length))));
      if (file !== dir && !file.startsWith(dir + sep)) return notFound(res);
      if ((await stat(file).catch(() => undefined))?.isDirectory()) file = join(file, 'index.html');
      const body = await readFile(file).catch(() => undefined);
      if (!body) return notFound(res);
      res.writeHead(200, {
        'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
        'cache-control': 'no-cache',
        'x-content-type-options': 'nosniff',
        ...(csp && extname(file) === '.html' && { 'content-security-policy': csp }),
        // Scripts may be used from other origins (a pasted snippet), as from a CDN; module
        // scripts are always fetched with CORS.
        ...(extname(file) !== '.html' && { 'access-control-allow-origin': '*' }),
      });
      res.end(body);
    } catch (error) {
      res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(String(error));
    }
  });
}

function notFound(res) {
  res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
  res.end('Not found');
}
