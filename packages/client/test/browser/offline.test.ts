import { expect } from 'chai';
import { createFeedClient, type FeedClient } from '@statuskit/client';
import { sleep, startFeed, until, type BrowserFeed } from './feed-helpers.js';

/** Pretends the browser lost (or found) its network: `navigator.onLine` plus the window event. */
function setOnline(online: boolean, dispatch = true): void {
  Object.defineProperty(navigator, 'onLine', { configurable: true, get: () => online });
  if (dispatch) window.dispatchEvent(new Event(online ? 'online' : 'offline'));
}

describe('offline and online', () => {
  let feed: BrowserFeed;
  let client: FeedClient | undefined;
  const requests: string[] = [];
  const recordingFetch: typeof fetch = (input, init) => {
    requests.push(input instanceof Request ? input.url : String(input));
    return fetch(input, init);
  };

  beforeEach(async () => {
    feed = await startFeed();
    requests.length = 0;
  });
  afterEach(async () => {
    client?.close();
    // Back to the real navigator.onLine.
    delete (navigator as { onLine?: boolean }).onLine;
    await feed.dispose();
  });

  it('starts offline without a single request, and connects the moment the network is back', async () => {
    setOnline(false, false);
    client = createFeedClient(feed.url, { shareAcrossTabs: false, fetch: recordingFetch });
    expect(client.getState().connection).to.equal('offline');
    await sleep(400);
    expect(requests).to.deep.equal([]);
    expect(client.getState().connection).to.equal('offline');

    setOnline(true);
    const feedClient = client;
    await until(() => feedClient.getState().connection === 'live', 'the connection');
    expect(requests).to.have.length(1);
  });

  it('pauses while offline and resumes from where it was', async () => {
    client = createFeedClient(feed.url, { shareAcrossTabs: false, fetch: recordingFetch });
    const feedClient = client;
    await until(() => feedClient.getState().connection === 'live', 'the connection');
    const revision = await feed.setStatus('eid', 'degraded');
    await until(() => feedClient.getState().revision === revision, 'the change');

    setOnline(false);
    await until(() => feedClient.getState().connection === 'offline', 'offline');
    await until(async () => (await feed.openStreams()) === 0, 'the stream to be closed');
    const before = requests.length;
    await sleep(500);
    expect(requests.length, 'no retry loop while offline').to.equal(before);
    expect(feedClient.getState().document?.services).to.have.length(2);

    setOnline(true);
    await until(() => feedClient.getState().connection === 'live', 'live again', 3000);
    expect(requests).to.have.length(before + 1);
    expect(new URL(requests.at(-1) ?? '').searchParams.get('lastEventId')).to.equal(
      String(revision),
    );
  });
});
