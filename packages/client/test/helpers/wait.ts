import type { FeedClient, FeedState } from '../../src/index.js';
import type { ViewClient, ViewState } from '../../src/view/index.js';

/** Resolves once `check` passes, polling every 10 ms; fails with `what` after `timeoutMs`. */
export async function until(
  check: () => boolean,
  what: string | (() => string),
  timeoutMs = 10_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) {
      const text = typeof what === 'string' ? what : what();
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${text}`);
    }
    await sleep(10);
  }
}

/** Resolves with the client's state once `predicate` holds for it. */
export async function stateWhere(
  client: FeedClient,
  predicate: (state: FeedState) => boolean,
  what: string,
  timeoutMs = 10_000,
): Promise<FeedState> {
  await until(
    () => predicate(client.getState()),
    () => `${what} (last state: ${describe(client.getState())})`,
    timeoutMs,
  );
  return client.getState();
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function describe(state: FeedState): string {
  return JSON.stringify({
    connection: state.connection,
    revision: state.revision,
    source: state.source,
    stale: state.stale,
    error: state.error?.message,
  });
}

/** Resolves with the view client's state once `predicate` holds for it. */
export async function viewStateWhere(
  client: ViewClient,
  predicate: (state: ViewState) => boolean,
  what: string,
): Promise<ViewState> {
  await until(
    () => predicate(client.getState()),
    () =>
      `${what} (last state: ${JSON.stringify({ ...client.getState(), view: client.getState().view?.revision })})`,
  );
  return client.getState();
}
