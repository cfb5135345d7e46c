/**
 * `<status-availability>` links each outage that is over to its signed record, in the reader's
 * language, and the link passes axe; the record page it points to is served by the real feed.
 */
import { expect } from 'chai';
import '../../src/define-all.js';
import {
  cleanUp,
  expectNoAxeViolations,
  mount,
  shadowText,
  startFeed,
  waitFor,
} from './helpers.js';
import type { TestFeed } from './helpers.js';

const LINK_TEXT = {
  en: 'Get a record of this outage',
  da: 'Hent dokumentation for denne driftsforstyrrelse',
  sv: 'Hämta ett intyg om det här avbrottet',
} as const;

describe('<status-availability> links to outage records', function () {
  this.timeout(30_000);
  let feed: TestFeed;
  let resolved: string;

  before(async () => {
    feed = await startFeed();
    const title = { da: 'Fejl ved indsendelse', en: 'Problems sending returns' };
    const opened = await feed.admin('POST', '/incidents', {
      services: ['tax-return'],
      impact: 'major',
      title,
      message: { da: 'Vi arbejder på det.', en: 'We are working on it.' },
    });
    resolved = (opened['incident'] as { id: string }).id;
    // `services` also picks the owner's token in the helper.
    await feed.admin('POST', `/incidents/${resolved}/updates`, {
      services: ['tax-return'],
      state: 'resolved',
      message: { da: 'Løst.', en: 'Resolved.' },
    });
    // Still open: no record link for it.
    await feed.admin('POST', '/incidents', {
      services: ['tax-return'],
      impact: 'minor',
      title: { da: 'Langsom side', en: 'Slow page' },
      message: { da: 'Vi undersøger det.', en: 'We are looking into it.' },
    });
  });
  after(async () => {
    await feed.dispose();
  });
  afterEach(cleanUp);

  for (const lang of ['en', 'da', 'sv'] as const) {
    it(`in ${lang}: one link per finished outage, to its record page, passing axe`, async () => {
      const main = mount(
        `<status-availability feed="${feed.url}" service="tax-return"></status-availability>`,
        lang,
      );
      const element = main.querySelector('status-availability');
      await waitFor(
        () => element?.shadowRoot?.querySelector('[part="record-link"]') != null,
        () => `record link shown: ${shadowText(element)}`,
      );
      const shadow = element?.shadowRoot;
      shadow?.querySelector<HTMLButtonElement>('[part="table-button"]')?.click();
      await (element as { updateComplete?: Promise<unknown> } | null)?.updateComplete;
      const links = [
        ...(shadow?.querySelectorAll<HTMLAnchorElement>('[part="record-link"]') ?? []),
      ];
      expect(links.map((link) => link.textContent.trim())).to.deep.equal([LINK_TEXT[lang]]);
      const href = links[0]?.getAttribute('href') ?? '';
      expect(href).to.equal(`${feed.url}/records/${resolved}?format=html&lang=${lang}`);
      // Swedish has no title here: the feed's default language (Danish) stands in.
      expect(links[0]?.closest('li')?.textContent).to.include(
        lang === 'en' ? 'Problems sending returns' : 'Fejl ved indsendelse',
      );

      const page = await fetch(href);
      expect(page.status).to.equal(200);
      expect(page.headers.get('content-type')).to.equal('text/html; charset=utf-8');

      await expectNoAxeViolations(main, `availability record link, ${lang}`);
    });
  }
});
