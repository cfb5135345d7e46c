#!/usr/bin/env node
// Page impact benchmark: what the script-tag embed costs the page it is put on. Headless Debian
// Chromium loads an agency's service page (page-fixture.mjs) bare and with the embed, fed by the
// real feed with the demo catalogue, and for each load reads main-thread scripting and task time,
// long tasks, cumulative layout shift, when the banner became visible, the JavaScript heap after
// a full GC, and the bytes transferred. Scenarios:
//
//   bare page           no embed (cold: fresh browser context; warm: the same context again)
//   embed, quiet        nothing affects tax-return: the client loads, the rendering code does not
//   embed, notice       the national eID is down (an incident opened through the admin API), so
//                       the banner renders; cold, then warm from the client's localStorage
//                       snapshot and the HTTP cache
//   all five elements   the same outage on a page with every element (banner, dependencies,
//                       alternatives, maintenance, availability); cold and warm
//   server-rendered     the banner included in the page as the feed's `banner.html` (fetched as
//                       the page is served, as nginx SSI or a PHP include would), then taken over
//                       by the element; cold and warm
//
// Prints each figure (median and p90 of the loads) and its difference from the bare page of the
// same kind (cold or warm). Prints figures and never fails on time: machines differ.
//
//   node scripts/bench/page-impact.mjs [--quick] [--runs N]
//
// Uses the built packages (packages/elements/dist, packages/feed/dist): build first
// (`npm run build`). Results are merged into bench/results.json under `pageImpact`.
// `quietPageTransfer()` is exported for the weight benchmark: the bytes of one cold quiet load.
import { spawn } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../chromium.mjs';
import {
  createFixtureServer,
  elementsDist,
  fixturePage,
  observePage,
  readBundle,
  readObservations,
  SERVICE,
} from './page-fixture.mjs';
import { formatTable, root, saveResults, staleSources } from './results.mjs';

const feedBin = join(root, 'packages/feed/bin/statuskit-feed.js');
const feedDist = join(root, 'packages/feed/dist/index.js');
const demoConfig = join(root, 'demo/statuskit.config.json');

/** A laptop-sized window; Danish locale and time zone, as the page's readers have. */
const CONTEXT_OPTIONS = {
  viewport: { width: 1280, height: 720 },
  deviceScaleFactor: 1,
  locale: 'da-DK',
  timezoneId: 'Europe/Copenhagen',
};
/**
 * A load is settled after its load event once no request (other than the event stream) has been
 * open for `quietMs`, and `afterMs` more for work that follows the last response (rendering,
 * storage). `--quick` waits less: the banner is up within about 300 ms of navigation here.
 */
const SETTLE = { full: { quietMs: 500, afterMs: 1000 }, quick: { quietMs: 300, afterMs: 500 } };
/** Gives up waiting for network quiet after this long (the figures are read anyway). */
const SETTLE_LIMIT_MS = 15_000;

const SCENARIOS = [
  { id: 'bare-cold', label: 'bare page, cold', page: '/bare.html' },
  { id: 'bare-warm', label: 'bare page, warm', page: '/bare.html' },
  {
    id: 'quiet-cold',
    label: 'embed, quiet, cold',
    page: '/quiet.html',
    baseline: 'bare-cold',
  },
  {
    id: 'notice-cold',
    label: 'embed, notice, cold',
    page: '/notice.html',
    baseline: 'bare-cold',
    banner: true,
  },
  {
    id: 'notice-warm',
    label: 'embed, notice, warm',
    page: '/notice.html',
    baseline: 'bare-warm',
    banner: true,
  },
  {
    id: 'all-cold',
    label: 'all five elements, notice, cold',
    page: '/all.html',
    baseline: 'bare-cold',
    banner: true,
  },
  {
    id: 'all-warm',
    label: 'all five elements, notice, warm',
    page: '/all.html',
    baseline: 'bare-warm',
    banner: true,
  },
  {
    id: 'server-cold',
    label: 'server-rendered banner, cold',
    page: '/server-banner.html',
    baseline: 'bare-cold',
    banner: true,
  },
  {
    id: 'server-warm',
    label: 'server-rendered banner, warm',
    page: '/server-banner.html',
    baseline: 'bare-warm',
    banner: true,
  },
];
/**
 * Loads that share a browser context: a cold load, then (for warm) the same page again in that
 * context, with its cache and localStorage. Every round runs each group with fresh contexts, in
 * an order that rotates from round to round so no scenario always follows the same one.
 */
