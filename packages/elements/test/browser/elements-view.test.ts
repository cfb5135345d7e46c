/**
 * `<status-dependencies>`, `<status-alternatives>` and `<status-maintenance>` rendering a service
 * view handed to them (`.view`), as the feed derives and words it: what they show in Danish and
 * English with axe, announcements and pause from successive views, and that a view set connects
 * to nothing.
 */
import { expect } from 'chai';
import type { ServiceView } from '@statuskit/model';
import '../../src/define-all.js';
import type { StatusDependencies } from '../../src/dependencies/dependencies.js';
import { bannerView, quietView } from '../views.js';
import {
  announcerText,
  cleanUp,
  expectNoAxeViolations,
  mount,
  shadowText,
  waitFor,
} from './helpers.js';

const HOUR = 3_600_000;

/** The banner's outage view, with what the other elements list: windows and planned alternatives. */
function fullView(lang: 'da' | 'en', now = Date.now()): ServiceView {
  const view = bannerView('outage', lang, now);
  return {
    ...view,
    dependencies: [
      ...view.dependencies,
      {
        id: 'digital-post',
        name: { text: 'Digital Post' },
        status: 'operational',
        optional: true,
        via: [],
      },
    ],
    alternativesWithPlanned: [
      ...view.alternatives,
      {
        kind: 'deadline',
        label: {
          text: lang === 'da' ? 'Fristen forlænges med en dag' : 'The deadline moves one day',
        },
      },
    ],
    maintenance: [
      {
        id: 'eid-update',
        phase: 'upcoming',
        chain: [
          { id: 'tax-return', name: { text: lang === 'da' ? 'Selvangivelse' : 'Tax return' } },
          { id: 'login', name: { text: lang === 'da' ? 'Log ind' : 'Login' } },
          { id: 'eid', name: { text: 'MitID' } },
        ],
        optional: false,
        start: new Date(now + 30 * 24 * HOUR).toISOString(),
        end: new Date(now + 30 * 24 * HOUR + 4 * HOUR).toISOString(),
        title: { text: lang === 'da' ? 'Opdatering af MitID' : 'MitID update' },
        message:
          lang === 'da'
            ? { text: 'MitID får en ny version.' }
            : { text: 'MitID får en ny version.', lang: 'da' },
        keepsWork: false,
      },
    ],
  };
}

const SHOWS = {
  da: {
    dependencies: ['Tjenester, som Selvangivelse afhænger af', 'MitID'],
    alternatives: ['Ring til Skattestyrelsen', 'Fristen forlænges med en dag'],
    maintenance: ['Opdatering af MitID', 'Berører Selvangivelse, som bruger MitID.'],
  },
  en: {
    dependencies: ['Services Tax return depends on', 'MitID'],
    alternatives: ['Call the Danish Tax Agency', 'The deadline moves one day'],
    maintenance: ['MitID update', 'Affects Tax return, which uses MitID.'],
  },
} as const;

type Tag = 'dependencies' | 'alternatives' | 'maintenance';
const TAGS: readonly Tag[] = ['dependencies', 'alternatives', 'maintenance'];

function page(view: ServiceView, lang: string): HTMLElement {
  // No feed anywhere: a view set is all these elements need.
  const main = mount(
    TAGS.map((tag) => `<status-${tag} service="tax-return"></status-${tag}>`).join(''),
    lang,
  );
  for (const tag of TAGS) Object.assign(main.querySelector(`status-${tag}`) ?? {}, { view });
  return main;
}

describe('the other elements from a service view', function () {
  this.timeout(30_000);
  afterEach(cleanUp);

  for (const lang of ['da', 'en'] as const) {
    it(`show the view's dependencies, alternatives and windows in ${lang}, and pass axe`, async () => {
      const main = page(fullView(lang), lang);
      for (const tag of TAGS) {
        const element = main.querySelector(`status-${tag}`);
        await waitFor(() => element?.shadowRoot?.querySelector('section') != null, tag);
        for (const text of SHOWS[lang][tag]) expect(shadowText(element), tag).to.include(text);
      }
      const kinds = [
        ...(main
          .querySelector('status-alternatives')
          ?.shadowRoot?.querySelectorAll('[part="kind"]') ?? []),
      ].length;
      expect(kinds).to.equal(2);
      // Without a feed there is no calendar to link to.
      expect(
        main.querySelector('status-maintenance')?.shadowRoot?.querySelector('[part="actions"]'),
      ).to.equal(null);
      const message = main
        .querySelector('status-maintenance')
        ?.shadowRoot?.querySelector('span[lang="da"]');
      expect(message?.textContent).to.equal(lang === 'da' ? undefined : 'MitID får en ny version.');
      await expectNoAxeViolations(main, `view ${lang}`);
    });

    it(`show nothing but the dependencies for a quiet view in ${lang}, and pass axe`, async () => {
      const main = page(quietView(lang), lang);
      const dependencies = main.querySelector('status-dependencies');
      await waitFor(() => dependencies?.shadowRoot?.querySelector('section') != null, 'rows');
      for (const tag of ['alternatives', 'maintenance'] as const) {
        const element = main.querySelector(`status-${tag}`);
        await element?.updateComplete;
        expect(element?.shadowRoot?.querySelector('section'), tag).to.equal(null);
      }
      await expectNoAxeViolations(main, `quiet view ${lang}`);
    });
  }

  it('announces a dependency whose status changed between two views, and holds while paused', async () => {
    const main = mount('<status-dependencies service="tax-return"></status-dependencies>');
    const element = main.querySelector<StatusDependencies>('status-dependencies');
    if (!element) throw new Error('no element');
    const first = fullView('en');
    element.view = first;
    await waitFor(
      () => shadowText(element).includes('1 of 2 shared services has problems'),
      () => shadowText(element),
    );
    expect(announcerText()).to.equal('');

    const postDown: ServiceView = {
      ...first,
      dependencies: first.dependencies.map((row) =>
        row.id === 'digital-post' ? { ...row, status: 'partial_outage' } : row,
      ),
    };
    element.paused = true;
    element.view = postDown;
    await element.updateComplete;
    expect(shadowText(element)).to.include('1 of 2 shared services has problems');
    expect(shadowText(element)).to.include('Live updates are paused.');

    element.paused = false;
    await waitFor(
      () => shadowText(element).includes('2 of 2 shared services have problems'),
      () => shadowText(element),
    );
    await waitFor(() => announcerText('polite') !== '', 'announcement');
    expect(announcerText('polite')).to.equal('Digital Post: Partly down.');
  });
});
