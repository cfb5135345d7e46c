import { expect } from 'chai';
import { createFeedClient, type FeedClient, type FeedState } from '@statuskit/client';
import { sleep, startFeed, until, type BrowserFeed } from './feed-helpers.js';

/** A stream body built by hand: what a broken feed or network delivers. */
function streamResponse(chunks: readonly string[], end: 'close' | 'error' | 'hang'): Response {
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(encoder.encode(chunk));
      if (end === 'close') controller.close();
      if (end === 'error') controller.error(new TypeError('network error'));
    },
  });
  return new Response(body, { headers: { 'content-type': 'text/event-stream' } });
}

describe('never throws into the host page', () => {
  let feed: BrowserFeed;
  let client: FeedClient | undefined;
  const escaped: unknown[] = [];
  const onError = (event: ErrorEvent): void => {
    escaped.push(event.error ?? event.message);
  };
  const onRejection = (event: PromiseRejectionEvent): void => {
    escaped.push(event.reason);
  };
  let warn: typeof console.warn;

  beforeEach(async () => {
    // Short `retry:` windows on shutdown keep the restart cases quick.
    feed = await startFeed({ retryMs: 300, shutdownJitterMs: 200 });
    escaped.length = 0;
    window.addEventListener('error', onError);
    window.addEventListener('unhandledrejection', onRejection);
    // The 404 case warns on purpose; keep the test output quiet.
    warn = console.warn;
    console.warn = () => undefined;
  });
  afterEach(async () => {
    client?.close();
    client = undefined;
    await sleep(50);
    window.removeEventListener('error', onError);
    window.removeEventListener('unhandledrejection', onRejection);
    console.warn = warn;
    await feed.dispose();
    expect(escaped, 'errors that reached the window').to.deep.equal([]);
  });

  function open(url: string, options: Parameters<typeof createFeedClient>[1] = {}): FeedClient {
    client = createFeedClient(url, {
      shareAcrossTabs: false,
      cache: false,
      retryMs: 250,
      ...options,
    });
    return client;
  }

  async function reaches(
    feedClient: FeedClient,
    predicate: (state: FeedState) => boolean,
    what: string,
  ): Promise<void> {
    await until(
      () => predicate(feedClient.getState()),
      () =>
        `${what} (state: ${JSON.stringify({ ...feedClient.getState(), document: undefined, effective: undefined })})`,
    );
  }

  it('when the feed is unreachable', async () => {
    const gone = await startFeed();
    await gone.dispose();
    const feedClient = open(gone.url);
    await reaches(feedClient, (s) => s.error?.kind === 'network', 'a network error');
    expect(feedClient.getState().connection).to.be.oneOf(['connecting', 'polling']);
  });

  it('on a 404', async () => {
    const feedClient = open(`${feed.origin}/nowhere/v1`);
    await reaches(feedClient, (s) => s.connection === 'stopped', 'the stop');
    expect(feedClient.getState().error).to.include({ kind: 'http', status: 404 });
  });

  it('on a 500', async () => {
    let calls = 0;
    const feedClient = open(feed.url, {
      fetch: () => {
        calls += 1;
        return Promise.resolve(new Response('broken', { status: 500 }));
      },
    });
    await reaches(feedClient, (s) => s.error?.status === 500, 'the 500');
    await until(() => calls >= 2, 'a retry');
    expect(feedClient.getState().connection).to.not.equal('stopped');
  });

  it('on a snapshot that is not JSON, keeping the last good state', async () => {
    let broken = false;
    const feedClient = open(feed.url, {
      fetch: (input, init) =>
        broken
          ? Promise.resolve(
              streamResponse(
                ['retry: 250\n\nid: 9\nevent: snapshot\ndata: {"revision":9,"docu\n\n'],
                'hang',
              ),
            )
          : fetch(input, init),
    });
    await reaches(feedClient, (s) => s.connection === 'live' && s.document !== undefined, 'live');
    const good = feedClient.getState().document;
    broken = true;
    await feed.stop(); // the graceful end makes the client reconnect, into the broken stream
    await reaches(feedClient, (s) => s.error?.kind === 'protocol', 'the protocol error');
    expect(feedClient.getState().document).to.equal(good);
  });

  it('when the stream is cut in the middle of an event', async () => {
    let cut = 0;
    let calls = 0;
    const feedClient = open(feed.url, {
      fetch: async (input, init) => {
        calls += 1;
        const response = await fetch(input, init);
        if (cut > 0 || !response.body) return response;
        cut += 1;
        // The real feed's first bytes, then half an event and a dead connection.
        const reader = response.body.getReader();
        const first = await reader.read();
        void reader.cancel();
        const head = new TextDecoder().decode(first.value);
        return streamResponse(
          [head, 'id: 999\nevent: service\ndata: {"revision":999,"prev'],
          'error',
        );
      },
    });
    await reaches(feedClient, (s) => s.connection === 'live' && calls >= 2, 'the second stream');
    expect(feedClient.getState().revision).to.not.equal(999);
  });

  it('when the feed stops and starts again', async () => {
    const feedClient = open(feed.url);
    await reaches(feedClient, (s) => s.connection === 'live', 'live');
    await feed.stop();
    await reaches(feedClient, (s) => s.connection !== 'live', 'the loss');
    await feed.restart();
    const revision = await feed.setStatus('login', 'partial_outage');
    await reaches(feedClient, (s) => s.revision === revision, 'the change after the restart');
  });
});