const GROUPS = [
  ['bare-cold', 'bare-warm'],
  ['quiet-cold'],
  ['notice-cold', 'notice-warm'],
  ['all-cold', 'all-warm'],
  ['server-cold', 'server-warm'],
];

/** What each column shows: a figure per load, its unit and how it is printed. */
const FIGURES = [
  { key: 'scriptMs', title: 'script ms', digits: 1 },
  { key: 'taskMs', title: 'tasks ms', digits: 1 },
  { key: 'longTasks', title: 'long tasks', digits: 0 },
  { key: 'longTaskMs', title: 'long ms', digits: 0 },
  { key: 'cls', title: 'CLS', digits: 4 },
  { key: 'bannerVisibleMs', title: 'banner ms', digits: 0 },
  { key: 'loadEventMs', title: 'load ms', digits: 0 },
  { key: 'heapKiB', title: 'heap KiB', digits: 0 },
  { key: 'jsKiB', title: 'JS KiB', digits: 1 },
  { key: 'allKiB', title: 'all KiB', digits: 1 },
];

// ---------------------------------------------------------------------------------------------
// What the run leaves behind: every child process and temporary folder, removed on any exit.

const liveChildren = new Set();
const liveDirs = new Set();
process.once('exit', () => {
  for (const child of liveChildren) child.kill('SIGKILL');
  for (const dir of liveDirs) rmSync(dir, { recursive: true, force: true });
});

/**
 * Starts the feeds, the fixture server and Chromium, runs `body`, and stops everything, also
 * when `body` throws or the process is interrupted (Ctrl-C, SIGTERM).
 */
async function withEnvironment({ feeds: feedNames }, body) {
  const closers = [];
  let closing;
  const close = () => {
    closing ??= (async () => {
      for (const closer of closers.reverse()) {
        await closer().catch((error) => {
          console.warn(`page-impact: cleanup: ${error instanceof Error ? error.message : error}`);
        });
      }
    })();
    return closing;
  };
  const onSignal = (signal) => {
    console.error(`\npage-impact: ${signal}, stopping`);
    const code = signal === 'SIGINT' ? 130 : 143;
    // The exit handler above kills whatever a stuck cleanup leaves.
    setTimeout(() => process.exit(code), 8_000).unref();
    void close().finally(() => process.exit(code));
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    const work = await mkdtemp(join(tmpdir(), 'statuskit-page-impact-'));
    liveDirs.add(work);
    closers.push(async () => {
      await rm(work, { recursive: true, force: true });
      liveDirs.delete(work);
    });

    const bundle = await readBundle();
    const feeds = {};
    for (const name of feedNames) {
      const feed = await startFeed(join(work, name));
      closers.push(() => feed.stop());
      feeds[name] = feed;
    }
    if (feeds.notice) await openOutage(feeds.notice.url);

    const pages = { '/bare.html': fixturePage() };
    const includes = {};
    for (const [name, feed] of Object.entries(feeds)) {
      pages[`/${name}.html`] = fixturePage({ embed: { feed: `${feed.url}/v1`, service: SERVICE } });
    }
    if (feeds.notice) {
      const embed = { feed: `${feeds.notice.url}/v1`, service: SERVICE };
      pages['/all.html'] = fixturePage({ embed, allElements: true });
      pages['/server-banner.html'] = fixturePage({ embed, serverBanner: true });
      // What nginx SSI or a PHP include does: the feed's banner, fetched as the page is served.
      const bannerUrl = `${feeds.notice.url}/v1/services/${SERVICE}/banner.html?lang=da`;
      includes['/server-banner.html'] = async () => {
        const response = await fetch(bannerUrl);
        if (!response.ok) throw new Error(`${bannerUrl}: ${response.status}`);
        return response.text();
      };
    }
    const server = createFixtureServer({ pages, bundle, includes });
    await new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', resolve);
    });
    closers.push(
      () =>
        new Promise((resolve) => {
          server.closeAllConnections();
          server.close(() => resolve());
        }),
    );

    const browser = await chromium.launch({
      executablePath: CHROMIUM_PATH,
      args: [...CHROMIUM_ARGS],
      // Signals are handled here, so the browser is closed in order with the rest.
      handleSIGINT: false,
      handleSIGTERM: false,
    });
    closers.push(() => browser.close());

    return await body({
      siteUrl: `http://127.0.0.1:${server.address().port}`,
      feeds,
      browser,
    });
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    await close();
  }
}

