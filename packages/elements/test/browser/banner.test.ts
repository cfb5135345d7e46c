import { expect } from 'chai';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/define-all.js';
import type { StatusBanner } from '../../src/banner/banner.js';
import {
  announcerText,
  arrange,
  cleanUp,
  fromNow,
  mount,
  shadowText,
  sleep,
  startFeed,
  viewConfirmed,
  waitFor,
} from './helpers.js';
import type { TestFeed } from './helpers.js';

function banner(main: HTMLElement): StatusBanner {
  const element = main.querySelector('status-banner');
  if (!element) throw new Error('no banner');
  return element;
}

function section(element: StatusBanner): HTMLElement | null {
  return element.shadowRoot?.querySelector('section') ?? null;
}

describe('<status-banner>', function () {
  this.timeout(30_000);
  let feed: TestFeed;

  beforeEach(async () => {
    feed = await startFeed();
  });
  afterEach(async () => {
    cleanUp();
    await feed.dispose();
  });

  it('hides a minor notice by keyboard, remembers it, and shows it again when it changes', async () => {
    const created = await feed.admin('POST', '/incidents', {
      services: ['digital-post'],
      impact: 'minor',
      title: { en: 'Digital Post is slow' },
      message: { en: 'Letters arrive late.' },
    });
    const id = (created['incident'] as { id: string }).id;
    const main = mount(`<status-banner feed="${feed.url}" service="tax-return"></status-banner>`);
    const element = banner(main);
    await waitFor(() => section(element) != null, 'banner shown');
    const close = element.shadowRoot?.querySelector<HTMLButtonElement>('[part="close-button"]');
    if (!close) throw new Error('no close button');
    expect(close.getAttribute('aria-label')).to.equal('Hide this message');
    const box = close.getBoundingClientRect();
    expect(box.width, 'WCAG 2.5.8 target width').to.be.at.least(24);
    expect(box.height, 'WCAG 2.5.8 target height').to.be.at.least(24);

    const events: CustomEvent[] = [];
    document.addEventListener('statuskit-dismiss', (event) => events.push(event as CustomEvent), {
      once: true,
    });
    close.focus();
    await sendKeys({ press: 'Enter' });
    await waitFor(() => section(element) == null, 'banner hidden');
    expect(events.length).to.equal(1);
    expect(events[0]?.bubbles && events[0].composed && events[0].cancelable).to.equal(true);
    expect(localStorage.getItem('statuskit:dismissed')).to.include(`${feed.url} incident:${id}`);

    // A new page view: still hidden.
    element.remove();
    main.insertAdjacentHTML(
      'beforeend',
      `<status-banner feed="${feed.url}" service="tax-return"></status-banner>`,
    );
    const again = banner(main);
    await again.updateComplete;
    await sleep(300);
    await again.updateComplete;
    expect(section(again)).to.equal(null);

    // The notice changes: it comes back.
    await feed.admin('POST', `/incidents/${id}/updates`, {
      state: 'identified',
      message: { en: 'We found the cause.' },
    });
    await waitFor(
      () => shadowText(again).includes('We found the cause.'),
      () => shadowText(again),
    );
  });

  it('keeps the notice when the page cancels statuskit-dismiss', async () => {
    await arrange(feed, 'maintenance-upcoming');
    const main = mount(`<status-banner feed="${feed.url}" service="tax-return"></status-banner>`);
    const element = banner(main);
    await waitFor(() => section(element) != null, 'banner shown');
    main.addEventListener('statuskit-dismiss', (event) => {
      event.preventDefault();
    });
    element.shadowRoot?.querySelector<HTMLButtonElement>('[part="close-button"]')?.click();
    await element.updateComplete;
    expect(section(element)).not.to.equal(null);
    expect(localStorage.getItem('statuskit:dismissed') ?? '').not.to.include(feed.url);
  });

  it('offers no close button for an outage, takes no focus and is not an alert', async () => {
    await arrange(feed, 'incident-dependency');
    const before = document.activeElement;
    const main = mount(`<status-banner feed="${feed.url}" service="tax-return"></status-banner>`);
    const element = banner(main);
    await waitFor(() => section(element) != null, 'banner shown');
    expect(element.shadowRoot?.querySelector('[part="close-button"]')).to.equal(null);
    expect(element.shadowRoot?.querySelector('[role="alert"], [aria-live]')).to.equal(null);
    expect(document.activeElement).to.equal(before);
    // In normal page flow, never fixed or sticky (WCAG 2.4.11).
    expect(getComputedStyle(section(element) as HTMLElement).position).to.equal('static');
    expect(getComputedStyle(element).position).to.equal('static');
  });

  it('announces changes after load through one light-DOM region: polite, then assertive when blocked', async () => {
    const main = mount(`<status-banner feed="${feed.url}" service="tax-return"></status-banner>`);
    await viewConfirmed(feed.url, 'tax-return', 'en');
    const element = banner(main);
    await element.updateComplete;
    expect(document.querySelectorAll('[data-statuskit-announcer]').length).to.equal(1);
    const before = document.activeElement;

    // Two changes in quick succession are read together, once.
    await feed.admin('POST', '/incidents', {
      services: ['digital-post'],
      impact: 'minor',
      title: { en: 'Digital Post is slow' },
      message: { en: 'Letters arrive late.' },
    });
    await feed.admin('POST', '/maintenance', {
      services: ['eid'],
      title: { en: 'MitID update' },
      message: { en: 'New version.' },
      scheduledStart: fromNow(3 * 24 * 60),
      scheduledEnd: fromNow(3 * 24 * 60 + 60),
    });
    await waitFor(() => announcerText('polite') !== '', 'polite announcement');
    const polite = announcerText('polite');
    expect(polite).to.include('Disruption: Digital Post is slow.');
    expect(polite).to.include('Planned maintenance: MitID update.');
    expect(announcerText('assertive')).to.equal('');

    await feed.admin('POST', '/incidents', {
      services: ['eid'],
      impact: 'critical',
      title: { en: 'MitID is down' },
      message: { en: 'Nobody can log in.' },
    });
    await waitFor(() => announcerText('assertive') !== '', 'assertive announcement');
    expect(announcerText('assertive')).to.equal(
      'Outage: MitID is down. You may not be able to use Tax return because MitID is down. Tax return uses MitID through Login.',
    );
    expect(announcerText('polite')).to.equal('');
    expect(document.activeElement).to.equal(before);
    // The region is plain text in the light DOM, outside every shadow root.
    const region = document.querySelector('[data-statuskit-announcer]');
    expect(region?.parentElement).to.equal(document.body);
    expect(region?.querySelectorAll('*').length).to.equal(2);
  });

  it('says nothing about what was already there at load', async () => {
    await arrange(feed, 'incident-dependency');
    const main = mount(`<status-banner feed="${feed.url}" service="tax-return"></status-banner>`);
    const element = banner(main);
    await waitFor(() => section(element) != null, 'banner shown');
    await sleep(1_500);
    expect(announcerText()).to.equal('');
  });

  it('warns while the user is on the page that planned work is about to start', async () => {
    await feed.admin('POST', '/maintenance', {
      services: ['eid'],
      title: { en: 'MitID update' },
      message: { en: 'New version.' },
      scheduledStart: new Date(Date.now() + 60_000 + 3_000).toISOString(),
      scheduledEnd: fromNow(60),
      keepsWork: false,
    });
    const main = mount(
      `<status-banner feed="${feed.url}" service="tax-return" warn-before="1"></status-banner>`,
    );
    const element = banner(main);
    await waitFor(
      () => shadowText(element).includes('Planned maintenance:'),
      () => shadowText(element),
    );
    await waitFor(
      () => shadowText(element).includes('Starting soon: MitID update'),
      () => shadowText(element),
      12_000,
    );
    expect(shadowText(element)).to.include('It starts in 1 minute');
    expect(shadowText(element)).to.include('Answers you have not sent will be lost.');
    await waitFor(() => announcerText().includes('Starting soon'), 'announcement');
    expect(announcerText()).to.include('Answers you have not sent will be lost.');
  });

  it('links to <status-alternatives> on the page, giving it an id, or to alternatives-href', async () => {
    await arrange(feed, 'incident-dependency');
    const main = mount(
      `<status-banner feed="${feed.url}" service="tax-return"></status-banner>
       <status-alternatives feed="${feed.url}" service="tax-return"></status-alternatives>`,
    );
    const element = banner(main);
    await waitFor(() => section(element) != null, 'banner shown');
    await element.updateComplete;
    const link = element.shadowRoot?.querySelector<HTMLAnchorElement>('[part="actions"] a');
    expect(link?.getAttribute('href')).to.equal('#statuskit-alternatives');
    expect(main.querySelector('status-alternatives')?.id).to.equal('statuskit-alternatives');

    element.alternativesHref = 'javascript:alert(1)';
    await element.updateComplete;
    expect(link?.getAttribute('href')).to.equal('#statuskit-alternatives');
    element.alternativesHref = '/help/other-ways';
    await element.updateComplete;
    expect(element.shadowRoot?.querySelector('[part="actions"] a')?.getAttribute('href')).to.equal(
      `${location.origin}/help/other-ways`,
    );
  });

  it('uses the heading level it is given and fires statuskit-change', async () => {
    await arrange(feed, 'incident-direct');
    const changes: CustomEvent[] = [];
    document.addEventListener('statuskit-change', (event) => changes.push(event as CustomEvent));
    const main = mount(
      `<status-banner feed="${feed.url}" service="tax-return" heading-level="3"></status-banner>`,
    );
    const element = banner(main);
    await waitFor(() => section(element) != null, 'banner shown');
    expect(element.shadowRoot?.querySelector('h3#heading')?.textContent).to.include(
      'Tax return may not work as usual',
    );
    await waitFor(() => changes.length > 0, 'statuskit-change');
    expect((changes[0]?.detail as { notices: unknown[] }).notices.length).to.equal(1);
  });
});

