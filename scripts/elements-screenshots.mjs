#!/usr/bin/env node
// Screenshots of @statuskit/elements in their key states, for the package README:
//   npm run build && node scripts/elements-screenshots.mjs
// Starts a real feed (packages/feed/dist) with a small catalogue, serves a page that embeds the
// built script-tag bundle (packages/elements/dist/statuskit.js), puts the feed into each state
// through the admin API, and saves PNGs of the elements under packages/elements/docs/.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './chromium.mjs';

const root = new URL('..', import.meta.url).pathname;
const dist = join(root, 'packages/elements/dist');
const out = join(root, 'packages/elements/docs');
const { hashToken, parseConfig, silentLogger, startFeedServer } = await import(
  join(root, 'packages/feed/dist/index.js')
);

const TOKENS = {
  digst: 'screenshots-digst-0123456789abcdef',
  tax: 'screenshots-tax-0123456789abcdef',
};
const config = {
  defaultLocale: 'da',
  timeZone: 'Europe/Copenhagen',
  authorities: [
    { id: 'digst', name: { da: 'Digitaliseringsstyrelsen' }, tokens: [hashToken(TOKENS.digst)] },
    { id: 'tax', name: { da: 'Skattestyrelsen' }, tokens: [hashToken(TOKENS.tax)] },
  ],
  services: [
    {
      id: 'eid',
      name: { da: 'MitID', en: 'MitID', fi: 'MitID' },
      owner: 'digst',
      url: 'https://www.mitid.dk/drift',
    },
    {
      id: 'login',
      name: { da: 'Log ind', en: 'Login', fi: 'Kirjautuminen' },
      owner: 'digst',
      dependsOn: ['eid'],
    },
    {
      id: 'digital-post',
      name: { da: 'Digital Post', en: 'Digital Post', fi: 'Digitaalinen posti' },
      owner: 'digst',
    },
    {
      id: 'tax-return',
      name: { da: 'Selvangivelse', en: 'Tax return', fi: 'Veroilmoitus' },
      owner: 'tax',
      dependsOn: ['login', { service: 'digital-post', optional: true }],
      sla: { availabilityTarget: 99.5, noticePeriodDays: 5 },
      alternatives: [
        {
          kind: 'phone',
          label: { da: 'Ring til Skattestyrelsen', en: 'Call the Danish Tax Agency' },
          href: 'tel:+4572222828',
          hours: { da: 'Man–fre 9.00–16.00', en: 'Mon–Fri 9.00–16.00' },
        },
        {
          kind: 'paper',
          label: { da: 'Udfyld papirblanket 04.012', en: 'Fill in paper form 04.012' },
          href: 'https://skat.example/blanketter/04-012',
        },
      ],
    },
  ],
  cors: { origins: '*' },
};

const fromNow = (minutes) => new Date(Date.now() + minutes * 60_000).toISOString();

/** Every state: what to write to a fresh feed, then which page to show and what to capture. */
/** Checked once a day (the checks are recorded above), at an address nothing answers. */
const TAX_PROBE = {
  service: 'tax-return',
  url: 'http://127.0.0.1:9/health',
  intervalSeconds: 86_400,
};