/** The real feed CLI with the demo catalogue and a data folder of its own, on a free port. */
async function startFeed(dataDir) {
  await mkdir(dataDir, { recursive: true });
  const child = spawn(
    process.execPath,
    [feedBin, 'serve', '--config', demoConfig, '--data', dataDir, '--port', '0'],
    { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  liveChildren.add(child);
  child.once('exit', () => liveChildren.delete(child));
  let errors = '';
  child.stderr.on('data', (chunk) => {
    errors += chunk;
  });
  const url = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error('the feed did not start within 20 s'));
    }, 20_000);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the feed exited with ${code} before listening: ${errors.trim()}`));
    });
    // Keep reading its log so the pipe never fills.
    createInterface({ input: child.stdout }).on('line', (line) => {
      if (!line.includes('feed listening')) return;
      clearTimeout(timer);
      resolve(JSON.parse(line).url);
    });
  });
  return {
    url,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** An outage of the national eID, which tax-return needs through the national login. */
async function openOutage(feedUrl) {
  const { tokens } = JSON.parse(await readFile(join(root, 'demo/demo-tokens.json'), 'utf8'));
  const response = await fetch(`${feedUrl}/v1/admin/incidents`, {
    method: 'POST',
    headers: { authorization: `Bearer ${tokens.digst}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      services: ['eid'],
      impact: 'critical',
      title: { da: 'MitID er nede', en: 'MitID is down' },
      message: {
        da: 'Vi arbejder på at løse problemet. Prøv igen senere.',
        en: 'We are working on it. Please try again later.',
      },
    }),
  });
  if (!response.ok) {
    throw new Error(`opening the eID incident: ${response.status} ${await response.text()}`);
  }
}

// ---------------------------------------------------------------------------------------------
// One load

/**
 * Loads `url` in a new page of `context` and reads its figures once it has settled (`settle`,
 * see SETTLE).
 */
async function loadPage(context, url, settle = SETTLE.full) {
  const page = await context.newPage();
  try {
    const cdp = await context.newCDPSession(page);
    // threadTicks: durations are the main thread's CPU time, so other processes taking the CPU
    // (this machine is shared) lengthen them less than wall time would.
    await cdp.send('Performance.enable', { timeDomain: 'threadTicks' });
    const network = await watchNetwork(cdp);

    await page.goto(url, { waitUntil: 'load' });
    const settledAfterQuiet = await network.quiet(settle.quietMs, SETTLE_LIMIT_MS);
    await sleep(settle.afterMs);

    // Read before anything of ours runs in the page (evaluate counts as scripting).
    const metrics = readMetrics(await cdp.send('Performance.getMetrics'));
    const seen = await page.evaluate(readObservations);
    await cdp.send('HeapProfiler.collectGarbage');
    const heap = readMetrics(await cdp.send('Performance.getMetrics')).JSHeapUsedSize;
    const transfer = network.transfer(new URL(url).origin);

    return {
      scriptMs: metrics.ScriptDuration * 1000,
      taskMs: metrics.TaskDuration * 1000,
      layoutMs: (metrics.LayoutDuration + metrics.RecalcStyleDuration) * 1000,
      longTasks: seen.longTasks.length,
      longTaskMs: sum(seen.longTasks.map((task) => task.duration)),
      cls: sum(seen.shifts.map((shift) => shift.value)),
      shifts: seen.shifts,
      bannerVisibleMs: seen.bannerVisibleAt,
      firstContentfulPaintMs: seen.firstContentfulPaint,
      domContentLoadedMs: seen.domContentLoaded,
      loadEventMs: seen.loadEvent,
      heapKiB: heap / 1024,
      jsKiB: transfer.jsBytes / 1024,
      allKiB: transfer.totalBytes / 1024,
      snapshotStored: seen.snapshotStored,
      settled: settledAfterQuiet,
      transfer,
    };
  } finally {
    await page.close();
  }
}

