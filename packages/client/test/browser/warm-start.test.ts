import { expect } from 'chai';
import { createFeedClient, type FeedClient } from '@statuskit/client';
import { startFeed, until, type BrowserFeed } from './feed-helpers.js';

describe('warm start from localStorage', () => {
  let feed: BrowserFeed;
  const clients: FeedClient[] = [];
  const key = (): string => `statuskit:feed:${feed.url}?services=login`;

  beforeEach(async () => {
    feed = await startFeed();
    localStorage.removeItem(key());
  });
  afterEach(async () => {
    for (const client of clients.splice(0)) client.close();
    localStorage.removeItem(key());
    await feed.dispose();
  });

  function open(): FeedClient {
    const client = createFeedClient(feed.url, { services: ['login'], shareAcrossTabs: false });
    clients.push(client);
    return client;
  }

  it('renders the last visit’s snapshot at once, stale until the feed confirms it', async () => {
    const revision = await feed.setStatus('eid', 'major_outage');
    const visit = open();
    await until(() => visit.getState().revision === revision, 'the first visit');
    await until(() => localStorage.getItem(key()) !== null, 'the snapshot to be saved');
    const saved = JSON.parse(localStorage.getItem(key()) ?? '{}') as Record<string, unknown>;
    expect(saved).to.include({ v: 1, revision });
    expect(saved.savedAt).to.be.a('number');
    visit.close();

    const later = await feed.setStatus('eid', 'operational');
    const repeat = open();
    const first = repeat.getState();
    expect(first).to.include({ source: 'cache', stale: true, revision });
    expect(first.effective.login?.status).to.equal('major_outage');
    expect(first.document?.services.map((s) => s.id)).to.have.members(['eid', 'login']);

    await until(
      () => repeat.getState().source === 'feed' && repeat.getState().revision === later,
      'the feed to confirm',
    );
    expect(repeat.getState().stale).to.equal(false);
    expect(repeat.getState().effective.login?.status).to.equal('operational');
  });

  it('confirms a cached copy that is still current without a new snapshot', async () => {
    const revision = await feed.setStatus('login', 'degraded');
    const visit = open();
    await until(() => localStorage.getItem(key()) !== null, 'the snapshot to be saved');
    expect(visit.getState().revision).to.equal(revision);
    visit.close();

    const events: string[] = [];
    const repeat = createFeedClient(feed.url, {
      services: ['login'],
      shareAcrossTabs: false,
      onEvent: (event) => events.push(event.type),
    });
    clients.push(repeat);
    expect(repeat.getState()).to.include({ source: 'cache', stale: true });
    await until(() => repeat.getState().source === 'feed', 'the confirmation');
    expect(repeat.getState()).to.include({ stale: false, revision, connection: 'live' });
    expect(events).to.deep.equal([]);
  });

  it('ignores a broken or foreign cache entry', () => {
    for (const text of [
      '{"v":1,"revision":3,"savedAt":0,"document":{"services":"nope"}}',
      'undefined',
      '{"v":99}',
    ]) {
      localStorage.setItem(key(), text);
      const client = open();
      expect(client.getState()).to.include({ source: 'none', document: undefined, stale: false });
      client.close();
    }
  });
});
