/**
 * The built script-tag bundle (`dist/statuskit.js`, so run `npm run build` first) in pages of its
 * own: configuration from the tag, the automatic banner, lazy loading of the rendering code, two
 * registrations, and a strict Content-Security-Policy with Trusted Types.
 */
import { expect } from 'chai';
import { announcerText, arrange, fromNow, startFeed, waitFor } from './helpers.js';
import type { TestFeed } from './helpers.js';

const BUNDLE = '/packages/elements/dist/statuskit.js';
const PROBE = '/packages/elements/test/browser/fixtures/probe.ts';

interface Probe {
  errors: string[];
  consoleErrors: string[];
  violations: string[];
  trustedTypesEnforced: boolean;
}

interface Page {
  readonly frame: HTMLIFrameElement;
  readonly window: Window & { __probe?: Probe };
  readonly document: Document;
}

/** A page in an iframe (same origin as the test runner, so 'self' serves the bundle). */
async function openPage(body: string, head = ''): Promise<Page> {
  const frame = document.createElement('iframe');
  frame.style.width = '800px';
  frame.style.height = '600px';
  const loaded = new Promise((resolve) => {
    frame.addEventListener('load', resolve, { once: true });
  });
  frame.srcdoc = `<!doctype html><html lang="en"><head><meta charset="utf-8">${head}<title>Test</title>
    <script type="module" src="${PROBE}"></script></head><body>${body}</body></html>`;
  document.body.append(frame);
  await loaded;
  const view: Page['window'] | null = frame.contentWindow;
  if (!view) throw new Error('no frame window');
  return { frame, window: view, document: view.document };
}

function bannerIn(page: Page): Element | null {
  return page.document.querySelector('status-banner');
}

function chunksLoaded(page: Page): string[] {
  return page.window.performance
    .getEntriesByType('resource')
    .map((entry) => entry.name)
    .filter((name) => name.includes('/statuskit-chunks/'));
}

/**
 * The rendering code among them: an element's chunk or the base all elements share (lit). The
 * core (the loader and the view client) and the view client's failure path are not rendering.
 */
function renderingChunksLoaded(page: Page): string[] {
  return chunksLoaded(page).filter((name) =>
    /\/(banner|dependencies|alternatives|maintenance|availability|statuskit-element)-[\w-]+\.js$/.test(
      name,
    ),
  );
}

function scriptTag(feed: TestFeed, extra = '', src = BUNDLE): string {
  return `<script type="module" src="${src}" data-feed="${feed.url}" data-service="tax-return" ${extra}></script>`;
}

/** `statuskit_open_streams` of the feed (each test has a feed of its own). */
async function openStreams(feed: TestFeed): Promise<number> {
  const metrics = await (await fetch(`${new URL(feed.url).origin}/metrics`)).text();
  return Number(/^statuskit_open_streams (\d+)/m.exec(metrics)?.[1] ?? 0);
}

/** The page is connected: the feed counts an open stream. */
async function waitUntilStreaming(feed: TestFeed): Promise<void> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    if ((await openStreams(feed)) > 0) return;
    if (Date.now() > deadline) throw new Error('the page never opened a stream');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function expectClean(page: Page): void {
  expect(page.window.__probe?.errors, 'errors').to.deep.equal([]);
  expect(page.window.__probe?.consoleErrors, 'console errors').to.deep.equal([]);
  expect(page.window.__probe?.violations, 'CSP violations').to.deep.equal([]);
}