/**
 * Follows every request of the page through the DevTools protocol: bytes on the wire as
 * Chromium counts them (`encodedDataLength`: headers and the body as sent, gzip here), and
 * which requests are still open. The event stream never ends; its bytes are those received so
 * far, and it does not count as open once its response has begun.
 */
async function watchNetwork(cdp) {
  const requests = new Map();
  let lastActivity = performance.now();
  const touch = () => {
    lastActivity = performance.now();
  };
  cdp.on('Network.requestWillBeSent', ({ requestId, request, type }) => {
    requests.set(requestId, {
      url: request.url,
      type,
      mimeType: undefined,
      status: undefined,
      headerBytes: 0,
      dataBytes: 0,
      decodedBytes: 0,
      bytes: undefined,
      done: false,
      stream: false,
      fromCache: false,
    });
    touch();
  });
  cdp.on('Network.requestServedFromCache', ({ requestId }) => {
    const entry = requests.get(requestId);
    if (entry) entry.fromCache = true;
  });
  cdp.on('Network.responseReceived', ({ requestId, response }) => {
    const entry = requests.get(requestId);
    if (!entry) return;
    entry.mimeType = response.mimeType;
    entry.status = response.status;
    entry.headerBytes = response.encodedDataLength;
    entry.fromCache ||= Boolean(response.fromDiskCache || response.fromPrefetchCache);
    entry.stream = response.mimeType === 'text/event-stream';
    touch();
  });
  cdp.on('Network.dataReceived', ({ requestId, dataLength, encodedDataLength }) => {
    const entry = requests.get(requestId);
    if (!entry) return;
    entry.dataBytes += encodedDataLength;
    entry.decodedBytes += dataLength;
    // Events on the stream make the page work too (a snapshot, the feed confirming a cached one).
    if (entry.stream) touch();
  });
  cdp.on('Network.loadingFinished', ({ requestId, encodedDataLength }) => {
    const entry = requests.get(requestId);
    if (!entry) return;
    entry.bytes = encodedDataLength;
    entry.done = true;
    touch();
  });
  cdp.on('Network.loadingFailed', ({ requestId, errorText, canceled }) => {
    const entry = requests.get(requestId);
    if (!entry) return;
    entry.done = true;
    entry.failed = canceled ? 'canceled' : errorText;
    touch();
  });
  await cdp.send('Network.enable');

  const open = () => [...requests.values()].filter((entry) => !entry.done && !entry.stream);
  return {
    /** Resolves true once nothing but the stream has been open for `ms`, false at `limitMs`. */
    async quiet(ms, limitMs) {
      const deadline = performance.now() + limitMs;
      while (performance.now() < deadline) {
        if (open().length === 0 && performance.now() - lastActivity >= ms) return true;
        await sleep(50);
      }
      return false;
    },
    /** Bytes per resource: `page` (the site's own), `embed` (/statuskit/), `feed`. */
    transfer(siteOrigin) {
      const resources = [...requests.values()].map((entry) => {
        const url = new URL(entry.url);
        const kind =
          url.origin !== siteOrigin
            ? 'feed'
            : url.pathname.startsWith('/statuskit/')
              ? 'embed'
              : 'page';
        // Chromium reports an open response's encoded length late and in batches; the stream is
        // not compressed, so the bytes it has delivered are a floor (chunk framing aside).
        const bytes = entry.done
          ? (entry.bytes ?? 0)
          : entry.headerBytes + Math.max(entry.dataBytes, entry.decodedBytes);
        return {
          path: `${url.pathname}${url.search}`,
          kind,
          bytes,
          status: entry.status,
          mimeType: entry.mimeType,
          fromCache: entry.fromCache,
          ...(entry.stream && { stream: true }),
          ...(entry.failed && { failed: entry.failed }),
        };
      });
      const isJs = (resource) =>
        /javascript/.test(resource.mimeType ?? '') || resource.path.endsWith('.js');
      return {
        totalBytes: sum(resources.map((resource) => resource.bytes)),
        jsBytes: sum(resources.filter(isJs).map((resource) => resource.bytes)),
        resources,
      };
    },
  };
}

function readMetrics({ metrics }) {
  return Object.fromEntries(metrics.map(({ name, value }) => [name, value]));
}

// ---------------------------------------------------------------------------------------------
// For the weight benchmark

