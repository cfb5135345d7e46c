#!/usr/bin/env node
// `npm start`: builds the packages, starts the real feed with the demo catalogue (journal in
// .statuskit-demo/), serves the demo pages, and prints where everything is.
// `npm start -- --reset` restores the demo data. Ctrl-C stops everything cleanly.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { seedDemo } from './seed.mjs';
import { createStaticServer } from './static-server.mjs';

const root = new URL('../..', import.meta.url).pathname;
const { values } = parseArgs({
  options: {
    reset: { type: 'boolean', default: false },
    port: { type: 'string', default: '8080' },
    'feed-port': { type: 'string', default: '8787' },
    'no-build': { type: 'boolean', default: false },
  },
});

if (!values['no-build']) {
  const build = spawnSync('npm', ['run', 'build', '--silent'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

const { loadConfig, startFeedServer } = await import('../../packages/feed/dist/index.js');
const dataDir = `${root}.statuskit-demo`;
if (values.reset) await rm(dataDir, { recursive: true, force: true });
const seededMarker = `${dataDir}/.seeded`;

const quietLog = (entry) => {
  if (entry.level !== 'info' || entry.msg === 'change accepted') {
    console.log(
      `feed ${entry.level}: ${entry.msg}${entry.revision ? ` (revision ${entry.revision})` : ''}`,
    );
  }
};

async function listenOnce(start) {
  try {
    return await start(Number(values['feed-port']));
  } catch (error) {
    if (!String(error.message).includes('already in use')) throw error;
    return start(0);
  }
}

const config = await loadConfig(`${root}demo/statuskit.config.json`);
const { tokens } = JSON.parse(await readFile(`${root}demo/demo-tokens.json`, 'utf8'));
const feed = await listenOnce((port) =>
  startFeedServer({ config, dataDir, port, host: '127.0.0.1', log: quietLog }),
);
if (!existsSync(seededMarker)) {
  await seedDemo(feed.url, tokens);
  await writeFile(seededMarker, new Date().toISOString());
}

const feedOrigin = new URL(feed.url).origin;
const csp = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  `connect-src 'self' ${feedOrigin}`,
  "img-src 'self' data:",
  "require-trusted-types-for 'script'",
].join('; ');
const site = createStaticServer({
  mounts: { '/': `${root}demo`, '/statuskit/': `${root}packages/elements/dist` },
  csp,
  extra: (req, res, url) => {
    if (url.pathname !== '/demo-config.json') return false;
    res.writeHead(200, {
      'content-type': 'application/json; charset=utf-8',
      'cache-control': 'no-store',
    });
    res.end(JSON.stringify({ feed: `${feed.url}/v1`, tokens }));
    return true;
  },
});
const sitePort = await new Promise((resolve, reject) => {
  const tryListen = (port) => {
    site.once('error', (error) =>
      error.code === 'EADDRINUSE' && port !== 0 ? tryListen(0) : reject(error),
    );
    site.listen(port, '127.0.0.1', () => resolve(site.address().port));
  };
  tryListen(Number(values.port));
});
const siteUrl = `http://127.0.0.1:${sitePort}`;

console.log(`
Statuskit demo is running.

  Service page (what a citizen sees):  ${siteUrl}/
  Integrator playground:               ${siteUrl}/playground.html
  Operator console:                    ${siteUrl}/operator.html

  Feed:            ${feed.url}/v1  (stream: ${feed.url}/v1/stream, status: ${feed.url}/v1/status.json)
  Demo data:       ${dataDir}  (npm start -- --reset restores it)
  Demo admin tokens (one per authority; never use them outside this demo):
    digst (national services):  ${tokens.digst}
    skat (tax return):          ${tokens.skat}
    kk (building permit):       ${tokens.kk}

Press Ctrl-C to stop.`);

let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  console.log('\nStopping…');
  site.closeAllConnections();
  await Promise.all([new Promise((resolve) => site.close(resolve)), feed.close()]);
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
