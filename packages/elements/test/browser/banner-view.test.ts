/**
 * `<status-banner>` rendering a service view handed to it (`.view`): every state in Danish and
 * English with axe, roles and live regions, dismissals, warn-before, announcements, feed text
 * rendered inert, and the server-rendered markup: axe, and the element taking it over in place.
 */
import { expect } from 'chai';
import { sendKeys } from '@web/test-runner-commands';
import type { ServiceView } from '@statuskit/model';
import '../../src/banner/define.js';
import type { BannerChangeDetail, DismissDetail, StatusBanner } from '../../src/banner/banner.js';
import { reserveBannerSpace } from '../../src/banner/reserve-space.js';
import { bannerStyleHash, renderBannerHtml } from '../../src/banner/server.js';
import { BANNER_STATES, bannerView, notice, quietView } from '../views.js';
import type { BannerState } from '../views.js';
import {
  announcerText,
  arrange,
  bringToFront,
  cleanUp,
  expectNoAxeViolations,
  mount,
  shadowText,
  sleep,
  startFeed,
  waitFor,
} from './helpers.js';

const FEED = 'https://status.example/v1';

const VARIANT: Record<BannerState, string> = {
  outage: 'error',
  disruption: 'warning',
  maintenance: 'neutral',
  planned: 'neutral',
  soon: 'warning',
  multiple: 'error',
  stale: 'error',
};
const CLOSABLE: Record<BannerState, boolean> = {
  outage: false,
  disruption: true,
  maintenance: false,
  planned: true,
  soon: true,
  multiple: false,
  stale: false,
};
const SHOWS: Record<BannerState, Record<'da' | 'en', string>> = {
  outage: { da: 'Selvangivelse virker ikke lige nu', en: 'Tax return is not working right now' },
  disruption: {
    da: 'Selvangivelse virker måske ikke som normalt',
    en: 'Tax return may not work as usual',
  },
  maintenance: { da: 'Selvangivelse er lukket', en: 'Tax return is closed for maintenance' },
  planned: {
    da: 'Planlagt vedligeholdelse af Selvangivelse',
    en: 'Planned maintenance of Tax return',
  },
  soon: { da: 'Selvangivelse begynder snart', en: 'Maintenance of Tax return starts soon' },
  multiple: { da: 'Selvangivelse virker ikke lige nu', en: 'Tax return is not working right now' },
  stale: { da: 'kan være forældede', en: 'this may be out of date' },
};

/** What a reader sees in the shadow root: its text without the inline style. */
function readable(element: Element | undefined): string {
  const root = element?.shadowRoot;
  if (!root) return '';
  const copy = document.createElement('div');
  for (const node of root.childNodes) copy.append(node.cloneNode(true));
  for (const style of copy.querySelectorAll('style')) style.remove();
  return copy.textContent.replace(/\s+/g, ' ').trim();
}

function banner(main: HTMLElement): StatusBanner {
  const element = main.querySelector('status-banner');
  if (!element) throw new Error('no banner');
  return element;
}

function section(element: StatusBanner): HTMLElement | null {
  return element.shadowRoot?.querySelector('section') ?? null;
}

async function showing(view: ServiceView, lang: string, attributes = ''): Promise<StatusBanner> {
  const main = mount(`<status-banner service="tax-return" ${attributes}></status-banner>`, lang);
  const element = banner(main);
  element.view = view;
  await waitFor(
    () => section(element) != null,
    () => `banner shown: ${shadowText(element)}`,
  );
  return element;
}

/** An element's tree as text: attributes sorted, comments (lit's markers) left out, spaces collapsed. */
function markup(node: Node | null): string {
  if (node instanceof Element) {
    const attributes = [...node.attributes]
      .map(({ name, value }) => `${name}="${value}"`)
      .sort()
      .join(' ');
    const children = [...node.childNodes].map(markup).join('');
    return `<${node.localName} ${attributes}>${children.replace(/\s+/g, ' ')}</${node.localName}>`;
  }
  return node instanceof Text ? node.data.replace(/\s+/g, ' ') : '';
}