/**
 * What a quiet page (the embed, nothing to show) transfers on a cold load, as Chromium counts
 * it: gzip over HTTP/1.1, headers included, the event stream up to the moment the page has
 * settled. Starts and stops its own feed, server and browser.
 *
 * Returns `{ totalBytes, jsBytes, embedBytes, resources: [{ path, bytes, kind, … }] }`: `kind`
 * is `page` (the fixture page's own HTML, CSS and logo), `embed` (`/statuskit/…`) or `feed`;
 * `embedBytes` is what the embed adds (its scripts and its feed requests).
 */
export async function quietPageTransfer() {
  requireBuild();
  return withEnvironment({ feeds: ['quiet'] }, async ({ siteUrl, browser }) => {
    const context = await browser.newContext(CONTEXT_OPTIONS);
    try {
      await context.addInitScript(observePage);
      const { transfer } = await loadPage(context, `${siteUrl}/quiet.html`);
      return {
        totalBytes: transfer.totalBytes,
        jsBytes: transfer.jsBytes,
        embedBytes: sum(
          transfer.resources
            .filter((resource) => resource.kind !== 'page')
            .map((resource) => resource.bytes),
        ),
        resources: transfer.resources.map(({ path, bytes, kind, mimeType, stream }) => ({
          path,
          bytes,
          kind,
          mimeType,
          ...(stream && { stream }),
        })),
      };
    } finally {
      await context.close();
    }
  });
}

// ---------------------------------------------------------------------------------------------
// The benchmark

async function runBenchmark(runs, settle, warmUp) {
  return withEnvironment({ feeds: ['quiet', 'notice'] }, async ({ siteUrl, browser }) => {
    const browserVersion = browser.version();
    const samples = Object.fromEntries(SCENARIOS.map(({ id }) => [id, []]));
    const byId = Object.fromEntries(SCENARIOS.map((scenario) => [scenario.id, scenario]));

    const runGroup = async (group, keep) => {
      const context = await browser.newContext(CONTEXT_OPTIONS);
      try {
        await context.addInitScript(observePage);
        for (const id of group) {
          const result = await loadPage(context, `${siteUrl}${byId[id].page}`, settle);
          if (keep) samples[id].push(result);
        }
      } finally {
        await context.close();
      }
    };

    // First, untimed: the browser's own first-use costs (its caches, the compiler warming up)
    // are not the embed's.
    for (const group of warmUp) await runGroup(group, false);

    const started = performance.now();
    for (let round = 0; round < runs; round += 1) {
      const order = GROUPS.map((_, index) => GROUPS[(index + round) % GROUPS.length]);
      for (const group of order) await runGroup(group, true);
      process.stdout.write(`\r  round ${round + 1} of ${runs}`);
    }
    process.stdout.write('\n');
    return { samples, browserVersion, seconds: (performance.now() - started) / 1000 };
  });
}

/** Median, p90, min and max of each figure, over the loads where it exists. */
function summarize(loads) {
  const summary = {};
  for (const { key } of FIGURES) {
    const values = loads.map((load) => load[key]).filter((value) => typeof value === 'number');
    summary[key] =
      values.length === 0
        ? undefined
        : {
            median: percentile(values, 0.5),
            p90: percentile(values, 0.9),
            min: Math.min(...values),
            max: Math.max(...values),
            n: values.length,
          };
  }
  return summary;
}

/** Nearest-rank percentile. */
function percentile(values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)];
}

function figure(value, digits) {
  if (value === undefined || Number.isNaN(value)) return '–';
  return value.toLocaleString('en', {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  });
}

function difference(value, digits) {
  if (value === undefined || Number.isNaN(value)) return '–';
  const text = figure(Math.abs(value), digits);
  return `${value < 0 && Number(text.replaceAll(',', '')) !== 0 ? '−' : '+'}${text}`;
}

/** Medians, each embed scenario followed by its difference from the bare page of its kind. */
function mediansTable(summaries, runs) {
  const rows = [['scenario', 'loads', ...FIGURES.map(({ title }) => title)]];
  for (const scenario of SCENARIOS) {
    const summary = summaries[scenario.id];
    rows.push([
      scenario.label,
      String(runs),
      ...FIGURES.map(({ key, digits }) => figure(summary[key]?.median, digits)),
    ]);
    if (!scenario.baseline) continue;
    const base = summaries[scenario.baseline];
    rows.push([
      `  vs ${byIdLabel(scenario.baseline)}`,
      '',
      ...FIGURES.map(({ key, digits }) =>
        summary[key] === undefined || base[key] === undefined
          ? '–'
          : difference(summary[key].median - base[key].median, digits),
      ),
    ]);
  }
  return formatTable(rows);
}