describe('languages', function () {
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

  it("takes the element's lang over the page's, and marks feed text in another language", async () => {
    const main = mount(
      `<status-banner feed="${feed.url}" service="tax-return" lang="fi"></status-banner>`,
      'en',
    );
    const element = banner(main);
    await waitFor(
      () => shadowText(element).includes('Veroilmoitus ei toimi juuri nyt'),
      () => shadowText(element),
    );
    expect(section(element)?.getAttribute('lang')).to.equal('fi');
    // The incident's message exists in Danish and English only: shown in Danish, marked as such.
    const marked = [...(element.shadowRoot?.querySelectorAll('[lang="da"]') ?? [])].map(
      (node) => node.textContent,
    );
    expect(marked).to.include('Ingen kan logge ind lige nu.');
  });

  it('falls back safely for a language without translations or date data (Sámi)', async () => {
    const main = mount(
      `<status-banner feed="${feed.url}" service="tax-return"></status-banner>`,
      'smn',
    );
    const element = banner(main);
    await waitFor(() => section(element) != null, 'banner shown');
    // English strings, marked as English inside the Inari Sámi page.
    expect(section(element)?.getAttribute('lang')).to.equal('en');
    expect(shadowText(element)).to.include('Tax return is not working right now');
  });

  it('picks up a language added with addLanguage at once', async () => {
    const { addLanguage } = await import('../../src/language/translator.js');
    const main = mount(
      `<status-banner feed="${feed.url}" service="tax-return"></status-banner>`,
      'se',
    );
    const element = banner(main);
    await waitFor(() => section(element) != null, 'banner shown');
    addLanguage('se', {
      banner: { heading: { outage: '{{service}} ii doaimma dál' } },
    });
    await waitFor(
      () => shadowText(element).includes('ii doaimma dál'),
      () => shadowText(element),
    );
    expect(section(element)?.getAttribute('lang')).to.equal('se');
  });
});