/** Two rendered frames (layout shifts are measured per frame), or half a second at most. */
async function frames(): Promise<void> {
  await Promise.race([
    new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))),
    sleep(500),
  ]);
}

describe('<status-banner> from a service view', function () {
  this.timeout(30_000);
  afterEach(() => {
    cleanUp();
    localStorage.removeItem('statuskit:dismissed');
  });

  for (const state of BANNER_STATES) {
    for (const lang of ['da', 'en'] as const) {
      it(`${state} in ${lang}: right variant and words, labelled region, no alert, passes axe`, async () => {
        const focused = document.activeElement;
        const element = await showing(bannerView(state, lang), lang);
        const base = section(element);
        expect(base?.classList.contains(VARIANT[state])).to.equal(true);
        expect(base?.getAttribute('lang')).to.equal(lang);
        const labelledBy = base?.getAttribute('aria-labelledby') ?? '';
        expect(element.shadowRoot?.getElementById(labelledBy)?.localName).to.equal('h2');
        expect(shadowText(element)).to.include(SHOWS[state][lang]);
        expect(element.shadowRoot?.querySelector('[role="alert"], [aria-live]')).to.equal(null);
        expect(element.shadowRoot?.querySelector('[part="close-button"]') != null).to.equal(
          CLOSABLE[state],
        );
        expect(document.activeElement).to.equal(focused);
        await expectNoAxeViolations(element.closest('main') ?? element, `${state} ${lang}`);
      });
    }
  }

  it('marks feed text in another language, and times in the notice zone with its name', async () => {
    const element = await showing(bannerView('outage', 'en'), 'en');
    const marked = [...(element.shadowRoot?.querySelectorAll('[lang="da"]') ?? [])].map(
      (node) => node.textContent,
    );
    expect(marked).to.include('Ingen kan logge ind lige nu.');
    const reader = Intl.DateTimeFormat().resolvedOptions().timeZone;
    if (reader !== 'Europe/Copenhagen') {
      expect(shadowText(element)).to.match(/Since today, \d\d:\d\d \(Central European/);
    }
  });

  it('hides a dismissible notice by keyboard, per key and version, and the page may veto', async () => {
    const view = bannerView('disruption', 'en');
    const changes: BannerChangeDetail[] = [];
    document.addEventListener('statuskit-change', (event) => {
      changes.push((event as CustomEvent<BannerChangeDetail>).detail);
    });
    const element = await showing(view, 'en', `feed="${FEED}"`);
    await waitFor(() => changes.length > 0, 'statuskit-change');
    expect(changes[0]).to.deep.equal({
      service: 'tax-return',
      notices: [{ key: 'incident:slow-post', version: 'slow-post-v1', type: 'disruption' }],
    });
    const close = element.shadowRoot?.querySelector<HTMLButtonElement>('[part="close-button"]');
    expect(close?.getAttribute('aria-label')).to.equal('Hide this message');

    const veto = (event: Event): void => {
      event.preventDefault();
    };
    document.addEventListener('statuskit-dismiss', veto, { once: true });
    close?.click();
    await element.updateComplete;
    expect(section(element)).not.to.equal(null);

    const dismissed: CustomEvent<DismissDetail>[] = [];
    document.addEventListener(
      'statuskit-dismiss',
      (event) => dismissed.push(event as CustomEvent<DismissDetail>),
      { once: true },
    );
    close?.focus();
    await sendKeys({ press: 'Enter' });
    await waitFor(() => section(element) == null, 'banner hidden');
    expect(dismissed[0]?.detail.notices).to.deep.equal([
      { key: 'incident:slow-post', version: 'slow-post-v1' },
    ]);
    expect(dismissed[0]?.cancelable && dismissed[0].bubbles && dismissed[0].composed).to.equal(
      true,
    );
    expect(changes.at(-1)?.notices).to.deep.equal([]);

    // Another page view: still hidden. A new version of the notice: shown again.
    cleanUp();
    const again = banner(
      mount(`<status-banner service="tax-return" feed="${FEED}"></status-banner>`),
    );
    again.view = view;
    await again.updateComplete;
    expect(section(again)).to.equal(null);
    const first = view.notices[0];
    if (!first) throw new Error('no notice');
    again.view = { ...view, notices: [{ ...first, version: 'slow-post-v2' }] };
    await waitFor(() => section(again) != null, 'shown again');
  });

  it('warns before planned work by warn-before minutes: the feed heading for "soon" or "planned"', async () => {
    const element = await showing(bannerView('soon', 'en'), 'en', 'warn-before="5"');
    expect(shadowText(element)).to.include('Planned maintenance: MitID update');
    expect(shadowText(element)).not.to.include('starts soon');
    element.warnBefore = 15;
    await element.updateComplete;
    expect(shadowText(element)).to.include('Maintenance of Tax return starts soon');
    expect(shadowText(element)).to.include('Starting soon: MitID update');
    expect(shadowText(element)).to.match(/It starts in 10 minutes, at \d\d:\d\d/);
    expect(shadowText(element)).to.include('Answers you have not sent will be lost.');
  });

  it('links to <status-alternatives> only when the view has alternatives', async () => {
    const main = mount(
      `<status-banner service="tax-return"></status-banner><status-alternatives service="tax-return"></status-alternatives>`,
    );
    const element = banner(main);
    element.view = bannerView('outage', 'en');
    await waitFor(() => section(element) != null, 'banner shown');
    const link = element.shadowRoot?.querySelector('[part="actions"] a');
    expect(link?.getAttribute('href')).to.equal('#statuskit-alternatives');
    element.view = { ...bannerView('outage', 'en'), alternatives: [] };
    await element.updateComplete;
    expect(element.shadowRoot?.querySelector('[part="actions"]')).to.equal(null);
  });

  it('announces what changes after the first view: assertive when blocked, polite otherwise, then resolved', async () => {
    const element = await showing(bannerView('disruption', 'en'), 'en');
    await sleep(1_200);
    expect(announcerText()).to.equal('');
    element.view = bannerView('multiple', 'en');
    await waitFor(() => announcerText('assertive') !== '', 'assertive announcement');
    expect(announcerText('assertive')).to.equal(
      'Outage: MitID is down. You may not be able to use Tax return because MitID is down. Tax return uses MitID through Login. Planned maintenance: MitID update. You will not be able to use Tax return while MitID is closed for maintenance. Tax return uses MitID through Login.',
    );
    element.view = quietView('en');
    await waitFor(() => announcerText('polite') !== '', 'polite announcement');
    expect(announcerText('polite')).to.equal('Tax return is working normally again.');
    expect(section(element)).to.equal(null);
  });
});

const PAYLOADS = [
  '<img src=x onerror="window.__xss=1">',
  '<script>window.__xss=1</script>',
  '"><svg onload="window.__xss=1">',
  '\'><iframe src="javascript:window.__xss=1"></iframe>',
  '{{constructor.constructor("window.__xss=1")()}}',
  '$t(banner.hide)',
  '<style>*{display:none}</style>',
  '&lt;b&gt;entities stay as typed&lt;/b&gt;',
  '</template></status-banner><img src=x onerror="window.__xss=1">',
];

const OURS = new Set(
  'section div span p ul li a button h1 h2 h3 h4 h5 h6 svg path rect circle style'.split(' '),
);

function foreign(root: ShadowRoot | null | undefined): string[] {
  return [...(root?.querySelectorAll('*') ?? [])]
    .filter(
      (node) =>
        !OURS.has(node.localName) || node.getAttributeNames().some((name) => name.startsWith('on')),
    )
    .map((node) => node.outerHTML);
}

/** A view whose every text from the feed is `payload`, and whose links are hostile. */
function hostileView(payload: string, index: number): ServiceView {
  const view = bannerView('outage', 'en');
  const base = notice(
    {
      kind: 'incident',
      id: `x${index}`,
      phase: 'active',
      status: 'major_outage',
      originStatus: 'major_outage',
      chain: ['tax-return', 'eid'],
      since: view.generatedAt,
      title: { text: `Title ${payload}` },
      message: { text: `Message ${payload}`, lang: 'da' },
    },
    'en',
  );
  return {
    ...view,
    name: { text: payload },
    notices: [
      {
        ...base,
        chain: [
          { id: 'tax-return', name: { text: payload } },
          { id: 'eid', name: { text: payload } },
        ],
        sentences: {
          heading: `Heading ${payload}`,
          type: `Type ${payload}`,
          problem: payload,
          cause: `Cause ${payload}`,
        },
      },
    ],
    dependencies: view.dependencies.map((dependency) => ({
      ...dependency,
      url: 'javascript:window.__xss=1',
    })),
  };
}

describe('feed text in a view is rendered inert', function () {
  this.timeout(30_000);
  afterEach(cleanUp);

  it('in the element and in the server-rendered markup: shown literally, nothing runs', async () => {
    for (const [index, payload] of PAYLOADS.entries()) {
      const view = hostileView(payload, index);
      const element = await showing(view, 'en');
      const text = shadowText(element);
      for (const part of ['Heading', 'Type', 'Title', 'Message', 'Cause']) {
        expect(text, part).to.include(`${part} ${payload.replace(/\s+/g, ' ')}`);
      }
      expect(foreign(element.shadowRoot)).to.deep.equal([]);
      const hrefs = [...(element.shadowRoot?.querySelectorAll('a') ?? [])].map((a) => a.href);
      expect(hrefs.filter((href) => href.startsWith('javascript:'))).to.deep.equal([]);

      const server = mount('<div class="server"></div>');
      server.querySelector('.server')?.setHTMLUnsafe(renderBannerHtml(view, { lang: 'en' }));
      const rendered = server.querySelectorAll('status-banner');
      expect(rendered.length).to.equal(1);
      expect(foreign(rendered[0]?.shadowRoot)).to.deep.equal([]);
      expect(readable(rendered[0])).to.include(`Heading ${payload.replace(/\s+/g, ' ')}`);
      cleanUp();
    }
    await sleep(100);
    expect((window as { __xss?: unknown }).__xss).to.equal(undefined);
  });
});

describe('server-rendered banner', function () {
  this.timeout(30_000);
  afterEach(cleanUp);

  for (const state of BANNER_STATES) {
    for (const lang of ['da', 'en'] as const) {
      it(`${state} in ${lang}: shows before any view of its own and passes axe`, async () => {
        const main = mount('<div class="server"></div>', lang);
        main
          .querySelector('.server')
          ?.setHTMLUnsafe(renderBannerHtml(bannerView(state, lang), { lang }));
        const element = banner(main);
        await element.updateComplete;
        expect(readable(element)).to.include(SHOWS[state][lang]);
        expect(element.shadowRoot?.querySelector('button')).to.equal(null);
        await expectNoAxeViolations(main, `server ${state} ${lang}`);
      });
    }
  }

  it('with scripts blocked and a CSP without unsafe-inline: styled by the hash, heading, cause, message and link shown', async () => {
    const open = async (styleSource: string): Promise<Document> => {
      const frame = document.createElement('iframe');
      frame.style.width = '800px';
      frame.style.height = '600px';
      const loaded = new Promise((resolve) => {
        frame.addEventListener('load', resolve, { once: true });
      });
      // No script may run in the frame: the reader has JavaScript off, as far as the page goes.
      const csp = `default-src 'none'; script-src 'none'; style-src ${styleSource}`;
      frame.srcdoc = `<!doctype html><html lang="da"><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="${csp}"><title>Selvangivelse</title></head><body><main><h1>Selvangivelse</h1>${renderBannerHtml(bannerView('outage', 'da'), { lang: 'da', alternativesHref: '#andre-veje' })}<p>Udfyld din selvangivelse.</p></main></body></html>`;
      document.body.append(frame);
      await loaded;
      const inner = frame.contentDocument;
      if (!inner) throw new Error('no frame document');
      return inner;
    };
    const accent = (inner: Document): string => {
      const base = inner.querySelector('status-banner')?.shadowRoot?.querySelector('section');
      return base ? getComputedStyle(base).borderInlineStartWidth : '';
    };
    try {
      const allowed = await open(await bannerStyleHash());
      const root = allowed.querySelector('status-banner')?.shadowRoot;
      expect(customElements.get('status-banner')).not.to.equal(undefined);
      expect(allowed.defaultView?.customElements.get('status-banner')).to.equal(undefined);
      expect(accent(allowed)).to.equal('6px');
      const text = (root?.textContent ?? '').replace(/\s+/g, ' ');
      expect(text).to.include('Selvangivelse virker ikke lige nu');
      expect(text).to.include('MitID er nede');
      expect(text).to.include('Du kan måske ikke bruge Selvangivelse, fordi MitID');
      expect(text).to.include('Ingen kan logge ind lige nu.');
      expect(root?.querySelector('[part="actions"] a')?.getAttribute('href')).to.equal(
        '#andre-veje',
      );
      // The same markup with a hash that does not match stays unstyled: the hash is what allows it.
      expect(
        accent(await open("'sha256-AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA='")),
      ).not.to.equal('6px');
    } finally {
      for (const frame of document.querySelectorAll('iframe')) frame.remove();
    }
  });

  it('is taken over in place when the element has its view: same box, no layout shift', async () => {
    await bringToFront();
    const shifts: PerformanceEntry[] = [];
    const observer = new PerformanceObserver((list) => shifts.push(...list.getEntries()));
    observer.observe({ type: 'layout-shift' });
    try {
      const view = bannerView('multiple', 'en');
      const readerTimeZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
      const main = mount(`<div class="server"></div><p id="after">The page's own content.</p>`);
      main
        .querySelector('.server')
        ?.setHTMLUnsafe(
          renderBannerHtml(view, { lang: 'en', readerTimeZone, alternativesHref: '#help' }),
        );
      const element = banner(main);
      await element.updateComplete;
      await frames();
      const before = element.getBoundingClientRect().toJSON() as DOMRect;
      const serverSection = section(element);
      expect(serverSection).not.to.equal(null);
      const serverMarkup = markup(serverSection);
      const shiftsBefore = shifts.length;

      element.view = view;
      await element.updateComplete;
      await frames();
      expect(section(element)).not.to.equal(serverSection);
      // The same template on both sides: the same markup, but for lit's own comment markers.
      expect(markup(section(element))).to.equal(serverMarkup);
      expect(element.shadowRoot?.querySelectorAll('section').length).to.equal(1);
      expect(element.getBoundingClientRect().toJSON()).to.deep.equal(before);
      expect(shifts.length - shiftsBefore, 'layout-shift entries').to.equal(0);

      // The observer does see a real shift (so the 0 above means something).
      main
        .querySelector('.server')
        ?.insertAdjacentHTML('beforebegin', '<div style="height: 200px"></div>');
      await frames();
      await waitFor(() => shifts.length > shiftsBefore, 'a layout shift observed');
    } finally {
      observer.disconnect();
    }
  });
});

describe('server-rendered banner, live', function () {
  this.timeout(30_000);
  afterEach(cleanUp);

  it("is the feed's view rendered on the server, then goes live in place once the feed confirms it", async () => {
    const feed = await startFeed();
    try {
      await arrange(feed, 'incident-dependency');
      const response = await fetch(`${feed.url}/status.json?view=tax-return&lang=en`);
      const view = (await response.json()) as ServiceView;
      const readerTimeZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
      await bringToFront();
      const shifts: PerformanceEntry[] = [];
      const observer = new PerformanceObserver((list) => shifts.push(...list.getEntries()));
      observer.observe({ type: 'layout-shift' });
      try {
        const main = mount(`<div class="server"></div><p>The page's own content.</p>`);
        main
          .querySelector('.server')
          ?.setHTMLUnsafe(renderBannerHtml(view, { lang: 'en', feed: feed.url, readerTimeZone }));
        const element = banner(main);
        const serverSection = section(element);
        const before = element.getBoundingClientRect().toJSON() as DOMRect;
        expect(readable(element)).to.include('Tax return is not working right now');
        await frames();
        const shiftsBefore = shifts.length;
        await waitFor(() => section(element) !== serverSection, 'taken over by the live element');
        await frames();
        expect(element.shadowRoot?.querySelectorAll('section').length).to.equal(1);
        expect(shadowText(element)).to.include('MitID is down');
        expect(element.getBoundingClientRect().toJSON()).to.deep.equal(before);
        expect(shifts.length - shiftsBefore, 'layout-shift entries').to.equal(0);
        // Live from now on: a resolution clears it.
        for (const { kind, id } of view.notices) {
          if (kind !== 'incident') continue;
          await feed.admin('POST', `/incidents/${id}/updates`, {
            state: 'resolved',
            message: { en: 'Fixed.' },
          });
        }
        await waitFor(() => section(element) == null, 'cleared live');
      } finally {
        observer.disconnect();
      }
    } finally {
      await feed.dispose();
    }
  });
});

describe('script-only page', function () {
  this.timeout(30_000);
  afterEach(() => {
    cleanUp();
    localStorage.removeItem('statuskit:banner-space');
  });

  it('reserves the room the banner took last time while the cached view shows the same notices: nothing moves', async () => {
    const view = bannerView('multiple', 'en');
    const page = `<status-banner service="tax-return" feed="${FEED}"></status-banner><p id="after">The page's own content.</p>`;
    const after = (): number => document.querySelector('#after')?.getBoundingClientRect().top ?? -1;

    // A first page view: the banner appears and remembers its room.
    const first = banner(mount(page));
    first.view = view;
    await waitFor(() => section(first) != null, 'banner shown');
    await first.updateComplete;
    const top = after();
    cleanUp();

    // The next page view: before the banner has rendered, the script-tag entry reserves the room.
    await bringToFront();
    const shifts: PerformanceEntry[] = [];
    const observer = new PerformanceObserver((list) => shifts.push(...list.getEntries()));
    observer.observe({ type: 'layout-shift' });
    try {
      const element = banner(mount(page));
      await element.updateComplete;
      expect(section(element)).to.equal(null);
      expect(reserveBannerSpace(element, FEED, bannerView('disruption', 'en'))).to.equal(false);
      expect(reserveBannerSpace(element, FEED, view)).to.equal(true);
      expect(after()).to.equal(top);
      await frames();
      const before = shifts.length;
      element.view = view;
      await waitFor(() => section(element) != null, 'banner shown');
      await element.updateComplete;
      await frames();
      expect(after()).to.equal(top);
      expect(element.hasAttribute('data-statuskit-reserved')).to.equal(false);
      expect(shifts.length - before, 'layout-shift entries').to.equal(0);

      // The observer does see a real shift (so the 0 above means something).
      element.insertAdjacentHTML('beforebegin', '<div style="height: 200px"></div>');
      await frames();
      await waitFor(() => shifts.length > before, 'a layout shift observed');
    } finally {
      observer.disconnect();
    }
  });
});
