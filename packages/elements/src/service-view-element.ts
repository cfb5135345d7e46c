import type { PropertyValues } from 'lit';
import type { ConnectionState, FeedError, ViewClient } from '@statuskit/client/view';
import type { ServiceView } from '@statuskit/model';
import { ViewController } from './feed/view-controller.js';
import { isTimeZone, userTimeZone } from './format/time.js';
import type { TimeStyle } from './format/time.js';
import { requestedLanguage, resolveLanguage } from './language/languages.js';
import { availableLanguages } from './language/translator.js';
import type { Translate } from './language/translator.js';
import { LocalizedElement } from './localized-element.js';

/** What an element renders from: a view, and what the page knows about it. */
export interface ViewSource {
  /** `undefined` until the first view (or a cached one), and for a service the feed lacks. */
  readonly view: ServiceView | undefined;
  /** When the feed last confirmed the view (epoch ms). */
  readonly lastUpdated: number | undefined;
  /** The view may be out of date. */
  readonly stale: boolean;
  /** Confirmed by the feed, not a cached copy: what the user sees now. */
  readonly confirmed: boolean;
  readonly connection: ConnectionState;
  readonly error: FeedError | undefined;
}

/**
 * An element fed by one service's view through the page's shared view client (as
 * `<status-banner>`): adds the `view` property and the subscription to what every element
 * shares. Loads neither the model nor the document client.
 */
export class ServiceViewElement extends LocalizedElement {
  static override properties = {
    ...LocalizedElement.properties,
    view: { attribute: false },
    viewClient: { attribute: false },
  };

  /**
   * A service view to render instead of connecting to the feed (server-side rendering, tests,
   * apps with their own client). While set, the element connects to nothing.
   */
  declare view: ServiceView | undefined;
  /** A `ViewClient` to use instead of the page's shared one (tests, apps that manage their own). */
  declare viewClient: ViewClient | undefined;

  protected readonly source = new ViewController(this);

  constructor() {
    super();
    this.view = undefined;
    this.viewClient = undefined;
  }

  /** The feed the view comes from: the client's set on the element, else the attribute's or page's. */
  viewFeedUrl(): string | undefined {
    return this.viewClient?.getState().feed ?? this.feedUrl();
  }

  /** The language to ask the feed for: the one the element speaks. */
  viewLanguage(): string | undefined {
    return resolveLanguage(requestedLanguage(this), availableLanguages());
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    this.source.sync(this.view === undefined);
  }

  /** The view to render and its freshness: the one handed over, else the shared client's. */
  protected viewSource(): ViewSource | undefined {
    const view = this.view;
    if (view !== undefined) {
      const generated = Date.parse(view.generatedAt);
      // A view handed over is as current as the feed made it.
      return {
        view,
        lastUpdated: Number.isNaN(generated) ? undefined : generated,
        stale: view.fresh === false,
        confirmed: true,
        connection: 'live',
        error: undefined,
      };
    }
    const state = this.source.state;
    if (state === undefined) return undefined;
    const service = this.serviceId();
    return {
      // A view of another service (the attribute just changed) is not this one's.
      view: service === undefined || state.view?.service === service ? state.view : undefined,
      lastUpdated: state.lastUpdated,
      stale: state.stale,
      confirmed: state.source === 'feed',
      connection: state.connection,
      error: state.error,
    };
  }

  /** Times of the view's service: in its zone. */
  protected timeStyle(view: ServiceView, t: Translate): TimeStyle {
    return {
      locale: this.wording?.intlLocale ?? 'en-GB',
      timeZone: isTimeZone(view.timeZone) ? view.timeZone : 'UTC',
      userTimeZone: userTimeZone(),
      t,
    };
  }
}
