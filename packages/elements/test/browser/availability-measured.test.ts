/**
 * `<status-availability>` with measured availability: the declared target, the share of
 * successful automatic checks and the figures implied by the declared status side by side; a
 * service without a probe says so in a sentence; and the day measuring began is labelled as
 * such, never shown as a bare (low) figure for the whole day. Real feed, real checks, axe-core.
 */
import { expect } from 'chai';
import '../../src/define-all.js';
import {
  cleanUp,
  expectNoAxeViolations,
  mount,
  recordProbeChecks,
  shadowText,
  startFeed,
  waitFor,
} from './helpers.js';
import type { ProbeCheckInput, TestFeed } from './helpers.js';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

const PROBE = {
  id: 'tax-return',
  service: 'tax-return',
  url: 'http://127.0.0.1:9/health',
  // A day: these tests record the checks themselves; a probe runner must not add its own.
  intervalSeconds: 86_400,
  timeoutSeconds: 10,
  expect: { status: [{ from: 200, to: 299 }] },
  failuresBeforeDown: 3,
  successesBeforeUp: 2,
};

/**
 * Yesterday at 12:00 UTC (yesterday in the feed's zone, whatever the time of day the test runs):
 * 9 of 10 in ten minutes; and 4 of 4 in the last two seconds (today, unless the test runs in the
 * first two seconds after midnight). Minutes, not hours, from midnight made this flaky.
 */
function checks(): ProbeCheckInput[] {
  const now = Date.now();
  const yesterdayNoon = Math.floor(now / DAY_MS) * DAY_MS - 12 * HOUR_MS;
  const at = (ms: number): string => new Date(ms).toISOString();
  return [
    ...Array.from({ length: 10 }, (_, index) => ({
      probe: 'tax-return',
      service: 'tax-return',
      at: at(yesterdayNoon + index * 60_000),
      ok: index !== 3,
    })),
    ...Array.from({ length: 4 }, (_, index) => ({
      probe: 'tax-return',
      service: 'tax-return',
      at: at(now - 2_000 + index * 500),
      ok: true,
    })),
  ];
}

const text = (element: Element | null | undefined): string =>
  (element?.textContent ?? '').replace(/\s+/g, ' ').trim();

async function shown(element: Element | null): Promise<ShadowRoot> {
  await waitFor(
    () => element?.shadowRoot?.querySelector('[part="figures"]') != null,
    () => `figures shown: ${shadowText(element)}`,
  );
  const shadow = element?.shadowRoot;
  if (!shadow) throw new Error('no shadow root');
  return shadow;
}

const EXPECTED = {
  en: {
    panels: [
      'Promised service levels',
      'Measured by automatic checks over the last 90 days',
      'Implied by the declared status over the last 90 days',
    ],
    figure: /Share of checks that succeeded 92\.85%/,
    count: /Checks run 14/,
    column: 'Automatic checks',
    began: /^90% from \d\d:\d\d( \(.+\))?, when measuring began$/,
    noProbe:
      'No automatic check watches this service, so there is no measured figure. The other figures come from the status the service has declared.',
    none: 'No automatic check has run in this period yet.',
    noChecks: 'No checks',
  },
  da: {
    panels: [
      'Lovet serviceniveau',
      'Målt med automatiske tjek over de seneste 90 dage',
      'Ifølge den erklærede status over de seneste 90 dage',
    ],
    figure: /Andel vellykkede tjek 92,85 %/,
    count: /Antal tjek 14/,
    column: 'Automatiske tjek',
    began: /^90 % fra \d\d\.\d\d( \(.+\))?, da målingen begyndte$/,
    noProbe:
      'Ingen automatisk tjek holder øje med denne tjeneste, så der er ikke noget målt tal. De andre tal bygger på den status, tjenesten selv har erklæret.',
    none: 'Der er endnu ikke kørt noget automatisk tjek i denne periode.',
    noChecks: 'Ingen tjek',
  },
  fi: {
    panels: [
      'Luvattu palvelutaso',
      'Mitattu automaattisilla tarkistuksilla ajalta: viimeiset 90 päivää',
      'Ilmoitetun tilan mukaan ajalta: viimeiset 90 päivää',
    ],
    figure: /Onnistuneiden tarkistusten osuus 92,85 %/,
    count: /Tarkistuksia 14/,
    column: 'Automaattiset tarkistukset',
    began: /^90 % klo \d\d\.\d\d( \(.+\))? alkaen, jolloin mittaus alkoi$/,
    noProbe:
      'Mikään automaattinen tarkistus ei seuraa tätä palvelua, joten mitattua lukua ei ole. Muut luvut perustuvat palvelun itse ilmoittamaan tilaan.',
    none: 'Tällä ajanjaksolla ei ole vielä tehty automaattisia tarkistuksia.',
    noChecks: 'Ei tarkistuksia',
  },
} as const;

