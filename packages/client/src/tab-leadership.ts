import { isRecord } from './json-shape.js';

/** `S`: what the leader relays (the document client's `RelayedState`, the view client's own). */
export interface TabRoles<S> {
  /** This tab holds the lock: it connects, and relays. Called at most once. */
  lead(): void;
  /** This tab follows: the leader's latest state. */
  follow(state: S): void;
  /** This tab leads and a new tab asks for the state. */
  current(): S;
  /** Another tab is the same origin, but perhaps another release: check before trusting. */
  accepts(value: unknown): value is S;
}

export interface TabGroup<S> {
  /** Sends the state to every following tab (only while this tab leads). */
  relay(state: S): void;
  /** Leaves the group; a leader releases the lock, so a waiting tab takes over at once. */
  close(): void;
}

/** Messages carry a version, so that tabs running different releases ignore each other. */
const VERSION = 1;
type TabMessage<S> =
  | { readonly v: typeof VERSION; readonly type: 'hello' }
  | { readonly v: typeof VERSION; readonly type: 'state'; readonly state: S };

const CONNECTION_STATES = new Set(['connecting', 'live', 'polling', 'offline', 'stopped']);

/**
 * One connection for all tabs of this origin: the tab holding the Web Lock `name` connects and
 * relays its state over the BroadcastChannel `name`; the others wait on the lock, so when the
 * leader goes away (tab closed, `close()`), the browser hands the lock to one of them at once.
 * https://w3c.github.io/web-locks/ and https://html.spec.whatwg.org/multipage/web-messaging.html
 *
 * Returns `undefined` where Web Locks or BroadcastChannel are missing (Node, old browsers).
 */
export function joinTabGroup<S>(
  name: string,
  roles: TabRoles<S>,
  onError: (error: unknown) => void,
): TabGroup<S> | undefined {
  const locks = lockManager();
  if (!locks || typeof BroadcastChannel !== 'function') return undefined;
  let channel: BroadcastChannel;
  try {
    channel = new BroadcastChannel(name);
  } catch {
    return undefined;
  }
  let leading = false;
  let closed = false;
  const post = (message: TabMessage<S>): void => {
    try {
      channel.postMessage(message);
    } catch (error) {
      onError(error);
    }
  };
  channel.onmessage = (event: MessageEvent<unknown>) => {
    try {
      const message = event.data;
      if (closed || !isRecord(message) || message.v !== VERSION) return;
      if (message.type === 'hello' && leading) {
        post({ v: VERSION, type: 'state', state: roles.current() });
      } else if (message.type === 'state' && !leading && roles.accepts(message.state)) {
        roles.follow(message.state);
      }
    } catch (error) {
      onError(error);
    }
  };

  let release = (): void => undefined;
  const released = new Promise<void>((resolve) => {
    release = resolve;
  });
  const lead = (): void => {
    if (closed || leading) return;
    leading = true;
    try {
      roles.lead();
    } catch (error) {
      onError(error);
    }
  };
  const waiting = new AbortController();
  try {
    locks
      .request(name, { signal: waiting.signal }, async () => {
        lead();
        await released;
      })
      // Aborted while waiting (closed as a follower) is expected. Anything else (a SecurityError
      // in an opaque origin) means no election is possible here: connect alone.
      .catch(lead);
  } catch {
    lead();
  }
  post({ v: VERSION, type: 'hello' });

  return {
    relay: (state) => {
      if (leading && !closed) post({ v: VERSION, type: 'state', state });
    },
    close: () => {
      if (closed) return;
      closed = true;
      leading = false;
      waiting.abort();
      release();
      channel.onmessage = null;
      channel.close();
    },
  };
}

function lockManager(): LockManager | undefined {
  try {
    const navigator = (globalThis as { navigator?: { locks?: LockManager } }).navigator;
    const locks = navigator?.locks;
    return locks && typeof locks.request === 'function' ? locks : undefined;
  } catch {
    return undefined;
  }
}

/** The fields both clients relay: where the data came from, the connection, the last error. */
export function isRelayedStatus(
  source: unknown,
  connection: unknown,
  lastUpdated: unknown,
  error: unknown,
): boolean {
  return (
    (source === 'none' || source === 'cache' || source === 'feed') &&
    typeof connection === 'string' &&
    CONNECTION_STATES.has(connection) &&
    (lastUpdated === undefined || typeof lastUpdated === 'number') &&
    (error === undefined || (isRecord(error) && typeof error.message === 'string'))
  );
}
