/**
 * Every element in every state, in Danish, English and Finnish: what it shows, axe-core with the
 * WCAG 2.0–2.2 A/AA tags plus best practice (light and dark), reflow at 320 CSS px with the WCAG
 * text-spacing overrides, and never taking focus or alerting at load.
 */
import { expect } from 'chai';
import { setViewport } from '@web/test-runner-commands';
import { getViewClient } from '@statuskit/client/view';
import '../../src/define-all.js';
import {
  arrange,
  cleanUp,
  expectNoAxeViolations,
  mount,
  shadowText,
  startFeed,
  waitFor,
} from './helpers.js';
import type { Scenario, TestFeed } from './helpers.js';

const LANGUAGES = ['da', 'en', 'fi'] as const;
const TAGS = [
  'status-banner',
  'status-dependencies',
  'status-alternatives',
  'status-maintenance',
] as const;

/** What each element shows in each scenario: rendered or empty, and the banner's variant. */
const EXPECTED: Record<
  Scenario,
  { banner: string | undefined; notices: number; alternatives: boolean; maintenance: boolean }
> = {
  quiet: { banner: undefined, notices: 0, alternatives: false, maintenance: false },
  'incident-direct': { banner: 'warning', notices: 1, alternatives: true, maintenance: false },
  'incident-dependency': { banner: 'error', notices: 1, alternatives: true, maintenance: false },
  'maintenance-upcoming': { banner: 'neutral', notices: 1, alternatives: true, maintenance: true },
  'maintenance-in-progress': {
    banner: 'neutral',
    notices: 1,
    alternatives: true,
    maintenance: true,
  },
  'maintenance-soon': { banner: 'warning', notices: 1, alternatives: true, maintenance: true },
  several: { banner: 'warning', notices: 3, alternatives: true, maintenance: true },
};

/** Words that must appear in each language, so the element is really translated. */
const HEADINGS: Record<(typeof LANGUAGES)[number], RegExp> = {
  da: /Tjenester, som Selvangivelse afhænger af/,
  en: /Services Tax return depends on/,
  fi: /Palvelut, joita Veroilmoitus käyttää/,
};

function page(feedUrl: string, lang: string): HTMLElement {
  const main = mount(
    `<status-banner feed="${feedUrl}" service="tax-return"></status-banner>
     <p>Fill in your tax return.</p>
     <status-dependencies feed="${feedUrl}" service="tax-return"></status-dependencies>
     <status-alternatives feed="${feedUrl}" service="tax-return"></status-alternatives>
     <status-maintenance feed="${feedUrl}" service="tax-return"></status-maintenance>`,
    lang,
  );
  return main;
}

async function settled(main: HTMLElement): Promise<void> {
  const dependencies = main.querySelector('status-dependencies');
  await waitFor(
    () => (dependencies?.shadowRoot?.querySelectorAll('li').length ?? 0) > 0,
    () => `dependency rows: ${shadowText(dependencies)}`,
  );
  await Promise.all(
    TAGS.map((tag) => main.querySelector(tag)?.updateComplete ?? Promise.resolve()),
  );
}

function rendered(main: HTMLElement, tag: string): boolean {
  return main.querySelector(tag)?.shadowRoot?.querySelector('section') != null;
}

/** WCAG 1.4.10 at 320 px and 1.4.12 text spacing: nothing scrolls sideways. */
async function expectReflow(main: HTMLElement): Promise<void> {
  const spacing = new CSSStyleSheet();
  spacing.replaceSync(
    '* { line-height: 1.5 !important; letter-spacing: 0.12em !important; word-spacing: 0.16em !important; } p { margin-block-end: 2em !important; }',
  );
  for (const tag of TAGS) {
    const root = main.querySelector(tag)?.shadowRoot;
    if (root) root.adoptedStyleSheets = [...root.adoptedStyleSheets, spacing];
  }
  await setViewport({ width: 320, height: 640 });
  try {
    // Reading sizes forces layout; no animation frame needed (they stall in background tabs,
    // and the runner has two test pages open at once).
    expect(document.documentElement.scrollWidth, 'page width at 320 px').to.be.at.most(320);
    for (const tag of TAGS) {
      const base = main.querySelector(tag)?.shadowRoot?.querySelector<HTMLElement>('.base');
      if (base) expect(base.scrollWidth, `${tag} width`).to.be.at.most(base.clientWidth + 1);
    }
  } finally {
    await setViewport({ width: 800, height: 600 });
    for (const tag of TAGS) {
      const root = main.querySelector(tag)?.shadowRoot;
      if (root)
        root.adoptedStyleSheets = root.adoptedStyleSheets.filter((sheet) => sheet !== spacing);
    }
  }
}

