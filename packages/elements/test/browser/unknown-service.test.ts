/**
 * A mistyped `service` (or `data-service`): the developer is told once in the console, naming the
 * id and the closest known ids; citizens see nothing (no "status unknown" claim while the feed is
 * reachable), and the page's other elements keep working.
 */
import { expect } from 'chai';
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
import type { TestFeed } from './helpers.js';

const MISTYPED = [
  'status-banner',
  'status-dependencies',
  'status-alternatives',
  'status-maintenance',
  'status-availability',
] as const;

/** The feed's documented answer to `?services=` naming an id it does not know. */
const NOT_FOUND_BODY = JSON.stringify({
  error: 'services: unknown service "tax-retrun" (did you mean "tax-return"?)',
  errors: [
    { path: 'services', message: 'unknown service "tax-retrun" (did you mean "tax-return"?)' },
  ],
});

describe('a mistyped service id', function () {
  this.timeout(30_000);
  let feed: TestFeed;
  let warnings: string[];
  const originalWarn = console.warn;
  const originalFetch = globalThis.fetch;

  beforeEach(async () => {
    feed = await startFeed();
    await arrange(feed, 'incident-direct');
    warnings = [];
    console.warn = (...args: unknown[]) => {
      warnings.push(args.map(String).join(' '));
    };
  });
  afterEach(async () => {
    console.warn = originalWarn;
    globalThis.fetch = originalFetch;
    cleanUp();
    await feed.dispose();
  });

  /** The page: each element for the mistyped id, and a dependencies element for the right one. */
  async function mistypedPage(): Promise<HTMLElement> {
    const main = mount(
      `${MISTYPED.map((tag) => `<${tag} feed="${feed.url}" service="tax-retrun"></${tag}>`).join('')}
      <status-dependencies id="right" feed="${feed.url}" service="tax-return"></status-dependencies>`,
    );
    const right = main.querySelector('#right');
    await waitFor(
      () => (right?.shadowRoot?.querySelectorAll('li').length ?? 0) === 3,
      () => shadowText(right),
    );
    await waitFor(
      () => MISTYPED.every((tag) => shadowText(main.querySelector(tag)) === ''),
      () => MISTYPED.map((tag) => `${tag}: "${shadowText(main.querySelector(tag))}"`).join('; '),
    );
    return main;
  }

  async function expectQuiet(main: HTMLElement): Promise<void> {
    for (const tag of MISTYPED) {
      const element = main.querySelector(tag);
      expect(shadowText(element), tag).to.equal('');
      expect(element?.getBoundingClientRect().height, `${tag} takes no space`).to.equal(0);
    }
    expect(main.textContent).not.to.match(/unknown|cannot reach/i);
    for (const tag of MISTYPED)
      expect(shadowText(main.querySelector(tag))).not.to.match(/unknown/i);
    await expectNoAxeViolations(main, 'mistyped service');
  }

  function expectOneWarning(): void {
    const ours = warnings.filter((text) => text.startsWith('[statuskit]'));
    expect(ours, warnings.join('\n')).to.have.length(1);
    expect(ours[0]).to.contain('"tax-retrun"');
    expect(ours[0]).to.contain('did you mean "tax-return"?');
  }

  it('warns once naming the closest id, and shows citizens nothing, when the document lacks it', async () => {
    const main = await mistypedPage();
    expect(shadowText(main.querySelector('#right'))).to.include('shared services');
    await expectQuiet(main);
    expectOneWarning();
  });

  it("does the same when the feed answers 404 for the id, and the page's other elements still get data", async () => {
    // The feed's answer to an unknown id in `?view=` or `?services=` (packages/feed/README.md);
    // everything else goes to the real feed.
    let refused = 0;
    globalThis.fetch = (input, init) => {
      const url = new URL(input instanceof Request ? input.url : String(input));
      const ids = url.searchParams.get('services')?.split(',') ?? [];
      if (ids.includes('tax-retrun') || url.searchParams.get('view') === 'tax-retrun') {
        refused += 1;
        return Promise.resolve(
          new Response(NOT_FOUND_BODY, {
            status: 404,
            headers: { 'content-type': 'application/json' },
          }),
        );
      }
      return originalFetch(input, init);
    };
    const main = await mistypedPage();
    expect(refused).to.equal(1);
    await expectQuiet(main);
    expectOneWarning();
  });
});
