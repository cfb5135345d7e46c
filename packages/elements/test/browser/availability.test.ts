/**
 * `<status-availability>` against a real feed with history written through the admin API: the
 * declared levels and the verdict in words, the table equivalent of the chart (rows, headers,
 * keyboard disclosure), axe-core, reflow at 320 px, and the error state when the feed is gone.
 */
import { expect } from 'chai';
import { sendKeys, setViewport } from '@web/test-runner-commands';
import '../../src/define-all.js';
import {
  cleanUp,
  expectNoAxeViolations,
  fromNow,
  mount,
  shadowText,
  startFeed,
  waitFor,
} from './helpers.js';
import type { TestFeed } from './helpers.js';

const LANGUAGES = ['da', 'en', 'fi'] as const;

const EXPECTED: Record<
  (typeof LANGUAGES)[number],
  { heading: RegExp; headers: string[]; verdict: RegExp; levels: RegExp }
> = {
  da: {
    heading: /^Oppetid for Selvangivelse$/,
    headers: ['Dato', 'Oppetid', 'Driftsforstyrrelser', 'Vedligeholdelse'],
    verdict: /^Målet på 99,5 % blev (ikke )?nået\.$/,
    levels: /Mål for oppetid\s*99,5 %/,
  },
  en: {
    heading: /^Availability of Tax return$/,
    headers: ['Date', 'Availability', 'Incidents', 'Maintenance'],
    verdict: /^The target of 99\.5% was (not )?met\.$/,
    levels: /Availability target\s*99\.5%/,
  },
  fi: {
    heading: /^Palvelun Veroilmoitus käytettävyys$/,
    headers: ['Päivä', 'Käytettävyys', 'Häiriöt', 'Huollot'],
    verdict: /^(Tavoite 99,5 % saavutettiin|Tavoitetta 99,5 % ei saavutettu)\.$/,
    levels: /Käytettävyystavoite\s*99,5 %/,
  },
};

async function history(feed: TestFeed): Promise<void> {
  await feed.admin('POST', '/incidents', {
    services: ['tax-return'],
    impact: 'critical',
    title: { da: 'Fejl ved indsendelse', en: 'Problems sending returns', fi: 'Lähetysvirhe' },
    message: { da: 'Vi arbejder på det.', en: 'We are working on it.' },
  });
  await feed.admin('POST', '/maintenance', {
    services: ['tax-return'],
    title: { da: 'Opdatering af Selvangivelse', en: 'Tax return update', fi: 'Päivitys' },
    message: { da: 'Ny version.', en: 'New version.' },
    scheduledStart: fromNow(-30),
    scheduledEnd: fromNow(90),
  });
}

function root(element: Element | null): ShadowRoot {
  const shadow = element?.shadowRoot;
  if (!shadow) throw new Error('no shadow root');
  return shadow;
}

async function shown(element: Element | null): Promise<ShadowRoot> {
  await waitFor(
    () => element?.shadowRoot?.querySelector('[part="figures"]') != null,
    () => `figures shown: ${shadowText(element)}`,
  );
  return root(element);
}

