import { expect } from 'chai';
import '../../src/define-all.js';
import {
  arrange,
  cleanUp,
  mount,
  shadowText,
  startFeed,
  viewConfirmed,
  waitFor,
} from './helpers.js';
import type { TestFeed } from './helpers.js';

describe('<status-alternatives>', function () {
  this.timeout(30_000);
  let feed: TestFeed;

  beforeEach(async () => {
    feed = await startFeed();
  });
  afterEach(async () => {
    cleanUp();
    await feed.dispose();
  });

  it('shows nothing while all is well in mode "auto", and always in mode "always"', async () => {
    const main = mount(
      `<status-alternatives feed="${feed.url}" service="tax-return"></status-alternatives>
       <status-alternatives feed="${feed.url}" service="tax-return" mode="always" heading-level="3"></status-alternatives>`,
    );
    await viewConfirmed(feed.url, 'tax-return', 'en');
    const [auto, always] = [...main.querySelectorAll('status-alternatives')];
    await waitFor(() => always?.shadowRoot?.querySelector('section') != null, 'always shown');
    await auto?.updateComplete;
    expect(auto?.shadowRoot?.querySelector('section')).to.equal(null);
    expect(always?.shadowRoot?.querySelector('h3')?.textContent).to.equal(
      'What you can do instead',
    );
  });

  it('lists phone (tel: link, hours), in person, paper, then deadline, in the model order', async () => {
    await arrange(feed, 'maintenance-upcoming');
    const main = mount(
      `<status-alternatives feed="${feed.url}" service="tax-return"></status-alternatives>`,
    );
    const element = main.querySelector('status-alternatives');
    await waitFor(() => element?.shadowRoot?.querySelector('section') != null, 'shown');
    const kinds = [...(element?.shadowRoot?.querySelectorAll('[part="kind"]') ?? [])].map(
      (node) => node.textContent,
    );
    expect(kinds).to.deep.equal(['Phone', 'In person', 'Paper form', 'More time']);
    const phone = element?.shadowRoot?.querySelector<HTMLAnchorElement>('a[href^="tel:"]');
    expect(phone?.getAttribute('href')).to.equal('tel:+4572222828');
    expect(shadowText(element)).to.include('Opening hours: Mon–Fri 9.00–16.00');
    expect(element?.shadowRoot?.querySelector('ul')?.children.length).to.equal(4);
  });
});

describe('<status-maintenance>', function () {
  this.timeout(30_000);
  let feed: TestFeed;

  beforeEach(async () => {
    feed = await startFeed();
  });
  afterEach(async () => {
    cleanUp();
    await feed.dispose();
  });

  it('shows the window in local style with relative time and a calendar link in the language', async () => {
    await feed.admin('POST', '/maintenance', {
      services: ['eid'],
      title: { da: 'Opdatering af MitID', en: 'MitID update' },
      message: { da: 'Ny version.', en: 'New version.' },
      scheduledStart: '2036-03-15T22:00:00+01:00',
      scheduledEnd: '2036-03-16T02:00:00+01:00',
    });
    const main = mount(
      `<status-maintenance feed="${feed.url}" service="tax-return"></status-maintenance>`,
      'da',
    );
    const element = main.querySelector('status-maintenance');
    await waitFor(() => element?.shadowRoot?.querySelector('section') != null, 'shown');
    const time = element?.shadowRoot?.querySelector('time');
    // Over midnight the end's day is named (issue #15, item 6).
    expect(time?.textContent).to.match(
      /^Lørdag (den )?15\. marts 2036 kl\. 22\.00 – søndag (den )?16\. marts 2036 kl\. 02\.00/,
    );
    expect(time?.getAttribute('datetime')).to.equal('2036-03-15T21:00:00.000Z');
    expect(shadowText(element), shadowText(element)).to.match(/om \d+ år/);
    expect(shadowText(element)).to.include('Berører Selvangivelse, som bruger MitID.');
    const link = element?.shadowRoot?.querySelector<HTMLAnchorElement>('[part="actions"] a');
    expect(link?.getAttribute('href')).to.equal(
      `${feed.url}/maintenance.ics?services=tax-return&lang=da`,
    );
    const calendar = await fetch(link?.href ?? '');
    expect(calendar.headers.get('content-type')).to.match(/^text\/calendar/);
    expect(await calendar.text()).to.include('SUMMARY:Opdatering af MitID');
  });

  it('shows work started early from its actual start, not the announced one', async () => {
    const minute = (offset: number): string =>
      new Date(Math.floor(Date.now() / 60_000) * 60_000 + offset * 60_000).toISOString();
    const created = await feed.admin('POST', '/maintenance', {
      services: ['eid'],
      title: { en: 'MitID update' },
      message: { en: 'New version.' },
      scheduledStart: minute(120),
      scheduledEnd: minute(240),
    });
    const { id } = created['maintenance'] as { id: string };
    await feed.admin('PATCH', `/maintenance/${id}`, {
      state: 'in_progress',
      actualStart: minute(-10),
    });
    const main = mount(
      `<status-maintenance feed="${feed.url}" service="tax-return"></status-maintenance>`,
    );
    const element = main.querySelector('status-maintenance');
    await waitFor(() => shadowText(element).includes('Going on now'), 'in progress');
    const time = element?.shadowRoot?.querySelector('time');
    expect(time?.getAttribute('datetime')).to.equal(minute(-10));
  });

  it('shows nothing when no maintenance is planned', async () => {
    const main = mount(
      `<status-maintenance feed="${feed.url}" service="tax-return"></status-maintenance>`,
    );
    await viewConfirmed(feed.url, 'tax-return', 'en');
    const element = main.querySelector('status-maintenance');
    await element?.updateComplete;
    expect(element?.shadowRoot?.querySelector('section')).to.equal(null);
  });
});
