#!/usr/bin/env node
// Proves the packages work outside this repository, as a user would get them from npm:
//   npm run build && node scripts/pack-test.mjs [--report test-results/pack-test.json]
// `npm pack`s every package into a temporary folder, installs the tarballs into an empty project
// (no workspace links), and there: runs `statuskit-feed --help`, imports the model and the client
// in Node, starts the installed feed with --console (and fetches /console/), creates an incident
// through its admin API, and renders the banner in Chromium from the installed @statuskit/elements
// files (the script-tag bundle, and an element's ES module through an import map). Each check
// counts as one test in `npm test`'s summary. Bounded (a deadline kills everything) and cleans up after itself.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, extname, join, normalize } from 'node:path';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './chromium.mjs';

const root = new URL('..', import.meta.url).pathname;
const { values } = parseArgs({ options: { report: { type: 'string' } } });
// The feed depends on the console (`serve --console` serves its dist).
const PACKAGES = ['model', 'client', 'elements', 'console', 'feed'];
/** The whole run, install included; a hung step must not hold up CI. */
const DEADLINE_MS = 120_000;
const TOKEN = 'pack-test-token-0123456789abcdef';
const TITLE = 'Pack test: returns cannot be sent';

const results = [];
const cleanups = [];

/** Runs one check; a failure is recorded with its reason, and later checks still run. */
async function check(name, run) {
  try {
    await run();
    results.push({ name, ok: true });
    console.log(`  ✓ ${name}`);
    return true;
  } catch (error) {
    results.push({ name, ok: false });
    console.log(`  ✗ ${name}\n      ${String(error?.message ?? error).replace(/\n/g, '\n      ')}`);
    return false;
  }
}

function assert(condition, message) {
  if (!condition) throw new Error(message);
}

/** The environment for npm in the temporary project: nothing inherited from the repo's npm run. */
function cleanEnv() {
  return Object.fromEntries(
    Object.entries(process.env).filter(([key]) => !key.toLowerCase().startsWith('npm_')),
  );
}

function run(command, args, cwd, timeout = 120_000) {
  const result = spawnSync(command, args, { cwd, env: cleanEnv(), encoding: 'utf8', timeout });
  return { status: result.status, stdout: result.stdout ?? '', stderr: result.stderr ?? '' };
}

/** A conditional `exports` value resolved as a browser (or Node) would: first matching key. */
function resolveTarget(target, conditions) {
  if (typeof target === 'string') return target;
  if (target === null || typeof target !== 'object') return undefined;
  for (const [key, value] of Object.entries(target)) {
    if (!conditions.includes(key)) continue;
    const resolved = resolveTarget(value, conditions);
    if (resolved !== undefined) return resolved;
  }
  return undefined;
}

const BROWSER = ['browser', 'import', 'module', 'default'];

/** Import map entries for one installed package: every exported subpath, plus `name/`. */
function importMapEntries(modules, name) {
  const dir = join(modules, name);
  const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  const entries = { [`${name}/`]: `/node_modules/${name}/` };
  const exports =
    typeof manifest.exports === 'string' || manifest.exports?.['.'] === undefined
      ? { '.': manifest.exports ?? manifest.module ?? manifest.main ?? 'index.js' }
      : manifest.exports;
  for (const [subpath, target] of Object.entries(exports)) {
    if (subpath.includes('*')) continue;
    const file = resolveTarget(target, BROWSER);
    if (file === undefined) continue;
    const specifier = subpath === '.' ? name : `${name}${subpath.slice(1)}`;
    entries[specifier] = `/node_modules/${name}/${normalize(file).replace(/^\.?\//, '')}`;
  }
  return entries;
}

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json',
};

/** Serves the project folder (its node_modules and two pages) on a free port. */
async function staticServer(folder) {
  const server = createServer((req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url, 'http://x').pathname));
    const file = join(folder, path);
    if (!file.startsWith(folder) || !existsSync(file)) {
      res.writeHead(404).end();
      return;
    }
    try {
      const body = readFileSync(file);
      res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
      res.end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(() => new Promise((resolve) => server.close(resolve)));
  return `http://127.0.0.1:${server.address().port}`;
}

