// The demo as a function, shared by `npm start` (scripts/start.mjs) and the end-to-end tests
// (demo/test): the real feed with the demo catalogue and the operators' console (at the feed's
// /console/), and a static server for the demo pages and the built elements under a strict
// Content-Security-Policy with Trusted Types. Needs the build (packages/feed/dist,
// packages/elements/dist, packages/console/dist).
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { demoAccessLogs } from './access-logs.mjs';
import { seedDemo } from './seed.mjs';
import { createStaticServer } from './static-server.mjs';

const root = new URL('../..', import.meta.url).pathname;

/** The built console, which the feed serves at /console/ as `statuskit-feed serve --console` does. */
const CONSOLE_ASSETS = `${root}packages/console/dist`;

/** The demo catalogue's admin tokens, one per authority (`digst`, `skat`, `kk`). */
export async function demoTokens() {
  return JSON.parse(await readFile(`${root}demo/demo-tokens.json`, 'utf8')).tokens;
}

/** Listens on `port`, or on a free port when `port` is taken and `fallback` is set. */
async function listen(start, port, fallback) {
  try {
    return await start(port);
  } catch (error) {
    const inUse = error?.code === 'EADDRINUSE' || String(error?.message).includes('already in use');
    if (!fallback || !inUse || port === 0) throw error;
    return start(0);
  }
}

/**
 * The feed with the demo catalogue, its journal in `dataDir`, and the console. With
 * `accessLogs`, synthetic access logs in `dataDir` are the config's `console.accessLogs`, so the
 * console can plan maintenance without an upload.
 */
export async function startDemoFeed({ dataDir, port = 0, log, feedOptions = {}, accessLogs }) {
  const { parseConfig, startFeedServer, silentLogger } =
    await import('../../packages/feed/dist/index.js');
  const file = `${root}demo/statuskit.config.json`;
  const catalogue = JSON.parse(await readFile(file, 'utf8'));
  // Added to the config's text, so the feed validates and completes it as it would from a file.
  if (accessLogs) {
    catalogue.console = { ...catalogue.console, accessLogs: await demoAccessLogs(dataDir) };
  }
  const config = parseConfig(JSON.stringify(catalogue), file);
  return startFeedServer({
    config,
    dataDir,
    port,
    host: '127.0.0.1',
    log: log ?? silentLogger,
    console: { assetsDir: CONSOLE_ASSETS },
    ...feedOptions,
  });
}

/**
 * Packages the playground's ES module snippet imports through an import map, served under
 * /modules/ the way a CDN serves npm packages.
 */
const MODULE_PACKAGES = [
  'lit',
  'lit-html',
  'lit-element',
  '@lit/reactive-element',
  'i18next',
  'eventsource-parser',
  '@statuskit/model',
  '@statuskit/client',
  '@statuskit/elements',
];

/**
 * The static site for `feedUrl` (the feed's origin, without /v1). The pages get the feed's URL
 * from /demo-config.json; /console/ sends the browser on to the console the feed serves (the
 * console must share the admin API's origin). The tokens are not given to the pages: an operator
 * signs in to the console with one.
 */
export function createDemoSite({ feedUrl }) {
  const csp = [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    `connect-src 'self' ${new URL(feedUrl).origin}`,
    "img-src 'self' data:",
    "require-trusted-types-for 'script'",
  ].join('; ');
  return createStaticServer({
    mounts: {
      '/': `${root}demo`,
      '/statuskit/': `${root}packages/elements/dist`,
      ...Object.fromEntries(
        MODULE_PACKAGES.map((name) => [`/modules/${name}/`, `${root}node_modules/${name}`]),
      ),
    },
    csp,
    extra: (req, res, url) => {
      if (url.pathname === '/console/' || url.pathname === '/console') {
        res.writeHead(302, { location: `${feedUrl}/console/`, 'cache-control': 'no-store' });
        res.end();
        return true;
      }
      // The demo's own server code and tests are beside its pages, but not part of the site.
      if (/^\/(server|test)\//.test(url.pathname)) {
        res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
        res.end('Not found');
        return true;
      }
      if (url.pathname !== '/demo-config.json') return false;
      res.writeHead(200, {
        'content-type': 'application/json; charset=utf-8',
        'cache-control': 'no-store',
      });
      res.end(JSON.stringify({ feed: `${feedUrl}/v1` }));
      return true;
    },
  });
}

function listenSite(site, port) {
  return new Promise((resolve, reject) => {
    const onError = (error) => reject(error);
    site.once('error', onError);
    site.listen(port, '127.0.0.1', () => {
      site.off('error', onError);
      resolve(site.address().port);
    });
  });
}

/**
 * Starts the feed and the site. `port`/`feedPort` 0 pick free ports; with `fallback` a taken
 * port is replaced by a free one. `seed` publishes the demo's maintenance window on the first
 * start of `dataDir` (remembered by a `.seeded` file in it). `accessLogs` gives the console
 * access logs to plan from (see startDemoFeed). `feedOptions` go to
 * `startFeedServer` (tests shorten the reconnect delays).
 * Returns `{ siteUrl, feedUrl, consoleUrl, tokens, feed, site, close() }`.
 */
export async function startDemo({
  dataDir,
  port = 0,
  feedPort = 0,
  seed = false,
  fallback = false,
  accessLogs = false,
  log,
  feedOptions,
}) {
  const tokens = await demoTokens();
  const feed = await listen(
    (p) => startDemoFeed({ dataDir, port: p, log, feedOptions, accessLogs }),
    feedPort,
    fallback,
  );
  try {
    const seededMarker = `${dataDir}/.seeded`;
    if (seed && !existsSync(seededMarker)) {
      await seedDemo(feed.url, tokens);
      await writeFile(seededMarker, new Date().toISOString());
    }
    const site = createDemoSite({ feedUrl: feed.url });
    const sitePort = await listen((p) => listenSite(site, p), port, fallback);
    return {
      siteUrl: `http://127.0.0.1:${sitePort}`,
      feedUrl: feed.url,
      consoleUrl: `${feed.url}/console/`,
      tokens,
      feed,
      site,
      async close() {
        site.closeAllConnections();
        await Promise.all([new Promise((resolve) => site.close(() => resolve())), feed.close()]);
      },
    };
  } catch (error) {
    await feed.close();
    throw error;
  }
}
