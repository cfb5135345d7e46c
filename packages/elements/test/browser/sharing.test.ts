import { expect } from 'chai';
import '../../src/define-all.js';
import { cleanUp, mount, shadowText, startFeed, waitFor } from './helpers.js';
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

describe('one client per service view', function () {
  this.timeout(30_000);
  let feed: TestFeed;

  beforeEach(async () => {
    feed = await startFeed();
  });
  afterEach(async () => {
    cleanUp();
    await feed.dispose();
  });

  it('serves every element of a service over one connection, and one more per further service', async () => {
    await feed.admin('POST', '/incidents', {
      services: ['tax-return'],
      impact: 'major',
      title: { en: 'Returns cannot be sent' },
      message: { en: 'We are on it.' },
    });
    const main = mount(
      `<status-dependencies feed="${feed.url}" service="login"></status-dependencies>
       <status-alternatives feed="${feed.url}" service="login" mode="always"></status-alternatives>
       <status-maintenance feed="${feed.url}" service="login"></status-maintenance>
       <status-banner feed="${feed.url}" service="digital-post"></status-banner>
       <status-banner feed="${feed.url}" service="eid"></status-banner>`,
    );
    const dependencies = main.querySelector('status-dependencies');
    await waitFor(
      () => shadowText(dependencies).includes('MitID'),
      () => shadowText(dependencies),
    );
    // Login's three elements share its view; digital-post and eid have one each.
    await streamsSettleAt(feed, 3);

    main.insertAdjacentHTML(
      'beforeend',
      `<status-banner feed="${feed.url}" service="tax-return"></status-banner>
       <status-dependencies feed="${feed.url}" service="tax-return"></status-dependencies>`,
    );
    const late = main.querySelectorAll('status-banner')[2];
    await waitFor(
      () => shadowText(late).includes('Returns cannot be sent'),
      () => shadowText(late),
    );
    await streamsSettleAt(feed, 4);
    expect(shadowText(dependencies)).to.include('MitID');
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
    // <status-dependencies> shares the banners' view: no document stream.
    await streamsSettleAt(feed, 1);
  });
});
