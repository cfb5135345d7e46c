#!/usr/bin/env node
// Serves one example on 127.0.0.1 the way an agency's web server would: the example's folder at
// `/` and the script-tag bundle (a copy of node_modules/@statuskit/elements/dist/) at
// `/statuskit/`, with the strict Content-Security-Policy and Trusted Types that Statuskit
// promises to work under. This is the repository's helper for trying the examples (and their
// smoke tests'); on a real site your own web server does this.
//
//   node examples/serve.mjs plain-html|bundler|react [--port 8090] [--feed URL]
//
// The examples' pages name the feed that `npm start` runs, http://127.0.0.1:8787/v1. `npm start`
// picks another port when 8787 is taken, so `--feed` serves the pages with that URL replaced by
// the one it printed (only in the HTML sent; no file is changed).
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import { parseArgs } from 'node:util';
import { createStaticServer } from '../demo/server/static-server.mjs';

const root = new URL('..', import.meta.url).pathname;

/** The feed URL written in the examples: the one `npm start` runs by default. */
export const DEMO_FEED = 'http://127.0.0.1:8787/v1';

export const EXAMPLES = ['plain-html', 'bundler', 'react'];

/** The Content-Security-Policy for an example's pages, allowing the feed's origin. */
export function examplePolicy(feed) {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    `connect-src 'self' ${new URL(feed).origin}`,
    "img-src 'self' data:",
    "require-trusted-types-for 'script'",
  ].join('; ');
}

/** An `http.Server` (not yet listening) for `example`, its pages pointing at `feed`. */
export function createExampleServer({ example, feed = DEMO_FEED }) {
  if (!EXAMPLES.includes(example)) {
    throw new Error(`Unknown example "${example}": one of ${EXAMPLES.join(', ')}.`);
  }
  const dir = join(root, 'examples', example);
  const csp = examplePolicy(feed);
  return createStaticServer({
    mounts: { '/': dir, '/statuskit/': join(root, 'node_modules/@statuskit/elements/dist') },
    csp,
    // Pages are sent with the feed URL replaced; everything else comes from the files as they are.
    extra: async (_req, res, url) => {
      if (url.pathname.startsWith('/statuskit/')) return false;
      const path = url.pathname.endsWith('/') ? `${url.pathname}index.html` : url.pathname;
      if (extname(path) !== '.html') return false;
      const file = normalize(join(dir, decodeURIComponent(path)));
      if (!file.startsWith(dir + sep)) return false;
      const page = await readFile(file, 'utf8').catch(() => undefined);
      if (page === undefined) return false;
      res.writeHead(200, {
        'content-type': 'text/html; charset=utf-8',
        'cache-control': 'no-cache',
        'x-content-type-options': 'nosniff',
        'content-security-policy': csp,
      });
      res.end(page.replaceAll(DEMO_FEED, feed));
      return true;
    },
  });
}

/** Starts serving; resolves with the server and its URL once it listens. */
export function serveExample({ example, feed, port = 0 }) {
  const server = createExampleServer({ example, feed });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve({ server, url: `http://127.0.0.1:${server.address().port}/` });
    });
  });
}

if (process.argv[1] === new URL(import.meta.url).pathname) {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { port: { type: 'string', default: '8090' }, feed: { type: 'string' } },
  });
  const [example] = positionals;
  try {
    const { url } = await serveExample({
      example,
      feed: values.feed ?? DEMO_FEED,
      port: Number(values.port),
    });
    console.log(`${example}: ${url} (feed ${values.feed ?? DEMO_FEED}; Ctrl-C stops)`);
  } catch (error) {
    console.error(`serve: ${error.message}`);
    process.exit(1);
  }
}
