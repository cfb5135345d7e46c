interface EventHost {
  addEventListener(type: string, listener: () => void): void;
  removeEventListener(type: string, listener: () => void): void;
}

/** `navigator.onLine === false`: the browser knows there is no network. Unknown counts as online. */
export function isOffline(): boolean {
  try {
    const navigator = (globalThis as { navigator?: { onLine?: unknown } }).navigator;
    return navigator?.onLine === false;
  } catch {
    return false;
  }
}

/**
 * Calls `changed` on the window's `online` and `offline` events (browsers and workers); does
 * nothing where there are none (Node). Returns the function that stops listening.
 */
export function watchNetwork(changed: (online: boolean) => void): () => void {
  const host = globalThis as Partial<EventHost>;
  if (typeof host.addEventListener !== 'function' || typeof host.removeEventListener !== 'function')
    return () => undefined;
  const target = host as EventHost;
  const online = (): void => {
    changed(true);
  };
  const offline = (): void => {
    changed(false);
  };
  target.addEventListener('online', online);
  target.addEventListener('offline', offline);
  return () => {
    target.removeEventListener('online', online);
    target.removeEventListener('offline', offline);
  };
}
