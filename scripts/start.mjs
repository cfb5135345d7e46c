#!/usr/bin/env node
// `npm start`: builds the packages, starts the real feed with the demo catalogue (journal in
// .statuskit-demo/) and the operators' console, serves the demo pages, and prints where
// everything is and the demo tokens to sign in to the console with.
// `npm start -- --reset` restores the demo data; `--data DIR` keeps it elsewhere (a second demo
// needs its own); `--port`, `--feed-port` choose the ports (a taken port is replaced by a free
// one); `--no-build` skips the build. Ctrl-C stops everything.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { dataInUseSentence, resetDemoData } from '../demo/server/demo-data.mjs';

const root = new URL('..', import.meta.url).pathname;
const { values } = parseArgs({
  options: {
    reset: { type: 'boolean', default: false },
    data: { type: 'string' },
    port: { type: 'string', default: '8080' },
    'feed-port': { type: 'string', default: '8787' },
    'no-build': { type: 'boolean', default: false },
  },
});

if (!values['no-build']) {
  console.log('Building the packages…');
  const build = spawnSync('npm', ['run', 'build', '--silent'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

const { startDemo } = await import('../demo/server/demo-site.mjs');
const dataDir = path.resolve(values.data ?? `${root}.statuskit-demo`);

const quietLog = (entry) => {
  if (entry.level !== 'info' || entry.msg === 'change accepted') {
    console.log(
      `feed ${entry.level}: ${entry.msg}${entry.revision ? ` (revision ${entry.revision})` : ''}`,
    );
  }
};

let demo;
try {
  if (values.reset) await resetDemoData(dataDir);
  demo = await startDemo({
    dataDir,
    port: Number(values.port),
    feedPort: Number(values['feed-port']),
    seed: true,
    fallback: true,
    accessLogs: true,
    log: quietLog,
  });
} catch (error) {
  const sentence = dataInUseSentence(error, dataDir);
  if (!sentence) throw error;
  console.error(sentence);
  process.exit(1);
}
const { siteUrl, feedUrl, consoleUrl, tokens } = demo;

console.log(`
Statuskit demo is running.

  Service page (what a citizen sees):  ${siteUrl}/          (also ?lang=en, sv, fi)
  Integrator playground:               ${siteUrl}/playground.html
  Operator console:                    ${consoleUrl}  (sign in with a token below)

  Feed:            ${feedUrl}/v1  (stream: ${feedUrl}/v1/stream, status: ${feedUrl}/v1/status.json)
  Demo data:       ${dataDir}  (npm start -- --reset restores it)
  Access logs:     ${dataDir}/access-logs/  (synthetic, for tax-return and building-permit:
                   the console plans their maintenance from them)
  Demo admin tokens, one per authority: each signs in to the console, or is a Bearer token for
  the admin API, and changes only its authority's services. Never use them outside this demo.
    digst (national services):  ${tokens.digst}
    skat (tax return):          ${tokens.skat}
    kk (building permit):       ${tokens.kk}

Press Ctrl-C to stop.`);

let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  console.log('\nStopping…');
  await demo.close();
  process.exit(0);
};
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