describe('script tag', function () {
  this.timeout(30_000);
  let feed: TestFeed;
  const frames: HTMLIFrameElement[] = [];

  beforeEach(async () => {
    feed = await startFeed();
  });
  afterEach(async () => {
    for (const frame of frames.splice(0)) frame.remove();
    await feed.dispose();
  });

  async function open(body: string, head = ''): Promise<Page> {
    const page = await openPage(body, head);
    frames.push(page.frame);
    return page;
  }

  it('on a quiet page runs only the entry, then loads the rendering code when news arrives, and announces it', async () => {
    // With a cache-busting query, as pages often load it: the lazily loaded code must still
    // share the entry's client (one connection) and know what was there at load.
    const page = await open(
      `<header>Agency</header><main><h1>Tax return</h1><p>Fill it in.</p></main>${scriptTag(feed, 'data-auto-banner', `${BUNDLE}?v=2`)}`,
    );
    // The automatic banner goes first in <main>, before the main heading.
    await waitFor(() => bannerIn(page) != null, 'auto banner');
    expect(page.document.querySelector('main')?.firstElementChild?.localName).to.equal(
      'status-banner',
    );
    await waitUntilStreaming(feed);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(
      chunksLoaded(page).filter((name) => !name.includes('/statuskit-core-')),
      'no chunk but the core on a quiet page',
    ).to.deep.equal([]);
    expect(page.window.customElements.get('status-banner')).to.equal(undefined);

    await arrange(feed, 'incident-dependency');
    await waitFor(
      () => (bannerIn(page)?.shadowRoot?.textContent ?? '').includes('MitID is down'),
      'banner rendered',
    );
    expect(chunksLoaded(page).some((name) => name.includes('/banner-'))).to.equal(true);
    await waitFor(() => announcerText('assertive', page.document) !== '', 'announced');
    expect(announcerText('assertive', page.document)).to.match(/^Outage: MitID is down\./);
    expect(await openStreams(feed)).to.equal(1);
    expectClean(page);
  });

  it('on a page with only <status-banner> loads the banner chunk alone, never the other four elements', async () => {
    await arrange(feed, 'incident-dependency');
    const page = await open(
      `<main><h1>Tax return</h1><status-banner></status-banner></main>${scriptTag(feed)}`,
    );
    await waitFor(
      () => (bannerIn(page)?.shadowRoot?.textContent ?? '').includes('MitID is down'),
      'banner rendered',
    );
    const names = chunksLoaded(page).map((name) => name.slice(name.lastIndexOf('/') + 1));
    expect(names.some((name) => name.startsWith('banner-'))).to.equal(true);
    for (const other of ['dependencies-', 'alternatives-', 'maintenance-', 'availability-']) {
      expect(
        names.filter((name) => name.startsWith(other)),
        other,
      ).to.deep.equal([]);
    }
    // The loader decided from the service's view: it never loaded the document rule.
    expect(names.filter((name) => name.startsWith('document-demand-'))).to.deep.equal([]);
    for (const element of ['status-dependencies', 'status-alternatives', 'status-maintenance']) {
      expect(page.window.customElements.get(element), element).to.equal(undefined);
    }
    expectClean(page);
  });

  it('decides for <status-maintenance> and <status-alternatives> from their view, never the document rule', async () => {
    const page = await open(
      `<main><h1>Tax return</h1><status-maintenance></status-maintenance><status-alternatives></status-alternatives></main>${scriptTag(feed)}`,
    );
    await waitUntilStreaming(feed);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const loaded = (): string[] =>
      chunksLoaded(page).map((name) => name.slice(name.lastIndexOf('/') + 1));
    // Quiet: nothing announced, so neither element's code loads.
    expect(loaded().filter((name) => /^(maintenance|alternatives)-/.test(name))).to.deep.equal([]);

    // Work announced a month ahead: outside the banner's notice window, yet the list shows it.
    await feed.admin('POST', '/maintenance', {
      services: ['eid'],
      title: { en: 'MitID update' },
      message: { en: 'New version.' },
      scheduledStart: fromNow(30 * 24 * 60),
      scheduledEnd: fromNow(30 * 24 * 60 + 120),
    });
    const maintenance = page.document.querySelector('status-maintenance');
    await waitFor(
      () => (maintenance?.shadowRoot?.textContent ?? '').includes('MitID update'),
      'maintenance rendered',
    );
    expect(loaded().some((name) => name.startsWith('maintenance-'))).to.equal(true);
    // No notice yet: the alternatives are not shown, so not loaded.
    expect(loaded().filter((name) => name.startsWith('alternatives-'))).to.deep.equal([]);

    await arrange(feed, 'incident-direct');
    const alternatives = page.document.querySelector('status-alternatives');
    await waitFor(
      () => alternatives?.shadowRoot?.querySelector('section') != null,
      'alternatives rendered',
    );
    expect(loaded().filter((name) => name.startsWith('document-demand-'))).to.deep.equal([]);
    // One view of tax-return for the loader and both elements: one connection.
    expect(await openStreams(feed)).to.equal(1);
    expectClean(page);
  });

  it('with a mistyped data-service warns once, shows nothing and loads no rendering code', async () => {
    // News for the real service: the page would show it, had the id been right.
    await arrange(feed, 'incident-direct');
    const page = await open(
      `<main><h1>Tax return</h1></main><script type="module" src="${BUNDLE}" data-feed="${feed.url}" data-service="tax-retrun" data-auto-banner></script>`,
      `<script>
        window.__warnings = [];
        const warn = console.warn.bind(console);
        console.warn = (...args) => { window.__warnings.push(args.join(' ')); warn(...args); };
      </script>`,
    );
    const warnings = (): string[] =>
      (page.window as unknown as { __warnings: string[] }).__warnings;
    // The feed answers the view's 404 at once: the loader stops, with no stream left open.
    await waitFor(() => warnings().length > 0, 'a console warning');
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(warnings()).to.have.length(1);
    expect(warnings()[0]).to.match(/^\[statuskit\] .*"tax-retrun"/);
    // The feed's suggestion (its 404), or where its ids are listed (a document without the id).
    expect(warnings()[0]).to.match(/did you mean "tax-return"|status\.json/);
    expect(renderingChunksLoaded(page), 'no rendering chunk').to.deep.equal([]);
    expect(bannerIn(page)?.getBoundingClientRect().height).to.equal(0);
    expect(await openStreams(feed)).to.equal(0);
    expectClean(page);
  });

  it('does not announce what the page showed at load', async () => {
    await arrange(feed, 'incident-dependency');
    const page = await open(
      `<main><h1>Tax</h1><status-banner></status-banner></main>${scriptTag(feed)}`,
    );
    await waitFor(
      () => (bannerIn(page)?.shadowRoot?.textContent ?? '').includes('MitID is down'),
      'banner rendered',
    );
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(announcerText(undefined, page.document)).to.equal('');
    expectClean(page);
  });

  it('loads the rendering code at once for <status-dependencies>, which always renders', async () => {
    const page = await open(
      `<main><h1>Tax</h1><status-dependencies></status-dependencies></main>${scriptTag(feed)}`,
    );
    const element = (): Element | null => page.document.querySelector('status-dependencies');
    await waitFor(
      () => (element()?.shadowRoot?.textContent ?? '').includes('All 3 shared services'),
      'dependencies rendered',
    );
    expectClean(page);
  });

  it('loads the rendering code at once for <status-availability>, which fetches its history under a strict CSP', async () => {
    const origin = new URL(feed.url).origin;
    const csp = `default-src 'self'; script-src 'self'; style-src 'self'; connect-src 'self' ${origin}; require-trusted-types-for 'script'`;
    const page = await open(
      `<main><h1>Tax</h1><status-availability></status-availability></main>${scriptTag(feed)}`,
      `<meta http-equiv="Content-Security-Policy" content="${csp}">`,
    );
    const element = (): Element | null => page.document.querySelector('status-availability');
    await waitFor(
      () => element()?.shadowRoot?.querySelector('[part="figures"]') != null,
      () => `availability rendered: ${element()?.shadowRoot?.textContent ?? ''}`,
    );
    expect(element()?.shadowRoot?.querySelectorAll('[part="chart"] rect').length).to.equal(90);
    expectClean(page);
  });

  it('can be loaded twice (two URLs) without errors, defining each element once', async () => {
    await arrange(feed, 'maintenance-upcoming');
    const page = await open(
      `<main><h1>Tax</h1><status-banner></status-banner></main>${scriptTag(feed)}${scriptTag(feed, '', `${BUNDLE}?again`)}`,
    );
    await waitFor(
      () => (bannerIn(page)?.shadowRoot?.textContent ?? '').includes('MitID update'),
      'banner rendered',
    );
    expect(page.document.querySelectorAll('status-banner').length).to.equal(1);
    expect(page.document.querySelectorAll('[data-statuskit-announcer]').length).to.equal(1);
    // Both copies and the lazily loaded code share one client: one connection to the feed.
    expect(await openStreams(feed)).to.equal(1);
    expectClean(page);
  });

  it('reads <script data-statuskit> when the bundle tag has no configuration', async () => {
    await arrange(feed, 'maintenance-upcoming');
    const page = await open(
      `<main><h1>Tax</h1><status-maintenance></status-maintenance></main>
       <script type="application/json" data-statuskit data-feed="${feed.url}" data-service="tax-return">{}</script>
       <script type="module" src="${BUNDLE}"></script>`,
    );
    await waitFor(
      () =>
        (page.document.querySelector('status-maintenance')?.shadowRoot?.textContent ?? '').includes(
          'MitID update',
        ),
      'maintenance rendered',
    );
    expectClean(page);
  });

  it('takes a language added with addLanguage imported from the bundle itself', async () => {
    await arrange(feed, 'incident-dependency');
    const page = await open(
      `<main lang="se"><h1>Sámegiella</h1><status-banner></status-banner></main>${scriptTag(feed)}
       <script type="module">
         import { addLanguage } from '${BUNDLE}';
         addLanguage('se', { banner: { type: { outage: 'Boatkan' } } }, { fallback: ['nb'] });
       </script>`,
    );
    await waitFor(
      () => (bannerIn(page)?.shadowRoot?.textContent ?? '').includes('Boatkan:'),
      () => bannerIn(page)?.shadowRoot?.textContent ?? '',
    );
    // Strings it lacks come from Norwegian Bokmål, its fallback.
    expect(bannerIn(page)?.shadowRoot?.textContent).to.include('virker ikke akkurat nå');
    expectClean(page);
  });

  it('works under a strict CSP with Trusted Types, and stays quiet when the feed is down', async () => {
    await arrange(feed, 'incident-dependency');
    await feed.admin('POST', '/maintenance', {
      services: ['eid'],
      title: { en: 'MitID update' },
      message: { en: 'New version.' },
      scheduledStart: fromNow(2 * 24 * 60),
      scheduledEnd: fromNow(2 * 24 * 60 + 60),
    });
    const origin = new URL(feed.url).origin;
    const csp = `default-src 'self'; script-src 'self'; style-src 'self'; connect-src 'self' ${origin}; require-trusted-types-for 'script'`;
    const page = await open(
      `<main lang="da"><h1>Selvangivelse</h1><status-banner></status-banner>
        <status-dependencies></status-dependencies><status-alternatives></status-alternatives>
        <status-maintenance></status-maintenance></main>${scriptTag(feed)}`,
      `<meta http-equiv="Content-Security-Policy" content="${csp}">`,
    );
    await waitFor(
      () => (bannerIn(page)?.shadowRoot?.textContent ?? '').includes('MitID er nede'),
      'banner rendered in Danish',
    );
    await waitFor(
      () =>
        (page.document.querySelector('status-maintenance')?.shadowRoot?.textContent ?? '').includes(
          'Opdatering',
        ) ||
        (page.document.querySelector('status-maintenance')?.shadowRoot?.textContent ?? '').includes(
          'MitID update',
        ),
      'maintenance rendered',
    );
    expect(page.window.__probe?.trustedTypesEnforced, 'Trusted Types enforced').to.equal(true);
    // Styles arrived as constructed style sheets, which style-src 'self' allows.
    const root = bannerIn(page)?.shadowRoot;
    expect(root?.adoptedStyleSheets.length).to.be.greaterThan(0);
    expect(getComputedStyleIn(page, root?.querySelector('section'))).to.not.equal('');
    expectClean(page);

    await feed.stop();
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(page.window.__probe?.errors, 'errors while the feed is down').to.deep.equal([]);
    expect(page.window.__probe?.consoleErrors).to.deep.equal([]);
  });
});

function getComputedStyleIn(page: Page, element: Element | null | undefined): string {
  return element ? page.window.getComputedStyle(element).borderInlineStartWidth : '';
}
