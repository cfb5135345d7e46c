import { executeServerCommand } from '@web/test-runner-commands';

/** The digst authority's admin token in every browser-test feed. */
const TOKEN = 'digst-token-0123456789abcdef';

/** A real @statuskit/feed, started by the test runner's `feed:*` server commands. */
export interface BrowserFeed {
  readonly id: number;
  /** The `/v1` base URL. */
  readonly url: string;
  readonly origin: string;
  setStatus(service: string, status: string): Promise<number>;
  /** `statuskit_open_streams` from the feed's /metrics. */
  openStreams(): Promise<number>;
  stop(): Promise<void>;
  restart(): Promise<void>;
  dispose(): Promise<void>;
}

export async function startFeed(options: Record<string, unknown> = {}): Promise<BrowserFeed> {
  const hash = await executeServerCommand<string, { token: string }>('feed:hash-token', {
    token: TOKEN,
  });
  const config = {
    defaultLocale: 'da',
    timeZone: 'Europe/Copenhagen',
    authorities: [{ id: 'digst', name: { da: 'Digitaliseringsstyrelsen' }, tokens: [hash] }],
    services: [
      { id: 'eid', name: { da: 'MitID' }, owner: 'digst' },
      { id: 'login', name: { da: 'Log ind' }, owner: 'digst', dependsOn: ['eid'] },
    ],
    // The test page changes status through the admin API from its own origin, which the feed
    // must list as an admin origin (public reads are open to any origin by default).
    cors: { origins: '*', adminOrigins: [location.origin] },
  };
  const { id, url } = await executeServerCommand<{ id: number; url: string }, unknown>(
    'feed:start',
    { config, options },
  );
  const origin = new URL(url).origin;
  return {
    id,
    url,
    origin,
    setStatus: async (service, status) => {
      const response = await fetch(`${url}/admin/services/${service}/status`, {
        method: 'PUT',
        headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
        body: JSON.stringify({ status }),
      });
      const body = (await response.json()) as { revision: number };
      return body.revision;
    },
    openStreams: async () => {
      const text = await (await fetch(`${origin}/metrics`)).text();
      return Number(/^statuskit_open_streams (\d+)/m.exec(text)?.[1] ?? NaN);
    },
    stop: async () => {
      await executeServerCommand('feed:stop', { id });
    },
    restart: async () => {
      await executeServerCommand('feed:restart', { id });
    },
    dispose: async () => {
      await executeServerCommand('feed:dispose', { id });
    },
  };
}

/** Resolves once `check` passes (it may be async), polling every 20 ms. */
export async function until(
  check: () => boolean | Promise<boolean>,
  what: string | (() => string),
  timeoutMs = 8000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) {
      throw new Error(
        `timed out after ${timeoutMs} ms waiting for ${typeof what === 'string' ? what : what()}`,
      );
    }
    await sleep(20);
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * Opens `fixtures/<page>?feed=…` in a same-origin iframe, which stands in for a tab (same Web
 * Locks, same BroadcastChannels), and waits for the probe the page puts on its window (`read`).
 */
export async function openTab<Probe>(
  feed: BrowserFeed,
  page: string,
  read: (view: object) => Probe | undefined,
): Promise<{ frame: HTMLIFrameElement; probe: Probe }> {
  const frame = document.createElement('iframe');
  frame.src = `/packages/client/test/browser/fixtures/${page}?feed=${encodeURIComponent(feed.url)}`;
  document.body.append(frame);
  let probe: Probe | undefined;
  await until(() => {
    probe = read(frame.contentWindow ?? {});
    return probe !== undefined;
  }, `the tab ${page} to load its client`);
  if (!probe) throw new Error('no probe');
  return { frame, probe };
}