function spreadTable(summaries) {
  const rows = [['scenario', ...FIGURES.map(({ title }) => title)]];
  for (const scenario of SCENARIOS) {
    const summary = summaries[scenario.id];
    rows.push([
      `${scenario.label}: p90`,
      ...FIGURES.map(({ key, digits }) => figure(summary[key]?.p90, digits)),
    ]);
    rows.push([
      '  min–max',
      ...FIGURES.map(({ key, digits }) =>
        summary[key] === undefined
          ? '–'
          : `${figure(summary[key].min, digits)}–${figure(summary[key].max, digits)}`,
      ),
    ]);
  }
  return formatTable(rows);
}

/** Bytes per resource of the first measured load of each embed scenario. */
function transferTable(samples) {
  const rows = [['scenario', 'resource', 'kind', 'bytes', '']];
  for (const scenario of SCENARIOS) {
    const first = samples[scenario.id][0];
    if (!first) continue;
    for (const resource of first.transfer.resources) {
      rows.push([
        scenario.label,
        resource.path.length > 48 ? `${resource.path.slice(0, 47)}…` : resource.path,
        resource.kind,
        resource.bytes.toLocaleString('en'),
        [resource.fromCache && 'from cache', resource.stream && 'stream, so far', resource.failed]
          .filter(Boolean)
          .join(', '),
      ]);
    }
  }
  return formatTable(rows);
}

function byIdLabel(id) {
  return SCENARIOS.find((scenario) => scenario.id === id)?.label ?? id;
}

/** What did not go as the scenario expects: printed, so odd figures can be explained. */
function anomalies(samples) {
  const notes = [];
  for (const scenario of SCENARIOS) {
    const loads = samples[scenario.id];
    const shown = loads.filter((load) => load.bannerVisibleMs !== undefined).length;
    if (scenario.banner && shown < loads.length) {
      notes.push(
        `${scenario.label}: the banner became visible in ${shown} of ${loads.length} loads`,
      );
    }
    if (!scenario.banner && shown > 0) {
      notes.push(`${scenario.label}: a banner became visible in ${shown} loads`);
    }
    const unsettled = loads.filter((load) => !load.settled).length;
    if (unsettled > 0) {
      notes.push(
        `${scenario.label}: ${unsettled} loads still had requests open after ${SETTLE_LIMIT_MS / 1000} s`,
      );
    }
    if (scenario.id === 'notice-cold') {
      const stored = loads.filter((load) => load.snapshotStored).length;
      if (stored < loads.length) {
        notes.push(
          `${scenario.label}: the client stored its snapshot in ${stored} of ${loads.length} loads, so not every warm load started from it`,
        );
      }
    }
  }
  return notes;
}

// ---------------------------------------------------------------------------------------------
// Small things

/** The benchmark runs the built packages: stop when they are missing. */
function requireBuild() {
  for (const file of [join(elementsDist, 'statuskit.js'), feedDist]) {
    if (!existsSync(file)) {
      throw new Error(`${file} is missing. Run \`npm run build\` first.`);
    }
  }
}

/** Warns when sources are newer than the build the benchmark is about to measure. */
function warnIfStale() {
  const checks = [
    [join(elementsDist, 'statuskit.js'), ['model', 'client', 'elements']],
    [feedDist, ['model', 'feed']],
  ];
  for (const [built, packages] of checks) {
    const stale = staleSources(built, packages);
    if (stale.length > 0) {
      console.warn(
        `page-impact: packages/${stale.join(', ')}/src changed after ${built.slice(root.length)} ` +
          'was built; the figures are for the build. Run `npm run build` to measure the sources.\n',
      );
    }
  }
}

function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function sum(numbers) {
  return numbers.reduce((total, n) => total + n, 0);
}

