import { expect } from 'chai';
import type { ViewTabProbe } from './fixtures/view-tab.js';
import { openTab as openTabPage, startFeed, until, type BrowserFeed } from './feed-helpers.js';

// The frame's page puts its probe on its window (fixtures/view-tab.ts).
const openTab = (feed: BrowserFeed) =>
  openTabPage(
    feed,
    'view-tab.html',
    (view) => Reflect.get(view, 'statuskitViewProbe') as ViewTabProbe | undefined,
  );

describe('one view stream for all tabs', () => {
  let feed: BrowserFeed;
  const frames: HTMLIFrameElement[] = [];

  beforeEach(async () => {
    feed = await startFeed();
  });
  afterEach(async () => {
    for (const frame of frames.splice(0)) frame.remove();
    await feed.dispose();
  });

  it("connects from one tab only, relays the leader's views, and hands over resuming from the view id", async function () {
    this.timeout(20_000);
    const first = await openTab(feed);
    frames.push(first.frame);
    const live = (probe: ViewTabProbe): boolean =>
      probe.client.getState().connection === 'live' && probe.client.getState().view !== undefined;
    await until(() => live(first.probe), 'the first tab to go live');
    const second = await openTab(feed);
    frames.push(second.frame);
    await until(() => live(second.probe), 'the second tab to receive the view');

    const [leader, follower] = first.probe.streams.length > 0 ? [first, second] : [second, first];
    expect(leader.probe.streams).to.have.length(1);
    expect(follower.probe.streams).to.have.length(0);
    expect(await feed.openStreams()).to.equal(1);
    expect(follower.probe.client.getState()).to.include({ source: 'feed', service: 'login' });

    // A change of a dependency reaches the follower through the leader, worded by the feed.
    await feed.setStatus('eid', 'major_outage');
    await until(
      () => (follower.probe.client.getState().view?.notices.length ?? 0) > 0,
      'the relayed view',
    );
    expect(follower.probe.client.getState().view?.status).to.equal('major_outage');
    expect(follower.probe.streams).to.have.length(0);

    // The leading tab goes away; the other takes over, resuming from the relayed view's id.
    const closedAt = Date.now();
    leader.frame.remove();
    await until(() => follower.probe.streams.length === 1, 'the follower to connect', 3000);
    const takeover = follower.probe.streams[0];
    expect((takeover?.at ?? Infinity) - closedAt).to.be.below(1000);
    // In a browser the id goes in the query string: a Last-Event-ID header would need a preflight.
    expect(new URL(takeover?.url ?? '').searchParams.get('lastEventId')).to.match(/^\d+-/);
    await until(async () => (await feed.openStreams()) === 1, 'exactly one stream again');

    await feed.setStatus('eid', 'operational');
    await until(
      () => follower.probe.client.getState().view?.notices.length === 0,
      'a change after the handover',
    );
  });
});