describe('<status-availability>', function () {
  this.timeout(30_000);
  let feed: TestFeed;

  before(async () => {
    feed = await startFeed();
    await history(feed);
  });
  after(async () => {
    await feed.dispose();
  });
  afterEach(cleanUp);

  for (const lang of LANGUAGES) {
    it(`in ${lang}: levels, verdict, table equivalent by keyboard, axe, 320 px`, async () => {
      const expected = EXPECTED[lang];
      const main = mount(
        `<status-availability feed="${feed.url}" service="tax-return"></status-availability>`,
        lang,
      );
      const element = main.querySelector('status-availability');
      const shadow = await shown(element);

      expect(shadow.querySelector('h2')?.textContent.trim()).to.match(expected.heading);
      expect(shadow.querySelector('section')?.getAttribute('aria-labelledby')).to.equal('heading');
      expect(
        (shadow.querySelector('[part="levels"]')?.textContent ?? '').replace(/\s+/g, ' '),
      ).to.match(expected.levels);
      const verdict = shadow.querySelector('[part="verdict"]');
      expect(verdict?.textContent.replace(/\s+/g, ' ').trim()).to.match(expected.verdict);
      expect(verdict?.querySelector('svg[aria-hidden="true"]'), 'verdict icon').to.not.equal(null);

      // The chart is decoration; the table says the same.
      const chart = shadow.querySelector('[part="chart"]');
      expect(chart?.getAttribute('aria-hidden')).to.equal('true');
      expect(chart?.querySelectorAll('rect').length).to.equal(90);
      expect(chart?.querySelectorAll('rect.no-data').length).to.be.greaterThan(0);

      const button = shadow.querySelector<HTMLButtonElement>('[part="table-button"]');
      const table = shadow.querySelector('table');
      expect(button?.getAttribute('aria-expanded')).to.equal('false');
      expect(button?.getAttribute('aria-controls')).to.equal('days');
      expect(table?.checkVisibility()).to.equal(false);

      // Reachable with Tab from the top of the page (the button is the first thing to focus).
      (document.activeElement as HTMLElement | null)?.blur();
      await sendKeys({ press: 'Tab' });
      expect(document.activeElement).to.equal(element);
      expect(shadow.activeElement).to.equal(button);
      await sendKeys({ press: 'Enter' });
      await element?.updateComplete;
      expect(button?.getAttribute('aria-expanded')).to.equal('true');
      expect(table?.checkVisibility()).to.equal(true);

      expect(table?.querySelector('caption')?.textContent.trim()).to.not.equal('');
      const headers = [...(table?.querySelectorAll('thead th') ?? [])].map((th) => [
        th.textContent.trim(),
        th.getAttribute('scope'),
      ]);
      expect(headers).to.deep.equal(expected.headers.map((header) => [header, 'col']));
      const rows = [...(table?.querySelectorAll('tbody tr') ?? [])];
      expect(rows.length).to.equal(90);
      for (const row of rows) {
        expect(row.querySelector('th')?.getAttribute('scope')).to.equal('row');
        expect(row.querySelectorAll('td').length).to.equal(3);
      }
      // Newest first: today carries the incident and the maintenance written above.
      const today = rows[0];
      const cells = [...(today?.querySelectorAll('td') ?? [])].map((td) => td.textContent);
      expect(cells[0]).to.match(/\d.*%/);
      expect(cells[1]).to.include(
        { da: 'Fejl ved indsendelse', en: 'Problems sending returns', fi: 'Lähetysvirhe' }[lang],
      );
      expect(cells[2]).to.include(
        { da: 'Opdatering af Selvangivelse', en: 'Tax return update', fi: 'Päivitys' }[lang],
      );
      expect(today?.querySelector('time')?.getAttribute('datetime')).to.match(
        /^\d{4}-\d{2}-\d{2}$/,
      );

      await expectNoAxeViolations(main, `availability, ${lang}, table open`);

      // 320 px with the WCAG 1.4.12 text spacing, table open: nothing scrolls sideways.
      const spacing = new CSSStyleSheet();
      spacing.replaceSync(
        '* { line-height: 1.5 !important; letter-spacing: 0.12em !important; word-spacing: 0.16em !important; } p { margin-block-end: 2em !important; }',
      );
      shadow.adoptedStyleSheets = [...shadow.adoptedStyleSheets, spacing];
      await setViewport({ width: 320, height: 640 });
      try {
        expect(document.documentElement.scrollWidth, 'page width at 320 px').to.be.at.most(320);
        const base = shadow.querySelector<HTMLElement>('.base');
        expect(base?.scrollWidth, 'element width').to.be.at.most((base?.clientWidth ?? 0) + 1);
        expect(table?.scrollWidth, 'table width').to.be.at.most((base?.clientWidth ?? 0) + 1);
      } finally {
        await setViewport({ width: 800, height: 600 });
        shadow.adoptedStyleSheets = shadow.adoptedStyleSheets.filter((sheet) => sheet !== spacing);
      }

      // Space closes it again.
      button?.focus();
      await sendKeys({ press: 'Space' });
      await element?.updateComplete;
      expect(button?.getAttribute('aria-expanded')).to.equal('false');
      expect(table?.checkVisibility()).to.equal(false);
      await expectNoAxeViolations(main, `availability, ${lang}, table closed`);
    });
  }

  it('follows `days` and `heading-level`', async () => {
    const main = mount(
      `<status-availability feed="${feed.url}" service="tax-return" days="7" heading-level="3"></status-availability>`,
    );
    const element = main.querySelector('status-availability');
    const shadow = await shown(element);
    expect(shadow.querySelector('h3')?.id).to.equal('heading');
    expect(shadow.querySelectorAll('tbody tr').length).to.equal(7);
    expect(shadow.querySelectorAll('[part="chart"] rect').length).to.equal(7);
    expect(shadowText(element)).to.include('Implied by the declared status over the last 7 days');
  });

  it('says when no service level is declared', async () => {
    const main = mount(
      `<status-availability feed="${feed.url}" service="eid"></status-availability>`,
    );
    const element = main.querySelector('status-availability');
    const shadow = await shown(element);
    expect(shadow.querySelector('[part="levels"]')?.textContent).to.include(
      'No service level declared.',
    );
    expect(shadow.querySelector('[part="verdict"]')).to.equal(null);
    await expectNoAxeViolations(main, 'availability without SLA');
  });
});

describe('<status-availability> when the feed cannot be reached', function () {
  this.timeout(30_000);
  let feed: TestFeed;

  before(async () => {
    feed = await startFeed();
    await feed.stop();
  });
  after(async () => {
    await feed.dispose();
  });
  afterEach(cleanUp);

  for (const lang of LANGUAGES) {
    it(`shows the error state in ${lang}, passes axe, throws nothing into the page`, async () => {
      const errors: unknown[] = [];
      const onError = (event: ErrorEvent | PromiseRejectionEvent): void => {
        errors.push('reason' in event ? event.reason : event.error);
      };
      window.addEventListener('error', onError);
      window.addEventListener('unhandledrejection', onError);
      try {
        const main = mount(
          `<status-availability feed="${feed.url}" service="tax-return"></status-availability>`,
          lang,
        );
        const element = main.querySelector('status-availability');
        const text = {
          da: 'Tal for oppetid kan ikke vises lige nu.',
          en: 'Availability figures cannot be shown right now.',
          fi: 'Käytettävyyslukuja ei voi näyttää juuri nyt.',
        }[lang];
        await waitFor(
          () => shadowText(element).includes(text),
          () => `error state: ${shadowText(element)}`,
        );
        expect(root(element).querySelector('table')).to.equal(null);
        await expectNoAxeViolations(main, `availability error, ${lang}`);
        expect(errors).to.deep.equal([]);
      } finally {
        window.removeEventListener('error', onError);
        window.removeEventListener('unhandledrejection', onError);
      }
    });
  }
});
