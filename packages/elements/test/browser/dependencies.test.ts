import { expect } from 'chai';
import '../../src/define-all.js';
import type { StatusDependencies } from '../../src/dependencies/dependencies.js';
import {
  announcerText,
  cleanUp,
  mount,
  shadowText,
  sleep,
  startFeed,
  viewConfirmed,
  waitFor,
} from './helpers.js';
import type { TestFeed } from './helpers.js';

function dependencies(main: HTMLElement): StatusDependencies {
  const element = main.querySelector('status-dependencies');
  if (!element) throw new Error('no element');
  return element;
}

async function loaded(element: StatusDependencies): Promise<void> {
  await waitFor(
    () => (element.shadowRoot?.querySelectorAll('li').length ?? 0) === 3,
    () => shadowText(element),
  );
}

describe('<status-dependencies>', function () {
  this.timeout(30_000);
  let feed: TestFeed;

  beforeEach(async () => {
    feed = await startFeed();
  });
  afterEach(async () => {
    cleanUp();
    await feed.dispose();
  });

  it('is a real list with a disclosure per service (aria-expanded, aria-controls)', async () => {
    const main = mount(
      `<status-dependencies feed="${feed.url}" service="tax-return"></status-dependencies>`,
    );
    const element = dependencies(main);
    await loaded(element);
    const root = element.shadowRoot;
    if (!root) throw new Error('no shadow root');
    expect(root.querySelectorAll('ul > li').length).to.equal(3);
    const button = root.querySelector<HTMLButtonElement>('[part="details-button"]');
    const panel = root.getElementById(button?.getAttribute('aria-controls') ?? '');
    expect(button?.getAttribute('aria-expanded')).to.equal('false');
    expect(panel?.hidden).to.equal(true);
    button?.click();
    await element.updateComplete;
    expect(button?.getAttribute('aria-expanded')).to.equal('true');
    expect(panel?.hidden).to.equal(false);
    expect(panel?.textContent).to.include('Tax return cannot work without it.');
    expect(shadowText(element)).to.include('All 3 shared services are working');
  });

  it('can pause live updates: keeps the last state, says so, and catches up on resume', async () => {
    const main = mount(
      `<status-dependencies feed="${feed.url}" service="tax-return"></status-dependencies>`,
    );
    const element = dependencies(main);
    await loaded(element);
    const pause = element.shadowRoot?.querySelector<HTMLButtonElement>('[part="pause-button"]');
    expect(pause?.textContent.trim()).to.equal('Pause live updates');
    expect(pause?.getAttribute('aria-pressed')).to.equal('false');
    pause?.click();
    await element.updateComplete;
    expect(pause?.getAttribute('aria-pressed')).to.equal('true');
    expect(element.paused).to.equal(true);
    expect(shadowText(element)).to.include('Live updates are paused.');

    await feed.admin('POST', '/incidents', {
      services: ['eid'],
      impact: 'critical',
      title: { en: 'MitID is down' },
      message: { en: 'Nobody can log in.' },
    });
    await sleep(1_500);
    expect(shadowText(element)).to.include('All 3 shared services are working');
    expect(announcerText()).to.equal('');

    pause?.click();
    await waitFor(
      () => shadowText(element).includes('2 of 3 shared services have problems'),
      () => shadowText(element),
    );
    expect(shadowText(element)).to.include('Affecting you now');
  });

  it('announces a change after load politely, once', async () => {
    const main = mount(
      `<status-dependencies feed="${feed.url}" service="tax-return"></status-dependencies>`,
    );
    const element = dependencies(main);
    await loaded(element);
    await viewConfirmed(feed.url, 'tax-return', 'en');
    await feed.admin('PUT', '/services/digital-post/status', { status: 'partial_outage' });
    await waitFor(() => announcerText('polite') !== '', 'announcement');
    expect(announcerText('polite')).to.equal('Digital Post: Partly down.');
    expect(announcerText('assertive')).to.equal('');
  });

  it('shows the source link only for https', async () => {
    const main = mount(
      `<status-dependencies feed="${feed.url}" service="tax-return"></status-dependencies>`,
    );
    const element = dependencies(main);
    await loaded(element);
    const links = [...(element.shadowRoot?.querySelectorAll('a') ?? [])];
    expect(links.map((link) => link.getAttribute('href'))).to.deep.equal([
      'https://www.mitid.dk/drift',
    ]);
  });
});
