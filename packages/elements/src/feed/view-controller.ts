import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { getViewClient } from '@statuskit/client/view';
import type { ViewClient, ViewState } from '@statuskit/client/view';

/** What the controller needs from its element. */
export interface ViewHost extends ReactiveControllerHost {
  /** A client set on the element (`.viewClient`), else `undefined` for the page's shared one. */
  readonly viewClient: ViewClient | undefined;
  /** The resolved feed URL and service id (attributes, else the page's configuration). */
  feedUrl(): string | undefined;
  serviceId(): string | undefined;
  /** The language to ask the feed for (the one the element speaks). */
  viewLanguage(): string | undefined;
}

/**
 * Subscribes an element to the page's shared client of one service's view while it is
 * connected: state flows client → element → render, and the element never fetches on its own.
 * Only the view client: no status document, no model code.
 */
export class ViewController implements ReactiveController {
  /** What the element renders; `undefined` until the client is open. */
  state: ViewState | undefined;
  private target: unknown;
  private stop: (() => void) | undefined;

  constructor(private readonly host: ViewHost) {
    host.addController(this);
  }

  hostConnected(): void {
    this.sync(true);
  }

  hostDisconnected(): void {
    this.stop?.();
    this.stop = undefined;
    this.target = undefined;
  }

  /**
   * Follows a change of client, feed, service or language; cheap when nothing changed. `on`
   * false (the element renders a view it was given) disconnects.
   */
  sync(on: boolean): void {
    const own = on ? this.host.viewClient : undefined;
    const feed = on ? this.host.feedUrl() : undefined;
    const service = this.host.serviceId();
    const lang = this.host.viewLanguage();
    const shared =
      feed === undefined || service === undefined || lang === undefined
        ? undefined
        : { feed, service, lang };
    const target = own ?? (shared && `${shared.feed}\n${shared.service}\n${shared.lang}`);
    if (target === this.target) return;
    this.stop?.();
    this.stop = undefined;
    this.target = target;
    this.state = undefined;
    try {
      const client = own ?? (shared && getViewClient(shared.feed, shared.service, shared.lang));
      if (!client) return;
      this.stop = client.subscribe((state) => {
        this.state = state;
        this.host.requestUpdate();
      });
      this.state = client.getState();
    } catch {
      // A client that cannot even be created leaves the element quiet.
    }
  }
}
