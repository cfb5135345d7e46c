// The page the page-impact benchmark (page-impact.mjs) loads: an agency's service page with and
// without the Statuskit embed, the static server that serves it the way a CDN would (gzip,
// cache headers, ETags), and the observers the benchmark puts into the page before it loads.
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const root = new URL('../../', import.meta.url).pathname;
export const elementsDist = join(root, 'packages/elements/dist');

/** The service the page is about: it depends on the national login, and so on the eID. */
export const SERVICE = 'tax-return';

/** Where a server-rendered banner goes: replaced per request, as nginx SSI or a PHP include would. */
export const BANNER_INCLUDE = '<!--#include statuskit-banner -->';

/**
 * A Danish agency's service page: header with navigation, the main heading, text, a form and a
 * footer. Plain system fonts and an image with its size given, so the bare page itself never
 * shifts. `embed` adds the script tag as the package README shows it (with `data-auto-banner`)
 * and a `<status-banner>` as the first child of `<main>`, above the h1, where the auto banner
 * would go (ACCESSIBILITY.md: before the main heading, in normal flow). `allElements` adds the
 * other four elements below the form; `serverBanner` puts `BANNER_INCLUDE` where the banner goes,
 * for the server to fill with the feed's `banner.html`.
 */
export function fixturePage({ embed, allElements = false, serverBanner = false } = {}) {
  const script = embed
    ? `
    <script
      type="module"
      src="/statuskit/statuskit.js"
      data-feed="${embed.feed}"
      data-service="${embed.service ?? SERVICE}"
      data-auto-banner
    ></script>`
    : '';
  const banner = !embed
    ? ''
    : serverBanner
      ? `\n      ${BANNER_INCLUDE}`
      : '\n      <status-banner></status-banner>';
  const others = allElements
    ? `
      <h2>Driftsstatus</h2>
      <status-dependencies></status-dependencies>
      <status-alternatives></status-alternatives>
      <status-maintenance></status-maintenance>
      <status-availability></status-availability>`
    : '';
  return `<!doctype html>
<html lang="da">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>Årsopgørelse og selvangivelse – Skattestyrelsen</title>
    <!-- No favicon request: Chromium asks for one only on a browser's first page. -->
    <link rel="icon" href="data:," />
    <link rel="stylesheet" href="/site.css" />${script}
  </head>
  <body>
    <a class="skip" href="#main">Gå til indhold</a>
    <header class="site-header">
      <div class="wrap">
        <a href="/" class="brand"><img src="/logo.svg" alt="Skattestyrelsen" width="180" height="40" /></a>
        <nav aria-label="Hovedmenu">
          <ul>
            <li><a href="#">Borger</a></li>
            <li><a href="#">Erhverv</a></li>
            <li><a href="#">Kontakt</a></li>
            <li><a href="#">Log ind</a></li>
          </ul>
        </nav>
      </div>
    </header>
    <main id="main" class="wrap">${banner}
      <h1>Årsopgørelse og selvangivelse</h1>
      <p class="lead">
        Se din årsopgørelse for 2025, ret dine oplysninger og betal restskat eller få penge
        tilbage. Du logger ind med MitID.
      </p>
      <p>
        Årsopgørelsen viser, hvad du har tjent, betalt i skat og fået i fradrag i løbet af året.
        Hvis oplysningerne er forkerte eller mangler, kan du rette dem frem til 1. maj. Har du
        betalt for lidt i skat, får du en restskat; har du betalt for meget, får du pengene
        udbetalt til din NemKonto.
      </p>
      <p>
        Har du ikke mulighed for at bruge den digitale løsning, kan du ringe til os eller bestille
        en papirblanket.
      </p>
      <h2>Ret din årsopgørelse</h2>
      <form action="#" method="post" class="form">
        <div class="field">
          <label for="cpr">CPR-nummer</label>
          <input id="cpr" name="cpr" inputmode="numeric" autocomplete="off" />
        </div>
        <div class="field">
          <label for="year">Indkomstår</label>
          <select id="year" name="year">
            <option>2025</option>
            <option>2024</option>
            <option>2023</option>
          </select>
        </div>
        <div class="field">
          <label for="amount">Fradrag for befordring (kr.)</label>
          <input id="amount" name="amount" inputmode="decimal" />
        </div>
        <div class="field">
          <label for="note">Bemærkning</label>
          <textarea id="note" name="note" rows="4"></textarea>
        </div>
        <div class="field check">
          <input id="confirm" name="confirm" type="checkbox" />
          <label for="confirm">Jeg bekræfter, at oplysningerne er rigtige</label>
        </div>
        <button type="submit">Gem ændringer</button>
      </form>
      <h2>Frister</h2>
      <ul>
        <li>1. maj: sidste frist for at rette årsopgørelsen uden at betale mere renter.</li>
        <li>1. juli: restskat under 23.000 kr. kan betales uden tillæg.</li>
        <li>31. december: sidste dag for at ændre forskudsopgørelsen for indeværende år.</li>
      </ul>${others}
    </main>
    <footer class="site-footer">
      <div class="wrap">
        <p>Skattestyrelsen · Telefon 72 22 18 18 · <a href="#">Tilgængelighedserklæring</a></p>
      </div>
    </footer>
  </body>
</html>
`;
}

