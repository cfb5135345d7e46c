import { expect } from 'chai';
import '../../src/define-all.js';
import { feedState } from '../../src/feed/feed-clients.js';
import { cleanUp, fromNow, mount, shadowText, startFeed, waitFor } from './helpers.js';
import type { TestFeed } from './helpers.js';

async function openStreams(feed: TestFeed, metric = 'statuskit_open_streams'): Promise<number> {
  const metrics = await (await fetch(`${new URL(feed.url).origin}/metrics`)).text();
  return Number(new RegExp(`^${metric} (\\d+)`, 'm').exec(metrics)?.[1] ?? 0);
}

async function streamsSettleAt(
  feed: TestFeed,
  count: number,
  metric = 'statuskit_open_streams',
): Promise<void> {
  const deadline = Date.now() + 10_000;
  while ((await openStreams(feed, metric)) !== count) {
    if (Date.now() > deadline) throw new Error(`${metric}: ${await openStreams(feed, metric)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('one client per feed', function () {
  this.timeout(30_000);
  let feed: TestFeed;

  beforeEach(async () => {
    feed = await startFeed();
  });
  afterEach(async () => {
    cleanUp();
    await feed.dispose();
  });

  it('serves elements for several services over one connection, widening the filter once when needed', async () => {
    await feed.admin('POST', '/maintenance', {
      services: ['tax-return'],
      title: { en: 'Returns closed for an update' },
      message: { en: 'New version.' },
      scheduledStart: fromNow(24 * 60),
      scheduledEnd: fromNow(24 * 60 + 60),
    });
    const main = mount(
      `<status-dependencies feed="${feed.url}" service="login"></status-dependencies>
       <status-maintenance feed="${feed.url}" service="digital-post"></status-maintenance>
       <status-alternatives feed="${feed.url}" service="eid"></status-alternatives>`,
    );
    await waitFor(() => feedState(feed.url)?.source === 'feed', 'first document');
    // Filtered to login, digital-post and eid (also login's dependency).
    const services = feedState(feed.url)
      ?.document?.services.map(({ id }) => id)
      .sort();
    expect(services).to.deep.equal(['digital-post', 'eid', 'login']);
    await streamsSettleAt(feed, 1);

    main.insertAdjacentHTML(
      'beforeend',
      `<status-maintenance feed="${feed.url}" service="tax-return"></status-maintenance>`,
    );
    const late = main.querySelectorAll('status-maintenance')[1];
    await waitFor(
      () => shadowText(late).includes('Returns closed for an update'),
      () => shadowText(late),
    );
    await streamsSettleAt(feed, 1);
    expect(shadowText(main.querySelector('status-dependencies'))).to.include('MitID');
  });

  it('gives banners of one service one view stream, whatever else the page shows', async () => {
    await feed.admin('POST', '/incidents', {
      services: ['tax-return'],
      impact: 'major',
      title: { en: 'Returns cannot be sent' },
      message: { en: 'We are on it.' },
    });
    const main = mount(
      `<status-banner feed="${feed.url}" service="tax-return"></status-banner>
       <status-banner feed="${feed.url}" service="tax-return" heading-level="3"></status-banner>
       <status-dependencies feed="${feed.url}" service="tax-return"></status-dependencies>`,
    );
    for (const banner of main.querySelectorAll('status-banner')) {
      await waitFor(
        () => shadowText(banner).includes('Returns cannot be sent'),
        () => shadowText(banner),
      );
    }
    await streamsSettleAt(feed, 1, 'statuskit_view_streams');
    // The view stream and the document stream of <status-dependencies>.
    await streamsSettleAt(feed, 2);
  });
});