/** Starts the installed feed's bin; resolves with its base URL once it logs "feed listening". */
function startInstalledFeed(app, config, data) {
  const child = spawn(
    join(app, 'node_modules/.bin/statuskit-feed'),
    ['serve', '--config', config, '--data', data, '--port', '0', '--console'],
    { cwd: app, env: cleanEnv(), stdio: ['ignore', 'pipe', 'pipe'] },
  );
  cleanups.push(
    () =>
      new Promise((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', resolve);
        child.kill('SIGTERM');
      }),
  );
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(
      () => reject(new Error(`no "feed listening" in 30 s:\n${output}`)),
      30_000,
    );
    const read = (chunk) => {
      output += chunk;
      for (const line of output.split('\n')) {
        try {
          const entry = JSON.parse(line);
          if (entry.msg === 'feed listening') {
            clearTimeout(timer);
            resolve(entry.url);
          }
        } catch {
          // not a JSON line (yet)
        }
      }
    };
    child.stdout.setEncoding('utf8').on('data', read);
    child.stderr.setEncoding('utf8').on('data', read);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the feed exited with ${code}:\n${output}`));
    });
  });
}

async function main() {
  const work = mkdtempSync(join(tmpdir(), 'statuskit-pack-'));
  cleanups.push(() => rmSync(work, { recursive: true, force: true }));
  const tarballs = join(work, 'tarballs');
  const app = join(work, 'app');
  mkdirSync(tarballs);
  mkdirSync(app);
  const license = readFileSync(join(root, 'LICENSE'), 'utf8');
  console.log(`\nPack test (in ${work}):`);

  // 1. Pack every package.
  const packed = run(
    'npm',
    [
      'pack',
      '--json',
      '--pack-destination',
      tarballs,
      ...PACKAGES.flatMap((p) => ['-w', `packages/${p}`]),
    ],
    root,
  );
  let manifests = [];
  try {
    manifests = JSON.parse(packed.stdout);
  } catch {
    // reported per package below
  }
  const files = {};
  for (const name of PACKAGES) {
    await check(
      `npm pack @statuskit/${name}: dist, README, LICENSE (EUPL-1.2), no build state`,
      () => {
        const entry = manifests.find((candidate) => candidate.name === `@statuskit/${name}`);
        assert(entry, `npm pack did not pack it (exit ${packed.status}): ${packed.stderr.trim()}`);
        const paths = entry.files.map((file) => file.path);
        for (const wanted of ['package.json', 'README.md', 'LICENSE']) {
          assert(paths.includes(wanted), `${wanted} is missing from the tarball`);
        }
        assert(
          paths.some((path) => path.startsWith('dist/')),
          'dist/ is missing: run `npm run build`',
        );
        assert(
          !paths.some((path) => path.endsWith('.tsbuildinfo')),
          'the tarball holds .tsbuildinfo',
        );
        const copy = readFileSync(join(root, 'packages', name, 'LICENSE'), 'utf8');
        assert(copy === license, `packages/${name}/LICENSE differs from the root LICENSE`);
        files[name] = join(tarballs, entry.filename);
      },
    );
  }

  // 2. Install the tarballs into an empty project.
  writeFileSync(
    join(app, 'package.json'),
    `${JSON.stringify({ name: 'statuskit-pack-test', private: true, type: 'module' }, null, 2)}\n`,
  );
  const installed = await check('npm install of the five tarballs into an empty folder', () => {
    assert(Object.keys(files).length === PACKAGES.length, 'not every package was packed');
    const result = run(
      'npm',
      ['install', '--no-audit', '--no-fund', '--prefer-offline', ...Object.values(files)],
      app,
    );
    assert(result.status === 0, `npm install failed:\n${result.stderr.trim()}`);
    for (const name of PACKAGES) {
      const dir = join(app, 'node_modules/@statuskit', name);
      assert(existsSync(join(dir, 'package.json')), `@statuskit/${name} is not installed`);
    }
  });
  if (!installed) return;
  const modules = join(app, 'node_modules');

  for (const name of PACKAGES) {
    await check(
      `@statuskit/${name}: every "exports" entry and "types" exists when installed`,
      () => {
        const dir = join(modules, '@statuskit', name);
        const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
        assert(manifest.license === 'EUPL-1.2', `license is ${manifest.license}`);
        const missing = [];
        const visit = (target) => {
          if (typeof target === 'string') {
            if (!existsSync(join(dir, target))) missing.push(target);
          } else if (target && typeof target === 'object') {
            for (const [condition, value] of Object.entries(target)) {
              // The repository's own condition (TypeScript sources) is for its tests and build.
              if (condition !== 'statuskit-source') visit(value);
            }
          }
        };
        visit(manifest.exports);
        visit(manifest.types);
        for (const bin of Object.values(manifest.bin ?? {})) visit(bin);
        assert(missing.length === 0, `missing: ${missing.join(', ')}`);
      },
    );
  }

  // 3. The feed's command.
  await check('npx statuskit-feed --help: exit 0, usage printed', () => {
    const result = run('npx', ['--no-install', 'statuskit-feed', '--help'], app, 60_000);
    assert(result.status === 0, `exit ${result.status}: ${result.stderr.trim()}`);
    assert(/^Usage:/m.test(result.stdout), `no usage: ${result.stdout.trim()}`);
    assert(result.stdout.includes('statuskit-feed serve'), 'usage does not name serve');
  });

  // 4. The installed feed, started from its bin, with a tiny config.
  const { hashToken } = await import(join(modules, '@statuskit/feed/dist/index.js'));
  const config = join(app, 'statuskit.config.json');
  writeFileSync(
    config,
    JSON.stringify({
      defaultLocale: 'en',
      timeZone: 'Europe/Copenhagen',
      authorities: [{ id: 'tax', name: { en: 'Tax Agency' }, tokens: [hashToken(TOKEN)] }],
      services: [{ id: 'tax-return', name: { en: 'Tax return' }, owner: 'tax' }],
      cors: { origins: '*' },
    }),
  );
  let feedUrl;
  const served = await check('statuskit-feed serve from the installed bin', async () => {
    feedUrl = `${await startInstalledFeed(app, config, join(app, 'data'))}/v1`;
  });
  if (!served) return;

  await check(
    'the installed feed serves the installed console at /console/ (serve --console), under its CSP',
    async () => {
      const origin = feedUrl.slice(0, -'/v1'.length);
      const page = await fetch(`${origin}/console/`);
      assert(page.status === 200, `/console/: HTTP ${page.status}`);
      assert((await page.text()).includes('console.js'), '/console/ is not the console page');
      const policy = page.headers.get('content-security-policy') ?? '';
      assert(policy.includes("script-src 'self'"), `/console/ CSP is "${policy}"`);
      const script = await fetch(`${origin}/console/console.js`);
      assert(script.status === 200, `/console/console.js: HTTP ${script.status}`);
      assert(
        (script.headers.get('content-type') ?? '').startsWith('text/javascript'),
        `/console/console.js is ${script.headers.get('content-type')}`,
      );
    },
  );

  const created = await check(
    "an incident created through the installed feed's admin API",
    async () => {
      const response = await fetch(`${feedUrl}/admin/incidents`, {
        method: 'POST',
        headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          services: ['tax-return'],
          impact: 'major',
          title: { en: TITLE },
          message: { en: 'We are working on a fix.' },
        }),
      });
      assert(response.status === 201, `HTTP ${response.status}: ${await response.text()}`);
    },
  );

  // 5. The model and the client, imported in Node from the installed files.
  await check(
    'import @statuskit/model and @statuskit/client in Node; the client gets the incident',
    () => {
      const script = `
      import { validateDocument, effectiveStatus } from '@statuskit/model';
      import { createFeedClient } from '@statuskit/client';
      const client = createFeedClient(${JSON.stringify(feedUrl)}, { cache: false, shareAcrossTabs: false });
      const timer = setTimeout(() => { console.error('no document in 20 s'); process.exit(1); }, 20000);
      client.subscribe((state) => {
        if (state.source !== 'feed' || !state.document) return;
        clearTimeout(timer);
        client.close();
        const valid = validateDocument(state.document).ok;
        const status = effectiveStatus(state.document, Date.now())['tax-return']?.status;
        console.log(JSON.stringify({ valid, status, titles: state.document.incidents.map((i) => i.title.en) }));
      });`;
      const result = run('node', ['--input-type=module', '-e', script], app, 30_000);
      assert(result.status === 0, `exit ${result.status}: ${result.stderr.trim()}`);
      const seen = JSON.parse(result.stdout.trim().split('\n').pop());
      assert(seen.valid === true, 'validateDocument rejected the feed document');
      assert(seen.status === 'partial_outage', `tax-return is ${seen.status}`);
      assert(!created || seen.titles.includes(TITLE), `incidents: ${JSON.stringify(seen.titles)}`);
    },
  );

  // 6. The banner in Chromium, from the installed @statuskit/elements.
  const map = { imports: {} };
  for (const name of [
    '@statuskit/elements',
    '@statuskit/client',
    '@statuskit/model',
    'lit',
    'lit-html',
    'lit-element',
    '@lit/reactive-element',
    '@lit/react',
    'i18next',
    'eventsource-parser',
  ]) {
    if (existsSync(join(modules, name, 'package.json')))
      Object.assign(map.imports, importMapEntries(modules, name));
  }
  const bannerFor = (head) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Pack test</title>${head}</head>
<body><main><status-banner feed="${feedUrl}" service="tax-return"></status-banner><h1>Tax return</h1></main></body></html>`;
  writeFileSync(
    join(app, 'script-tag.html'),
    bannerFor(
      `<script type="module" src="/node_modules/@statuskit/elements/dist/statuskit.js" data-feed="${feedUrl}" data-service="tax-return"></script>`,
    ),
  );
  writeFileSync(
    join(app, 'module.html'),
    bannerFor(
      `<script type="importmap">${JSON.stringify(map)}</script>
<script type="module">import '@statuskit/elements/banner/define';</script>`,
    ),
  );
  const site = await staticServer(app);
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  cleanups.unshift(() => browser.close());
  for (const [page, how] of [
    ['script-tag.html', 'the script-tag bundle (dist/statuskit.js)'],
    ['module.html', 'an ES module import of @statuskit/elements/banner/define (import map)'],
  ]) {
    await check(`Chromium renders the banner with the incident from ${how}`, async () => {
      const tab = await browser.newPage();
      const errors = [];
      tab.on('pageerror', (error) => errors.push(String(error)));
      tab.on('console', (message) => {
        if (message.type() === 'error') errors.push(message.text());
      });
      try {
        await tab.goto(`${site}/${page}`);
        await tab
          .waitForFunction(
            (title) =>
              globalThis.document
                .querySelector('status-banner')
                ?.shadowRoot?.textContent?.includes(title),
            TITLE,
            { timeout: 20_000 },
          )
          .catch(() => {
            throw new Error(
              `no banner with "${TITLE}"; page errors: ${errors.join('; ') || 'none'}`,
            );
          });
      } finally {
        await tab.close();
      }
    });
  }
}

const deadline = setTimeout(() => {
  console.error(`pack test: not done within ${DEADLINE_MS / 1000} s; stopping.`);
  results.push({ name: 'finishes within the deadline', ok: false });
  void finish(1);
}, DEADLINE_MS);

let finishing = false;
async function finish(code) {
  if (finishing) return;
  finishing = true;
  clearTimeout(deadline);
  for (const cleanup of cleanups.splice(0).reverse()) {
    try {
      await cleanup();
    } catch {
      // best effort: the rest still gets cleaned
    }
  }
  const passed = results.filter((result) => result.ok).length;
  const failed = results.length - passed;
  console.log(`pack test: ${passed} passed, ${failed} failed`);
  if (values.report) {
    const file = join(root, values.report);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, JSON.stringify({ passed, failed }));
  }
  process.exit(failed > 0 || code !== 0 ? 1 : 0);
}

main().then(
  () => finish(0),
  (error) => {
    console.error('pack test:', error);
    results.push({ name: 'runs to the end', ok: false });
    return finish(1);
  },
);