const SITE_CSS = `*,*::before,*::after{box-sizing:border-box}
html{font-family:system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;line-height:1.5;color:#1b1b1b;background:#fff}
body{margin:0}
.wrap{max-width:60rem;margin:0 auto;padding:0 1rem}
.skip{position:absolute;left:-9999px}
.skip:focus{left:1rem;top:1rem}
.site-header{background:#14143c;color:#fff;padding:0.75rem 0}
.site-header .wrap{display:flex;align-items:center;justify-content:space-between;gap:1rem;flex-wrap:wrap}
.site-header img{display:block}
.site-header ul{display:flex;gap:1.25rem;list-style:none;margin:0;padding:0}
.site-header a{color:#fff}
main{padding-top:2rem;padding-bottom:3rem}
h1{font-size:2.25rem;line-height:1.2;margin:0 0 1rem}
h2{font-size:1.5rem;margin:2rem 0 0.75rem}
.lead{font-size:1.25rem}
.form{display:grid;gap:1rem;max-width:32rem}
.field{display:grid;gap:0.25rem}
.field.check{display:flex;align-items:center;gap:0.5rem}
input,select,textarea{font:inherit;padding:0.5rem;border:2px solid #1b1b1b;border-radius:0}
button{font:inherit;justify-self:start;padding:0.625rem 1.25rem;border:0;background:#14143c;color:#fff;cursor:pointer}
.site-footer{background:#f3f3f3;padding:1.5rem 0;margin-top:2rem}
`;

const LOGO_SVG = `<svg xmlns="http://www.w3.org/2000/svg" width="180" height="40" viewBox="0 0 180 40"><rect width="40" height="40" rx="4" fill="#fff"/><path d="M10 28c6 3 14 3 20-2M12 14c4-4 12-4 16 0" stroke="#14143c" stroke-width="3" fill="none"/><text x="50" y="26" font-family="system-ui,sans-serif" font-size="15" fill="#fff">Skattestyrelsen</text></svg>`;

/**
 * The built script-tag bundle, read once so that a rebuild during a run cannot mix two builds:
 * `statuskit.js` and every chunk in `statuskit-chunks/` (not the source maps, which browsers
 * fetch only with DevTools open). Every chunk a file imports must be present; while another
 * process is rebuilding it may not be, so it tries again for up to `waitMs`.
 */