for (const scenario of Object.keys(EXPECTED) as Scenario[]) {
  describe(`every element, ${scenario}`, function () {
    this.timeout(30_000);
    let feed: TestFeed;
    const expected = EXPECTED[scenario];

    before(async () => {
      feed = await startFeed();
      await arrange(feed, scenario);
    });
    after(async () => {
      await feed.dispose();
    });
    afterEach(cleanUp);

    for (const lang of LANGUAGES) {
      it(`shows the right things in ${lang}, passes axe, takes no focus`, async () => {
        const focused = document.activeElement;
        const main = page(feed.url, lang);
        await settled(main);
        const banner = main.querySelector('status-banner');
        const base = banner?.shadowRoot?.querySelector('section');
        if (expected.banner !== undefined) {
          expect(base?.classList.contains(expected.banner), 'banner variant').to.equal(true);
          expect(banner?.shadowRoot?.querySelector('h2')?.id).to.equal('heading');
          expect(base?.getAttribute('aria-labelledby')).to.equal('heading');
          expect(banner?.shadowRoot?.querySelectorAll('[role="alert"]').length).to.equal(0);
          const notices = banner?.shadowRoot?.querySelectorAll('[part~="notice"]').length ?? 0;
          expect(Math.max(notices, 1)).to.equal(expected.notices);
        } else {
          expect(base).to.equal(null);
        }
        expect(rendered(main, 'status-alternatives'), 'alternatives').to.equal(
          expected.alternatives,
        );
        expect(rendered(main, 'status-maintenance'), 'maintenance').to.equal(expected.maintenance);
        expect(shadowText(main.querySelector('status-dependencies'))).to.match(HEADINGS[lang]);
        expect(document.activeElement).to.equal(focused);
        await expectNoAxeViolations(main, `${scenario} ${lang}`);
        if (lang === 'fi') await expectReflow(main);
      });
    }

    it('passes axe on a dark page', async () => {
      const main = page(feed.url, 'en');
      main.style.colorScheme = 'dark';
      main.style.background = '#121212';
      main.style.color = '#f0f0f0';
      await settled(main);
      await expectNoAxeViolations(main, `${scenario} dark`);
    });
  });
}

describe('every element, stale data', function () {
  this.timeout(30_000);
  let feed: TestFeed;

  before(async () => {
    feed = await startFeed();
    await arrange(feed, 'incident-dependency');
  });
  after(async () => {
    await feed.dispose();
  });
  afterEach(cleanUp);

  for (const lang of LANGUAGES) {
    it(`says calmly that the data may be out of date, in ${lang}`, async () => {
      // The page's real view client, opened first so the elements share it, counting the view as
      // stale half a second after the feed last confirmed it.
      getViewClient(feed.url, 'tax-return', lang, {
        staleAfterMs: 500,
        cache: false,
        shareAcrossTabs: false,
      });
      const main = page(feed.url, lang);
      await settled(main);
      const banner = main.querySelector('status-banner');
      await waitFor(
        () => banner?.shadowRoot?.querySelector('.stale') != null,
        () => shadowText(banner),
      );
      expect(banner?.shadowRoot?.querySelector('section')?.classList.contains('error')).to.equal(
        true,
      );
      await expectNoAxeViolations(main, `stale ${lang}`);
    });
  }
});

describe('every element, feed unreachable', function () {
  this.timeout(30_000);
  let url: string;
  const errors: string[] = [];
  const onError = (event: ErrorEvent | PromiseRejectionEvent): void => {
    errors.push(String('message' in event ? event.message : event.reason));
  };

  before(async () => {
    const feed = await startFeed();
    url = feed.url;
    await feed.dispose();
    addEventListener('error', onError);
    addEventListener('unhandledrejection', onError);
  });
  after(() => {
    removeEventListener('error', onError);
    removeEventListener('unhandledrejection', onError);
  });
  afterEach(cleanUp);

  for (const lang of LANGUAGES) {
    it(`says "status unknown", never "all working", and throws nothing, in ${lang}`, async () => {
      const main = page(url, lang);
      const dependencies = main.querySelector('status-dependencies');
      await waitFor(
        () => dependencies?.shadowRoot?.querySelector('.summary .icon') != null,
        () => shadowText(dependencies),
      );
      const text = shadowText(dependencies);
      expect(text).to.match(/Status unknown|Ukendt status|Tila tuntematon/);
      expect(text).not.to.match(/working|virker|toimi/i);
      for (const tag of ['status-banner', 'status-alternatives', 'status-maintenance']) {
        expect(rendered(main, tag), tag).to.equal(false);
      }
      await expectNoAxeViolations(main, `unreachable ${lang}`);
      expect(errors).to.deep.equal([]);
    });
  }
});
