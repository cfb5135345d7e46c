import { expect } from 'chai';
import type { TabProbe } from './fixtures/tab.js';
import {
  sleep,
  openTab as openTabPage,
  startFeed,
  until,
  type BrowserFeed,
} from './feed-helpers.js';

// The frame's page puts its probe on its window (fixtures/tab.ts).
const openTab = (feed: BrowserFeed) =>
  openTabPage(
    feed,
    'tab.html',
    (view) => Reflect.get(view, 'statuskitProbe') as TabProbe | undefined,
  );

describe('one connection for all tabs', () => {
  let feed: BrowserFeed;
  const frames: HTMLIFrameElement[] = [];

  beforeEach(async () => {
    feed = await startFeed();
  });
  afterEach(async () => {
    for (const frame of frames.splice(0)) frame.remove();
    await feed.dispose();
  });

  it('connects from one tab only, relays to the other, and hands over within a second', async function () {
    this.timeout(20_000);
    const first = await openTab(feed);
    frames.push(first.frame);
    await until(
      () => first.probe.client.getState().connection === 'live',
      'the first tab to go live',
    );
    const second = await openTab(feed);
    frames.push(second.frame);
    await until(
      () => second.probe.client.getState().connection === 'live',
      'the second tab to receive the state',
    );

    const [leader, follower] = first.probe.streams.length > 0 ? [first, second] : [second, first];
    expect(leader.probe.streams).to.have.length(1);
    expect(follower.probe.streams).to.have.length(0);
    expect(await feed.openStreams()).to.equal(1);
    expect(follower.probe.client.getState()).to.include({ connection: 'live', source: 'feed' });

    // A change reaches the follower through the leader.
    const revision = await feed.setStatus('eid', 'major_outage');
    await until(() => follower.probe.client.getState().revision === revision, 'the relayed change');
    expect(follower.probe.client.getState().effective.login?.status).to.equal('major_outage');
    expect(follower.probe.events).to.have.length(0);

    // The leading tab goes away; the other takes over and resumes from the relayed revision.
    const closedAt = Date.now();
    leader.frame.remove();
    await until(() => follower.probe.streams.length === 1, 'the follower to connect', 3000);
    const takeover = follower.probe.streams[0];
    expect((takeover?.at ?? Infinity) - closedAt).to.be.below(1000);
    // In a browser the id goes in the query string: a Last-Event-ID header would need a preflight.
    expect(new URL(takeover?.url ?? '').searchParams.get('lastEventId')).to.equal(String(revision));
    await until(async () => (await feed.openStreams()) === 1, 'exactly one stream again');

    const next = await feed.setStatus('eid', 'operational');
    await until(
      () => follower.probe.client.getState().revision === next,
      'a change after the handover',
    );
    expect(follower.probe.events.map((e) => [e.type, e.revision, e.outcome])).to.deep.equal([
      ['service', next, 'applied'],
    ]);
  });

  it('hands over when the leading client is closed, and a new tab asks for the state', async function () {
    this.timeout(20_000);
    const first = await openTab(feed);
    frames.push(first.frame);
    await until(
      () => first.probe.client.getState().connection === 'live',
      'the first tab to go live',
    );
    const revision = await feed.setStatus('login', 'degraded');
    await until(() => first.probe.client.getState().revision === revision, 'the change');

    // A new follower says hello and gets the current state without waiting for a change.
    const second = await openTab(feed);
    frames.push(second.frame);
    await until(() => second.probe.client.getState().revision === revision, 'the answer to hello');
    expect(second.probe.streams).to.have.length(0);

    first.probe.client.close();
    await until(() => second.probe.streams.length === 1, 'the second tab to connect', 2000);
    await until(async () => (await feed.openStreams()) === 1, 'one stream');
    const next = await feed.setStatus('login', 'operational');
    await until(() => second.probe.client.getState().revision === next, 'the change after close');
    await sleep(50);
    expect(first.probe.client.getState().connection).to.equal('stopped');
  });
});
