import { expect } from 'chai';
import '../../src/define-all.js';
import { services } from '../catalogue.js';
import { cleanUp, mount, shadowText, startFeed, waitFor } from './helpers.js';
import type { TestFeed } from './helpers.js';

/** Finnish names as long as real ones get: compound words that cannot break at a space. */
const LONG_FINNISH: Readonly<Record<string, string>> = {
  eid: 'Kansallinen tunnistautumispalvelukokonaisuus',
  login: 'Vahvansähköisentunnistautumisenvälityspalvelu',
  'digital-post': 'Suomi.fi-viestit ja sähköisen asioinnin tiedoksiantopalvelu',
};

/** The first line box of an element's text (a Range over its contents). */
function firstLine(element: Element): DOMRect {
  const range = document.createRange();
  range.selectNodeContents(element);
  const line = range.getClientRects()[0];
  if (!line) throw new Error('no line box');
  return line;
}

describe('<status-dependencies> layout', function () {
  this.timeout(30_000);
  let feed: TestFeed;

  beforeEach(async () => {
    feed = await startFeed((config) => ({
      ...config,
      services: services.map(({ status: _status, ...service }) => ({
        ...service,
        name: { ...service.name, fi: LONG_FINNISH[service.id] ?? service.name['fi'] ?? '' },
      })),
    }));
  });
  afterEach(async () => {
    cleanUp();
    await feed.dispose();
  });

  for (const width of [320, 480]) {
    it(`keeps each status icon on the first line of a long Finnish name at ${width} px`, async () => {
      const main = mount(
        `<div style="inline-size: ${width}px"><status-dependencies feed="${feed.url}" service="tax-return"></status-dependencies></div>`,
        'fi',
      );
      const element = main.querySelector('status-dependencies');
      await waitFor(
        () => (element?.shadowRoot?.querySelectorAll('li').length ?? 0) === 3,
        () => shadowText(element),
      );
      const rows = [...(element?.shadowRoot?.querySelectorAll('li .row') ?? [])];
      expect(rows.length).to.equal(3);
      for (const row of rows) {
        const icon = row.querySelector('.icon')?.getBoundingClientRect();
        const name = row.querySelector('.name');
        if (!icon || !name) throw new Error('no icon or name');
        const line = firstLine(name);
        const label = name.textContent.trim();
        // Same line: the name's first line box overlaps the icon vertically, right of it.
        expect(line.top, `${label}: first line starts above the icon's bottom`).to.be.below(
          icon.bottom,
        );
        expect(line.bottom, `${label}: first line ends below the icon's top`).to.be.above(icon.top);
        expect(line.left, `${label}: name right of the icon`).to.be.at.least(icon.right);
        // Nothing sticks out of the element (the long word wraps instead).
        const host = element?.getBoundingClientRect();
        expect(row.getBoundingClientRect().right).to.be.at.most((host?.right ?? 0) + 0.5);
      }
    });
  }
});