const shots = [
  {
    name: 'banner-outage',
    lang: 'en',
    arrange: [['POST', '/incidents', 'digst', outage()]],
    body: '<status-banner></status-banner><status-alternatives id="other-ways"></status-alternatives>',
    capture: 'status-banner',
  },
  {
    name: 'banner-outage-dark',
    lang: 'en',
    dark: true,
    arrange: [['POST', '/incidents', 'digst', outage()]],
    body: '<status-banner></status-banner><status-alternatives></status-alternatives>',
    capture: 'status-banner',
  },
  {
    name: 'banner-planned-da',
    lang: 'da',
    arrange: [['POST', '/maintenance', 'digst', planned(3 * 24 * 60)]],
    body: '<status-banner></status-banner><status-alternatives></status-alternatives>',
    capture: 'status-banner',
  },
  {
    name: 'banner-soon',
    lang: 'en',
    arrange: [['POST', '/maintenance', 'digst', planned(12)]],
    body: '<status-banner></status-banner>',
    capture: 'status-banner',
  },
  {
    name: 'banner-several-fi',
    lang: 'fi',
    arrange: [
      ['POST', '/incidents', 'digst', minor()],
      ['POST', '/maintenance', 'digst', planned(2 * 24 * 60)],
    ],
    body: '<status-banner></status-banner><status-alternatives></status-alternatives>',
    capture: 'status-banner',
  },
  {
    name: 'banner-320px',
    lang: 'en',
    width: 320,
    arrange: [['POST', '/incidents', 'digst', outage()]],
    body: '<status-banner></status-banner><status-alternatives></status-alternatives>',
    capture: 'status-banner',
  },
  {
    name: 'banner-forced-colors',
    lang: 'en',
    forcedColors: true,
    arrange: [['POST', '/maintenance', 'digst', planned(3 * 24 * 60)]],
    body: '<status-banner></status-banner><status-alternatives></status-alternatives>',
    capture: 'status-banner',
  },
  {
    name: 'dependencies',
    lang: 'en',
    arrange: [['POST', '/incidents', 'digst', outage()]],
    body: '<status-dependencies></status-dependencies>',
    capture: 'status-dependencies',
    expand: true,
  },
  {
    name: 'dependencies-dark',
    lang: 'en',
    dark: true,
    arrange: [['POST', '/incidents', 'digst', minor()]],
    body: '<status-dependencies></status-dependencies>',
    capture: 'status-dependencies',
  },
  {
    name: 'alternatives',
    lang: 'en',
    arrange: [['POST', '/maintenance', 'digst', planned(2 * 24 * 60)]],
    body: '<status-alternatives></status-alternatives>',
    capture: 'status-alternatives',
  },
  {
    name: 'maintenance-da',
    lang: 'da',
    arrange: [['POST', '/maintenance', 'digst', planned(3 * 24 * 60)]],
    body: '<status-maintenance></status-maintenance>',
    capture: 'status-maintenance',
  },
  {
    name: 'availability',
    lang: 'en',
    arrange: [
      [
        'POST',
        '/incidents',
        'tax',
        {
          services: ['tax-return'],
          impact: 'critical',
          title: { da: 'Fejl ved indsendelse', en: 'Problems sending returns' },
          message: { da: 'Vi arbejder på det.', en: 'We are working on it.' },
        },
      ],
    ],
    body: '<status-availability days="14"></status-availability>',
    capture: 'status-availability',
    // Its probe's checks of the last three days: one failed hour yesterday.
    checks: probeChecks,
    ready: '[part="figures"]',
    expand: '[part="table-button"]',
  },
];

/** Every five minutes for three days, failing for an hour yesterday around noon. */
function probeChecks() {
  const now = Date.now();
  const from = now - 3 * 24 * 3_600_000;
  const failing = { from: now - 30 * 3_600_000, to: now - 29 * 3_600_000 };
  const checks = [];
  for (let at = from; at < now; at += 300_000) {
    const ok = at < failing.from || at >= failing.to;
    checks.push({
      probe: 'tax-return',
      service: 'tax-return',
      at: new Date(at),
      ok,
      durationMs: ok ? 180 : 10_000,
      slow: false,
    });
  }
  return checks;
}

function outage() {
  return {
    services: ['eid'],
    impact: 'critical',
    title: { da: 'MitID er nede', en: 'MitID is down', fi: 'MitID ei toimi' },
    message: {
      da: 'Ingen kan logge ind med MitID lige nu. Vi arbejder på at løse det.',
      en: 'Nobody can log in with MitID right now. We are working on it.',
      fi: 'Kukaan ei voi kirjautua MitID:llä juuri nyt. Korjaamme vikaa.',
    },
  };
}

function minor() {
  return {
    services: ['digital-post'],
    impact: 'minor',
    title: {
      da: 'Digital Post er langsom',
      en: 'Digital Post is slow',
      fi: 'Digitaalinen posti on hidas',
    },
    message: {
      da: 'Breve kan komme lidt senere end normalt.',
      en: 'Letters may arrive a little later than usual.',
      fi: 'Kirjeet voivat saapua tavallista myöhemmin.',
    },
  };
}

function planned(minutes) {
  return {
    services: ['eid'],
    title: { da: 'Ny version af MitID', en: 'New version of MitID', fi: 'MitID:n uusi versio' },
    message: {
      da: 'MitID får en ny version og kan ikke bruges imens.',
      en: 'MitID gets a new version and cannot be used meanwhile.',
      fi: 'MitID päivitetään, eikä sitä voi käyttää sillä aikaa.',
    },
    scheduledStart: fromNow(minutes),
    scheduledEnd: fromNow(minutes + 240),
    keepsWork: false,
    alternatives: [
      {
        kind: 'deadline',
        label: {
          da: 'Fristen forlænges til dagen efter',
          en: 'The deadline moves to the next day',
          fi: 'Määräaika siirtyy seuraavaan päivään',
        },
      },
    ],
  };
}

