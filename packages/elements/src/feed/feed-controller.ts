import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { FeedClient, FeedState } from '@statuskit/client';
import { watchFeed } from './feed-clients.js';
import { warnIfUnknown } from './unknown-services.js';

/** What the controller needs from its element. */
export interface FeedHost extends ReactiveControllerHost {
  /** A client set on the element (`.client`), else `undefined` for the shared one. */
  readonly client: FeedClient | undefined;
  /** The resolved feed URL and service id (attributes, else the page's configuration). */
  feedUrl(): string | undefined;
  serviceId(): string | undefined;
}

/**
 * Subscribes an element to its feed's shared client while it is connected: state flows client →
 * element → render, and elements never fetch on their own. While paused, the element keeps the
 * state it has (WCAG 2.2.2 lets users stop content that updates by itself); the latest state is
 * taken up on resume.
 */
export class FeedController implements ReactiveController {
  /** What the element renders. */
  state: FeedState | undefined;
  private latest: FeedState | undefined;
  private paused = false;
  private target: unknown;
  private stop: (() => void) | undefined;

  constructor(private readonly host: FeedHost) {
    host.addController(this);
  }

  hostConnected(): void {
    this.sync();
  }

  hostDisconnected(): void {
    this.stop?.();
    this.stop = undefined;
    this.target = undefined;
  }

  /** Follows a change of `feed`, `service` or `client`; cheap when nothing changed. */
  sync(): void {
    const { client } = this.host;
    const feedUrl = client ? undefined : this.host.feedUrl();
    const service = this.host.serviceId();
    const target = client ?? `${feedUrl ?? ''}\n${service ?? ''}`;
    if (target === this.target) return;
    this.stop?.();
    this.stop = undefined;
    this.target = target;
    this.latest = undefined;
    if (!this.paused) this.state = undefined;
    const receive = (state: FeedState): void => {
      this.receive(state);
    };
    if (client) {
      const unsubscribe = client.subscribe(receive);
      this.stop = unsubscribe;
      this.receive(client.getState());
    } else if (feedUrl !== undefined) {
      this.stop = watchFeed(feedUrl, service, receive);
    }
  }

  setPaused(paused: boolean): void {
    if (paused === this.paused) return;
    this.paused = paused;
    if (!paused && this.latest !== this.state) {
      this.state = this.latest;
      this.host.requestUpdate();
    }
  }

  private receive(state: FeedState): void {
    // The shared clients warn about their elements' services themselves; a client set on the
    // element may not have been asked for this one.
    if (this.host.client) warnIfUnknown(state, this.host.serviceId());
    this.latest = state;
    if (this.paused && this.state?.document) return;
    this.state = state;
    this.host.requestUpdate();
  }
}
