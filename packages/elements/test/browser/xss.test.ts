/**
 * Feed text is data, never markup: a corpus of script-injection payloads, sent through a real
 * feed (titles, messages) and through a hand-made service view that skips the feed's validation
 * (links), must render as literal text, create no element and run nothing.
 */
import { expect } from 'chai';
import type { ServiceView, ViewAlternative } from '@statuskit/model';
import '../../src/define-all.js';
import { bannerView } from '../views.js';
import { cleanUp, mount, shadowText, startFeed, waitFor } from './helpers.js';

const PAYLOADS = [
  '<img src=x onerror="window.__xss=1">',
  '<script>window.__xss=1</script>',
  '"><svg onload="window.__xss=1">',
  '\'><iframe src="javascript:window.__xss=1"></iframe>',
  '<a href="javascript:window.__xss=1">click</a>',
  '{{constructor.constructor("window.__xss=1")()}}',
  '$t(banner.hide)',
  '${window.__xss=1}',
  '<style>*{display:none}</style>',
  '&lt;b&gt;entities stay as typed&lt;/b&gt;',
];

const TAGS = ['status-banner', 'status-dependencies', 'status-alternatives', 'status-maintenance'];

/** Every element created inside the shadow roots, except the ones we render ourselves. */
function foreignElements(main: HTMLElement): Element[] {
  const ours = new Set([
    'section',
    'div',
    'span',
    'p',
    'ul',
    'li',
    'a',
    'button',
    'time',
    'strong',
    'h1',
    'h2',
    'h3',
    'h4',
    'h5',
    'h6',
    'svg',
    'path',
    'rect',
    'circle',
  ]);
  return TAGS.flatMap((tag) => [
    ...(main.querySelector(tag)?.shadowRoot?.querySelectorAll('*') ?? []),
  ]).filter(
    (element) =>
      !ours.has(element.localName) ||
      element.getAttributeNames().some((name) => name.startsWith('on')),
  );
}

/**
 * The elements render the feed's view of the service: a hostile name, links and alternatives, as
 * a feed that skipped validation would word and send them.
 */
function hostileView(
  name: string,
  url: string,
  alternatives: readonly ViewAlternative[],
): ServiceView {
  const view = bannerView('outage', 'en');
  return {
    ...view,
    name: { text: name },
    notices: view.notices.map((notice) => ({
      ...notice,
      chain: notice.chain.map((ref) =>
        ref.id === 'tax-return' ? { ...ref, name: { text: name } } : ref,
      ),
      sentences: { ...notice.sentences, heading: `${name} is not working right now` },
    })),
    alternatives,
    dependencies: view.dependencies.map((dependency) => ({ ...dependency, url })),
  };
}

describe('feed text is rendered inert', function () {
  this.timeout(30_000);
  afterEach(cleanUp);

  it('through a real feed: titles and messages show literally, nothing runs', async () => {
    const feed = await startFeed();
    try {
      for (const [index, payload] of PAYLOADS.entries()) {
        await feed.admin('POST', '/incidents', {
          services: [index % 2 === 0 ? 'eid' : 'digital-post'],
          impact: 'critical',
          title: { en: `Title ${index} ${payload}` },
          message: { en: `Message ${index} ${payload}` },
        });
      }
      const main = mount(
        TAGS.map((tag) => `<${tag} feed="${feed.url}" service="tax-return"></${tag}>`).join(''),
      );
      const banner = main.querySelector('status-banner');
      await waitFor(
        () => shadowText(banner).includes(`Title ${PAYLOADS.length - 1}`),
        () => shadowText(banner),
      );
      await new Promise((resolve) => setTimeout(resolve, 300));
      const text = shadowText(banner);
      for (const payload of PAYLOADS) expect(text).to.include(payload.replace(/\s+/g, ' '));
      expect(foreignElements(main).map((element) => element.outerHTML)).to.deep.equal([]);
      expect((window as { __xss?: unknown }).__xss).to.equal(undefined);
    } finally {
      await feed.dispose();
    }
  });

  it('links other than https:, tel: and mailto: are dropped at render time', async () => {
    const hostile = [
      'javascript:window.__xss=1',
      'JAVASCRIPT:window.__xss=1',
      ' javascript:window.__xss=1',
      'java\tscript:window.__xss=1',
      'data:text/html,<script>window.__xss=1</script>',
      'vbscript:msgbox(1)',
      'http://insecure.example/',
      '//protocol-relative.example/',
    ];
    const view = hostileView('<img src=x onerror="window.__xss=1">', 'javascript:window.__xss=1', [
      { kind: 'email', label: { text: 'Write to us' }, href: 'mailto:help@skat.example' },
      ...hostile.map((href) => ({
        kind: 'web' as const,
        label: { text: `Hostile ${href}` },
        href,
      })),
      { kind: 'web', label: { text: 'Another service' }, href: 'https://ok.example/form' },
    ]);
    const main = mount(TAGS.map((tag) => `<${tag} service="tax-return"></${tag}>`).join(''));
    for (const tag of TAGS) Object.assign(main.querySelector(tag) ?? {}, { view });
    const alternatives = main.querySelector('status-alternatives');
    await waitFor(
      () => shadowText(alternatives).includes('Another service'),
      () => shadowText(alternatives),
    );
    const hrefs = TAGS.flatMap((tag) => [
      ...(main.querySelector(tag)?.shadowRoot?.querySelectorAll('a') ?? []),
    ]).map((link) => link.getAttribute('href') ?? '');
    expect(hrefs.filter((href) => !/^(https:|tel:|mailto:|#)/.test(href))).to.deep.equal([]);
    expect(hrefs).to.include('mailto:help@skat.example');
    expect(hrefs).to.include('https://ok.example/form');
    expect(shadowText(alternatives)).to.include('Hostile javascript:window.__xss=1');
    expect(shadowText(main.querySelector('status-banner'))).to.include(
      '<img src=x onerror="window.__xss=1"> is not working right now',
    );
    expect(foreignElements(main)).to.deep.equal([]);
    expect((window as { __xss?: unknown }).__xss).to.equal(undefined);
  });
});
