import { expect } from 'chai';
import '../../src/define-all.js';
import { feedState } from '../../src/feed/feed-clients.js';
import { cleanUp, mount, shadowText, startFeed, waitFor } from './helpers.js';
import type { TestFeed } from './helpers.js';

async function openStreams(feed: TestFeed): Promise<number> {
  const metrics = await (await fetch(`${new URL(feed.url).origin}/metrics`)).text();
  return Number(/^statuskit_open_streams (\d+)/m.exec(metrics)?.[1] ?? 0);
}

async function streamsSettleAt(feed: TestFeed, count: number): Promise<void> {
  const deadline = Date.now() + 10_000;
  while ((await openStreams(feed)) !== count) {
    if (Date.now() > deadline) throw new Error(`open streams: ${await openStreams(feed)}`);
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
    await feed.admin('POST', '/incidents', {
      services: ['tax-return'],
      impact: 'major',
      title: { en: 'Returns cannot be sent' },
      message: { en: 'We are on it.' },
    });
    const main = mount(
      `<status-dependencies feed="${feed.url}" service="login"></status-dependencies>
       <status-banner feed="${feed.url}" service="digital-post"></status-banner>
       <status-banner feed="${feed.url}" service="eid"></status-banner>`,
    );
    await waitFor(() => feedState(feed.url)?.source === 'feed', 'first document');
    // Filtered to login and digital-post: eid comes along as login's dependency.
    const services = feedState(feed.url)
      ?.document?.services.map(({ id }) => id)
      .sort();
    expect(services).to.deep.equal(['digital-post', 'eid', 'login']);
    await streamsSettleAt(feed, 1);

    main.insertAdjacentHTML(
      'beforeend',
      `<status-banner feed="${feed.url}" service="tax-return"></status-banner>`,
    );
    const late = main.querySelectorAll('status-banner')[2];
    await waitFor(
      () => shadowText(late).includes('Returns cannot be sent'),
      () => shadowText(late),
    );
    await streamsSettleAt(feed, 1);
    expect(shadowText(main.querySelector('status-dependencies'))).to.include('MitID');
  });
});
