import { LitElement } from 'lit';
import type { PropertyValues } from 'lit';
import { ClockController } from './clock-controller.js';
import { resolveFeedUrl } from './feed/feed-url.js';
import { pageConfig } from './feed/page-config.js';
import { intlLocale } from './format/time.js';
import { baseLanguage, requestedLanguage, resolveLanguage } from './language/languages.js';
import {
  availableLanguages,
  onLanguagesChanged,
  prepareLanguage,
  translatorFor,
} from './language/translator.js';
import type { Translate } from './language/translator.js';

/** The language an element renders in, and how it formats. */
export interface Wording {
  /** The language of the element's own strings (`da`), set as `lang` on its content. */
  readonly language: string;
  /** What the page asked for (`da-DK`, `se`): feed text is looked up with it first. */
  readonly requested: string | undefined;
  readonly t: Translate;
  /** A locale `Intl` has data for. */
  readonly intlLocale: string;
}

const connected = new Set<LocalizedElement>();
let languageObserver: MutationObserver | undefined;

function refreshAll(): void {
  for (const element of connected) element.requestUpdate();
}

/** A page that switches its `lang` (single-page apps) gets its elements in the new language. */
function observeLanguages(): void {
  if (languageObserver || typeof MutationObserver === 'undefined') return;
  languageObserver = new MutationObserver(refreshAll);
  languageObserver.observe(document.documentElement, {
    attributes: true,
    attributeFilter: ['lang'],
    subtree: true,
  });
  onLanguagesChanged(refreshAll);
}

/**
 * What every Statuskit element shares, whatever feeds it (the whole document or one service's
 * view): the `feed`, `service` and `heading-level` attributes, the language, the clock, and the
 * promise never to throw into the host page. Nothing here loads the model or a feed client.
 */
export class LocalizedElement extends LitElement {
  static override properties = {
    feed: { type: String },
    service: { type: String },
    headingLevel: { type: Number, attribute: 'heading-level' },
  };

  /** The feed's base URL, e.g. `https://status.example/v1`; default: the script tag's `data-feed`. */
  declare feed: string | undefined;
  /** The service id, e.g. `tax-return`; default: the script tag's `data-service`. */
  declare service: string | undefined;
  /** Level of the element's heading (1–6), to fit the page's outline. Default 2. */
  declare headingLevel: number;

  protected wording: Wording | undefined;
  protected readonly clock = new ClockController(this);

  constructor() {
    super();
    this.feed = undefined;
    this.service = undefined;
    this.headingLevel = 2;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    connected.add(this);
    observeLanguages();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    connected.delete(this);
  }

  /** The feed URL in use: the `feed` attribute, else the page's; `undefined` when unusable. */
  feedUrl(): string | undefined {
    return resolveFeedUrl(this.feed ?? pageConfig().feed);
  }

  /** The service in use: the `service` attribute, else the page's. */
  serviceId(): string | undefined {
    return this.service ?? pageConfig().service;
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    const requested = requestedLanguage(this);
    const wanted = resolveLanguage(requested, availableLanguages());
    const language = prepareLanguage(wanted, () => {
      this.requestUpdate();
    });
    if (language === undefined) {
      this.wording = undefined;
      return;
    }
    if (this.wording?.language === language && this.wording.requested === requested) return;
    const t = translatorFor(language);
    // A region in the request (`en-US`) decides date order; else the language's own choice.
    const regional =
      requested !== undefined &&
      requested.includes('-') &&
      baseLanguage(requested) === baseLanguage(language)
        ? requested
        : undefined;
    this.wording = {
      language,
      requested,
      t,
      intlLocale: intlLocale([regional, t('format.intlLocale'), language]),
    };
  }

  /** A rendering error keeps the last good rendering: never an exception in the host page. */
  protected override update(changed: PropertyValues): void {
    try {
      super.update(changed);
    } catch {
      // Deliberately quiet (see above).
    }
  }
}