function round(value, digits) {
  if (value === undefined) return undefined;
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

function roundSummary(summary) {
  return Object.fromEntries(
    Object.entries(summary).map(([key, stats]) => [
      key,
      stats &&
        Object.fromEntries(
          Object.entries(stats).map(([name, value]) => [
            name,
            name === 'n' ? value : round(value, 4),
          ]),
        ),
    ]),
  );
}

/** One load as saved: its figures, rounded, and its layout shifts; bytes are saved per scenario. */
function loadRecord(load) {
  const record = {};
  for (const [key, value] of Object.entries(load)) {
    if (key === 'transfer') continue;
    record[key] = typeof value === 'number' ? round(value, 4) : value;
  }
  record.shifts = load.shifts.map((shift) => ({
    ...shift,
    value: round(shift.value, 5),
    startTime: round(shift.startTime, 1),
  }));
  return record;
}

async function main() {
  const { values: flags } = parseArgs({
    options: {
      quick: { type: 'boolean', default: false },
      runs: { type: 'string' },
    },
  });
  const runs = Number(flags.runs ?? (flags.quick ? 4 : 15));
  if (!Number.isInteger(runs) || runs <= 0) {
    console.error('page-impact: --runs must be a positive whole number');
    process.exit(2);
  }
  try {
    requireBuild();
  } catch (error) {
    console.error(`page-impact: ${error instanceof Error ? error.message : error}`);
    process.exit(1);
  }
  warnIfStale();

  const settle = flags.quick ? SETTLE.quick : SETTLE.full;
  // Quick: warm up with the notice group alone, which loads every file the others do.
  const warmUp = flags.quick ? GROUPS.filter((group) => group.includes('notice-cold')) : GROUPS;
  const loadBefore = loadavg();
  console.log(
    `Page impact: headless Chromium, ${runs} loads per scenario (fresh context each; warm loads ` +
      `reuse the cold load's context), settled = load event + ${settle.quietMs} ms without ` +
      `requests + ${settle.afterMs} ms`,
  );
  const { samples, browserVersion, seconds } = await runBenchmark(runs, settle, warmUp);
  const loadAfter = loadavg();

  const summaries = Object.fromEntries(SCENARIOS.map(({ id }) => [id, summarize(samples[id])]));
  console.log(`\nChromium ${browserVersion}; ${Math.round(seconds)} s of loads. Medians:\n`);
  console.log(mediansTable(summaries, runs));
  console.log('\nSpread:\n');
  console.log(spreadTable(summaries));
  console.log('\nTransferred (first measured load of each scenario):\n');
  console.log(transferTable(samples));
  const notes = anomalies(samples);
  if (notes.length > 0) console.log(`\nNotes:\n${notes.map((note) => `  ${note}`).join('\n')}`);
  console.log(
    `\nLoad average ${loadBefore.map((n) => n.toFixed(2)).join(' ')} before, ` +
      `${loadAfter.map((n) => n.toFixed(2)).join(' ')} after.`,
  );

  const differences = {};
  for (const scenario of SCENARIOS.filter(({ baseline }) => baseline)) {
    differences[scenario.id] = Object.fromEntries(
      FIGURES.map(({ key }) => {
        const ours = summaries[scenario.id][key]?.median;
        const base = summaries[scenario.baseline][key]?.median;
        return [key, ours === undefined || base === undefined ? undefined : round(ours - base, 4)];
      }),
    );
    differences[scenario.id].baseline = scenario.baseline;
  }
  await saveResults('pageImpact', {
    browser: `Chromium ${browserVersion}`,
    method: {
      runs,
      quick: flags.quick,
      settle: { ...settle, limitMs: SETTLE_LIMIT_MS },
      context: CONTEXT_OPTIONS,
      chromiumArgs: CHROMIUM_ARGS,
      timeDomain: 'threadTicks',
      service: SERVICE,
      notice: 'critical incident on eid (tax-return → login → eid)',
      loadAverage: { before: loadBefore, after: loadAfter },
    },
    scenarios: Object.fromEntries(
      SCENARIOS.map((scenario) => [
        scenario.id,
        {
          label: scenario.label,
          median: Object.fromEntries(
            FIGURES.map(({ key }) => [key, round(summaries[scenario.id][key]?.median, 4)]),
          ),
          stats: roundSummary(summaries[scenario.id]),
          transfer: samples[scenario.id][0]?.transfer,
          loads: samples[scenario.id].map(loadRecord),
        },
      ]),
    ),
    differences,
    notes,
  });
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  await main().catch((error) => {
    console.error(`page-impact: ${error instanceof Error ? error.message : error}`);
    process.exitCode = 1;
  });
}