describe('<status-availability> with automatic checks', function () {
  this.timeout(30_000);
  let feed: TestFeed;

  before(async () => {
    // Login has a probe too, but no check has run for it yet.
    feed = await startFeed(undefined, {
      probes: [PROBE, { ...PROBE, id: 'login', service: 'login' }],
    });
    await recordProbeChecks(feed, checks());
  });
  after(async () => {
    await feed.dispose();
  });
  afterEach(cleanUp);

  for (const lang of ['en', 'da', 'fi'] as const) {
    it(`in ${lang}: target, measured and declared side by side, checks per day, axe`, async () => {
      const expected = EXPECTED[lang];
      const main = mount(
        `<status-availability feed="${feed.url}" service="tax-return"></status-availability>`,
        lang,
      );
      const element = main.querySelector('status-availability');
      const shadow = await shown(element);
      const panels = [...shadow.querySelectorAll('.panels > .panel')];
      expect(panels.map((panel) => panel.getAttribute('part'))).to.deep.equal([
        'levels',
        'checks',
        'figures',
      ]);
      expect(panels.map((panel) => text(panel.querySelector('.subheading')))).to.deep.equal(
        expected.panels,
      );
      const checksPanel = text(shadow.querySelector('[part="checks"]'));
      expect(checksPanel).to.match(expected.figure);
      expect(checksPanel).to.match(expected.count);

      const headers = [...shadow.querySelectorAll('thead th')].map((th) => text(th));
      expect(headers[2]).to.equal(expected.column);
      const rows = [...shadow.querySelectorAll('tbody tr')];
      for (const row of rows) expect(row.querySelectorAll('td').length).to.equal(4);
      const measuredCells = rows.map((row) => text(row.querySelectorAll('td')[1]));
      // The day the checks began says so; days without checks have no figure, not 0 %.
      expect(measuredCells.filter((cell) => expected.began.test(cell))).to.have.length(1);
      expect(measuredCells.filter((cell) => /%/.test(cell))).to.have.length(2);
      expect(measuredCells.at(-1)).to.not.match(/\d/);
      await expectNoAxeViolations(main, `availability with checks, ${lang}`);
    });

    it(`in ${lang}: a service without a probe has a sentence, not a figure`, async () => {
      const main = mount(
        `<status-availability feed="${feed.url}" service="eid"></status-availability>`,
        lang,
      );
      const element = main.querySelector('status-availability');
      const shadow = await shown(element);
      const panel = shadow.querySelector('[part="checks"]');
      expect(text(panel?.querySelector('p'))).to.equal(EXPECTED[lang].noProbe);
      expect(text(panel)).to.not.match(/\d\s?%/);
      expect(shadow.querySelectorAll('thead th').length).to.equal(4);
      await expectNoAxeViolations(main, `availability without a probe, ${lang}`);
    });

    it(`in ${lang}: a probe that has not checked yet says so, and no day has a figure`, async () => {
      const main = mount(
        `<status-availability feed="${feed.url}" service="login"></status-availability>`,
        lang,
      );
      const element = main.querySelector('status-availability');
      const shadow = await shown(element);
      expect(text(shadow.querySelector('[part="checks"] p'))).to.equal(EXPECTED[lang].none);
      const cells = [...shadow.querySelectorAll('tbody tr')].map((row) =>
        text(row.querySelectorAll('td')[1]),
      );
      expect(cells.length).to.equal(90);
      expect(new Set(cells)).to.deep.equal(new Set([EXPECTED[lang].noChecks]));
      await expectNoAxeViolations(main, `availability before the first check, ${lang}`);
    });
  }
});

describe('<status-availability> on the day measuring began', function () {
  this.timeout(30_000);
  let feed: TestFeed;

  before(async () => {
    feed = await startFeed();
    // Down since moments after the feed started: today is observed for minutes only.
    await feed.admin('POST', '/incidents', {
      services: ['tax-return'],
      impact: 'critical',
      title: { en: 'Returns cannot be sent' },
      message: { en: 'We are working on it.' },
    });
  });
  after(async () => {
    await feed.dispose();
  });
  afterEach(cleanUp);

  it('labels the figure as covering the time since measuring began, and draws no low bar', async () => {
    const main = mount(
      `<status-availability feed="${feed.url}" service="tax-return"></status-availability>`,
    );
    const element = main.querySelector('status-availability');
    const shadow = await shown(element);
    const today = shadow.querySelector('tbody tr');
    expect(text(today?.querySelector('td'))).to.match(
      /^\d+(\.\d+)?% from \d\d:\d\d( \(.+\))?, when measuring began$/,
    );
    const bars = [...shadow.querySelectorAll('[part="chart"] rect')];
    const last = bars.at(-1);
    expect(last?.classList.contains('partial')).to.equal(true);
    expect(last?.getAttribute('height')).to.equal('100');
    expect(bars.slice(0, -1).every((bar) => bar.classList.contains('no-data'))).to.equal(true);
    expect(shadowText(element)).to.match(/Measuring began today\. Earlier days have no figures\./);
    await expectNoAxeViolations(main, 'availability on the first day');
  });
});