export async function readBundle({ waitMs = 30_000 } = {}) {
  const deadline = Date.now() + waitMs;
  for (;;) {
    const files = new Map();
    let missing;
    try {
      files.set('statuskit.js', await readFile(join(elementsDist, 'statuskit.js')));
      const chunkDir = join(elementsDist, 'statuskit-chunks');
      for (const name of await readdir(chunkDir)) {
        if (name.endsWith('.js'))
          files.set(`statuskit-chunks/${name}`, await readFile(join(chunkDir, name)));
      }
      missing = missingImports(files);
    } catch (error) {
      missing = [String(error instanceof Error ? error.message : error)];
    }
    if (missing.length === 0) return files;
    if (Date.now() > deadline) {
      throw new Error(
        `the built bundle in ${elementsDist} is incomplete (${missing.join(', ')}); run \`npm run build\``,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}

/** Relative imports (static and dynamic) of the bundle's files that point at no file. */
function missingImports(files) {
  const missing = [];
  for (const [name, code] of files) {
    const base = name.includes('/') ? name.slice(0, name.lastIndexOf('/') + 1) : '';
    for (const [, path] of String(code).matchAll(/["'](\.\.?\/[\w./-]+\.js)["']/g)) {
      const resolved = new URL(path, `file:///${base}`).pathname.slice(1);
      if (!files.has(resolved)) missing.push(resolved);
    }
  }
  return missing;
}

/**
 * Serves `pages` (path → HTML), the page's stylesheet and logo, and the bundle under
 * `/statuskit/`, as a CDN would: gzip (-9, as `npm run build` reports sizes) when the browser
 * accepts it, ETags, `no-cache` for HTML, five minutes for `statuskit.js` (its name has no
 * hash) and a year, immutable, for the content-hashed chunks.
 */
export function createFixtureServer({ pages, bundle, includes = {} }) {
  const files = new Map();
  const add = (path, body, type, cacheControl) => {
    const raw = Buffer.from(body);
    files.set(path, {
      raw,
      gzip: gzipSync(raw, { level: 9 }),
      type,
      cacheControl,
      etag: `"${createHash('sha1').update(raw).digest('base64url')}"`,
    });
  };
  for (const [path, html] of Object.entries(pages)) {
    add(path, html, 'text/html; charset=utf-8', 'no-cache');
  }
  add('/site.css', SITE_CSS, 'text/css; charset=utf-8', 'public, max-age=3600');
  add('/logo.svg', LOGO_SVG, 'image/svg+xml', 'public, max-age=3600');
  for (const [name, code] of bundle) {
    add(
      `/statuskit/${name}`,
      code,
      'text/javascript; charset=utf-8',
      name.startsWith('statuskit-chunks/')
        ? 'public, max-age=31536000, immutable'
        : 'public, max-age=300',
    );
  }

  return createServer(async (req, res) => {
    const path = new URL(req.url ?? '/', 'http://fixture.invalid').pathname;
    const include = includes[path];
    if (include && req.method === 'GET') {
      // Filled on every request, as a server-side include is: never cached by the browser.
      const html = Buffer.from(String(pages[path]).replace(BANNER_INCLUDE, await include()));
      const gzip = /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
      const body = gzip ? gzipSync(html, { level: 9 }) : html;
      res.writeHead(200, {
        'content-type': 'text/html; charset=utf-8',
        'cache-control': 'no-store',
        vary: 'accept-encoding',
        ...(gzip && { 'content-encoding': 'gzip' }),
        'content-length': String(body.length),
      });
      res.end(body);
      return;
    }
    const file = files.get(path);
    if (!file || (req.method !== 'GET' && req.method !== 'HEAD')) {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('Not found');
      return;
    }
    const headers = {
      'content-type': file.type,
      'cache-control': file.cacheControl,
      etag: file.etag,
      vary: 'accept-encoding',
    };
    if (req.headers['if-none-match'] === file.etag) {
      res.writeHead(304, headers);
      res.end();
      return;
    }
    const gzip = /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
    const body = gzip ? file.gzip : file.raw;
    res.writeHead(200, {
      ...headers,
      ...(gzip && { 'content-encoding': 'gzip' }),
      'content-length': String(body.length),
    });
    res.end(req.method === 'HEAD' ? undefined : body);
  });
}

/* global window, document, Element, MutationObserver, requestAnimationFrame */

/**
 * Runs in the page before any of its own scripts (an init script), in every scenario alike:
 * collects layout shifts and long tasks (buffered observers, so nothing before them is missed),
 * and notes when the banner becomes visible. It stores what it sees in `window.__pageImpact`.
 *
 * The banner renders into its shadow root, which no observer on the document sees, so the hook
 * on `attachShadow` watches each `<status-banner>`'s root; once the banner's `section` (part
 * `base`, rendered only when there is a notice and its wording has loaded) is there, the next
 * animation frame checks that it has a box of non-zero height and is not hidden, and records
 * `performance.now()` (milliseconds since navigation start): the frame that paints it.
 */
export function observePage() {
  const record = { shifts: [], longTasks: [], bannerVisibleAt: undefined };
  window.__pageImpact = record;

  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      // Shifts right after input are expected by the user and do not count (CLS definition).
      if (entry.hadRecentInput) continue;
      record.shifts.push({
        value: entry.value,
        startTime: entry.startTime,
        sources: (entry.sources ?? []).map((source) => source.node?.nodeName ?? '?'),
      });
    }
  }).observe({ type: 'layout-shift', buffered: true });

  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      record.longTasks.push({ startTime: entry.startTime, duration: entry.duration });
    }
  }).observe({ type: 'longtask', buffered: true });

  // A server-rendered banner (Declarative Shadow DOM) is in the page as parsed: painted with it.
  document.addEventListener('DOMContentLoaded', () => {
    const banner = document.querySelector('status-banner');
    record.serverRendered = banner?.shadowRoot?.querySelector('[part~="base"]') != null;
  });

  const attachShadow = Element.prototype.attachShadow;
  Element.prototype.attachShadow = function (init) {
    const shadow = attachShadow.call(this, init);
    if (this.localName === 'status-banner') watchBanner(shadow);
    return shadow;
  };

  function watchBanner(shadow) {
    let pending = false;
    /** 'visible', 'laid-out-empty' (there, but no box yet: look again next frame) or 'absent'. */
    const look = () => {
      const base = shadow.querySelector('[part~="base"]');
      if (!base) return 'absent';
      const box = base.getBoundingClientRect();
      const shown =
        box.height > 0 && box.width > 0 && base.checkVisibility({ visibilityProperty: true });
      return shown ? 'visible' : 'laid-out-empty';
    };
    const frame = (retries) => {
      pending = false;
      if (record.bannerVisibleAt !== undefined) return;
      const seen = look();
      if (seen === 'visible') {
        record.bannerVisibleAt = performance.now();
        observer.disconnect();
      } else if (seen === 'laid-out-empty' && retries > 0) {
        pending = true;
        requestAnimationFrame(() => frame(retries - 1));
      }
    };
    const observer = new MutationObserver(() => {
      if (pending || record.bannerVisibleAt !== undefined) return;
      pending = true;
      requestAnimationFrame(() => frame(120));
    });
    observer.observe(shadow, { childList: true, subtree: true });
  }
}

/**
 * Runs in the page after it has settled (`page.evaluate`): what `observePage` saw, the paint and
 * navigation timings, and whether the feed client left its snapshot in localStorage (the warm
 * start of the next load).
 */
export function readObservations() {
  const record = window.__pageImpact;
  const [navigation] = performance.getEntriesByType('navigation');
  const paint = performance.getEntriesByName('first-contentful-paint')[0];
  let snapshotStored = false;
  try {
    // The view client's cached view (or the document client's snapshot, on older builds).
    snapshotStored = Object.keys(window.localStorage).some(
      (key) => key.startsWith('statuskit:view:') || key.startsWith('statuskit:feed:'),
    );
  } catch {
    // No storage: no warm start either.
  }
  return {
    shifts: record?.shifts ?? [],
    longTasks: record?.longTasks ?? [],
    bannerVisibleAt: record?.serverRendered ? paint?.startTime : record?.bannerVisibleAt,
    firstContentfulPaint: paint?.startTime,
    domContentLoaded: navigation?.domContentLoadedEventEnd,
    loadEvent: navigation?.loadEventEnd,
    snapshotStored,
  };
}
