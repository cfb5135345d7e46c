/** The stream's event types that mean the document changed (see the feed README, "Stream"). */
const CHANGE_EVENTS = ['snapshot', 'service', 'incident', 'maintenance', 'removed'];
/** Several changes in a burst cost one reading. */
const DEBOUNCE_MS = 300;

/**
 * The feed's public stream (`/v1/stream`), opened only to hear that something changed (the
 * screen reads the overview again), and whether the feed can be reached. EventSource reconnects
 * by itself; its `error` event is where the feed is gone.
 */
export class LiveFeed {
  #source: EventSource | undefined;
  #timer: ReturnType<typeof setTimeout> | undefined;
  readonly #changed: () => void;
  readonly #reachable: (reachable: boolean) => void;

  constructor(listeners: {
    readonly changed: () => void;
    readonly reachable: (reachable: boolean) => void;
  }) {
    this.#changed = listeners.changed;
    this.#reachable = listeners.reachable;
  }

  open(url = '/v1/stream'): void {
    this.close();
    const source = new EventSource(url);
    const changed = (): void => {
      clearTimeout(this.#timer);
      this.#timer = setTimeout(this.#changed, DEBOUNCE_MS);
    };
    for (const type of CHANGE_EVENTS) source.addEventListener(type, changed);
    source.addEventListener('open', () => {
      this.#reachable(true);
    });
    source.addEventListener('error', () => {
      this.#reachable(false);
    });
    this.#source = source;
  }

  close(): void {
    clearTimeout(this.#timer);
    this.#source?.close();
    this.#source = undefined;
  }
}