function pageHtml(feedUrl, shot) {
  return `<!doctype html>
<html lang="${shot.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Statuskit</title>
<link rel="stylesheet" href="/page.css?${shot.dark ? 'dark' : 'light'}">
<script type="module" src="/dist/statuskit.js" data-feed="${feedUrl}" data-service="tax-return"></script>
</head>
<body><main><h1>Tax return</h1>${shot.body}</main></body>
</html>`;
}

const pageCss = (
  dark,
) => `html { ${dark ? 'color-scheme: dark; background: #16181d; color: #eceef2;' : 'color-scheme: light; background: #fff; color: #1b1b1b;'} }
body { margin: 0; padding: 16px; font: 16px/1.5 system-ui, "DejaVu Sans", sans-serif; }
main { max-width: 720px; }
h1 { margin: 0 0 16px; font-size: 1.5rem; }`;

const TYPES = { '.js': 'text/javascript', '.map': 'application/json', '.json': 'application/json' };

async function main() {
  const dataDirs = [];
  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    try {
      if (url.pathname === '/page.css') {
        res.writeHead(200, { 'content-type': 'text/css' }).end(pageCss(url.search === '?dark'));
      } else if (url.pathname.startsWith('/dist/')) {
        const file = join(dist, url.pathname.slice('/dist/'.length).replace(/\.\.+/g, ''));
        const body = await readFile(file);
        res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'text/plain' }).end(body);
      } else if (url.pathname === '/page') {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(current);
      } else {
        res.writeHead(404).end();
      }
    } catch {
      res.writeHead(404).end();
    }
  });
  let current = '';
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const site = `http://127.0.0.1:${server.address().port}`;

  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [...CHROMIUM_ARGS],
  });
  try {
    // `node scripts/elements-screenshots.mjs availability` makes only the shots named.
    const only = process.argv.slice(2);
    for (const shot of shots.filter(({ name }) => only.length === 0 || only.includes(name))) {
      const dataDir = await mkdtemp(join(tmpdir(), 'statuskit-shots-'));
      dataDirs.push(dataDir);
      const feed = await startFeedServer({
        config: parseConfig(
          JSON.stringify(shot.checks ? { ...config, probes: [TAX_PROBE] } : config),
          'screenshots',
        ),
        dataDir,
        port: 0,
        log: silentLogger,
      });
      for (const check of shot.checks?.() ?? []) feed.probeChecks.record(check);
      const feedUrl = `${feed.url}/v1`;
      for (const [method, path, authority, body] of shot.arrange) {
        const response = await fetch(`${feedUrl}/admin${path}`, {
          method,
          headers: {
            authorization: `Bearer ${TOKENS[authority]}`,
            'content-type': 'application/json',
          },
          body: JSON.stringify(body),
        });
        if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
      }
      current = pageHtml(feedUrl, shot);
      const context = await browser.newContext({
        viewport: { width: shot.width ?? 760, height: 1200 },
        deviceScaleFactor: 1,
        locale: shot.lang === 'en' ? 'en-GB' : shot.lang,
        timezoneId: 'Europe/Copenhagen',
        colorScheme: shot.dark ? 'dark' : 'light',
        ...(shot.forcedColors ? { forcedColors: 'active' } : {}),
      });
      const page = await context.newPage();
      await page.goto(`${site}/page`);
      const element = page.locator(shot.capture);
      // Runs in the page (a browser global, not Node's).
      await page.waitForFunction(
        ([tag, ready]) =>
          globalThis.document.querySelector(tag)?.shadowRoot?.querySelector(ready) != null,
        [shot.capture, shot.ready ?? 'section'],
      );
      if (shot.expand) {
        const button = shot.expand === true ? '[part="details-button"]' : shot.expand;
        await element.locator(button).first().click();
      }
      await page.waitForTimeout(150);
      const file = join(out, `${shot.name}.png`);
      // The element with a little of the page around it, so light and dark show.
      const box = await element.boundingBox();
      await page.screenshot({
        path: file,
        clip: {
          x: Math.max(0, box.x - 12),
          y: Math.max(0, box.y - 12),
          width: Math.min(box.width + 24, (shot.width ?? 760) - Math.max(0, box.x - 12)),
          height: box.height + 24,
        },
      });
      console.log(`wrote ${file}`);
      await context.close();
      await feed.close();
    }
  } finally {
    await browser.close();
    server.close();
    for (const dir of dataDirs) await rm(dir, { recursive: true, force: true });
  }
}

await main();
