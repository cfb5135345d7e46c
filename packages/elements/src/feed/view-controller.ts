import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { getViewClient } from '@statuskit/client/view';
import type { ViewState } from '@statuskit/client/view';

/** What the controller needs from its element. */
export interface ViewHost extends ReactiveControllerHost {
  /** The resolved feed URL and service id (attributes, else the page's configuration). */
  feedUrl(): string | undefined;
  serviceId(): string | undefined;
  /** The language to ask the feed for (the element's requested language). */
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
  private target: string | undefined;
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

  /** Follows a change of feed, service or language; cheap when nothing changed. Off: disconnects. */
  sync(on: boolean): void {
    const feed = on ? this.host.feedUrl() : undefined;
    const service = this.host.serviceId();
    const lang = this.host.viewLanguage();
    const target =
      feed === undefined || service === undefined || lang === undefined
        ? undefined
        : `${feed}\n${service}\n${lang}`;
    if (target === this.target) return;
    this.stop?.();
    this.stop = undefined;
    this.target = target;
    this.state = undefined;
    if (feed === undefined || service === undefined || lang === undefined) return;
    try {
      const client = getViewClient(feed, service, lang);
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
