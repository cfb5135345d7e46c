import type { PropertyValues } from 'lit';
import { pickLocale } from '@statuskit/model';
import type { LocalizedText, StatusDocument } from '@statuskit/model';
import type { FeedClient } from '@statuskit/client';
import { FeedController } from './feed/feed-controller.js';
import { isTimeZone, userTimeZone } from './format/time.js';
import type { TimeStyle } from './format/time.js';
import { baseLanguage } from './language/languages.js';
import type { Translate } from './language/translator.js';
import { LocalizedElement } from './localized-element.js';

export type { Wording } from './localized-element.js';

/** Feed text resolved for the reader, with `lang` when it is in another language. */
export interface FeedText {
  readonly text: string;
  readonly lang: string | undefined;
}

/**
 * An element fed by the whole status document through the shared feed client: adds the `client`
 * property, the subscription and the document's texts, names and time zones to what every
 * element shares.
 */
export class StatuskitElement extends LocalizedElement {
  static override properties = {
    ...LocalizedElement.properties,
    client: { attribute: false },
  };

  /** A `FeedClient` to use instead of the page's shared one (tests, apps with their own). */
  declare client: FeedClient | undefined;

  protected readonly feedController = new FeedController(this);

  constructor() {
    super();
    this.client = undefined;
  }

  protected override willUpdate(changed: PropertyValues): void {
    this.feedController.sync();
    super.willUpdate(changed);
  }

  /** The reader's text from a localized feed field (the model's fallback chain). */
  protected feedText(text: LocalizedText | undefined, document: StatusDocument): FeedText {
    const wording = this.wording;
    const locales = [wording?.requested, wording?.language].filter(
      (tag): tag is string => tag !== undefined,
    );
    const key = pickLocale(text, locales, document.defaultLocale);
    if (key === undefined || text === undefined) return { text: '', lang: undefined };
    const differs = wording !== undefined && baseLanguage(key) !== baseLanguage(wording.language);
    return { text: text[key] ?? '', lang: differs ? key : undefined };
  }

  /** A service's name for the reader, or its id when the document does not know it. */
  protected serviceName(document: StatusDocument, id: string): string {
    const service = document.services.find((candidate) => candidate.id === id);
    return this.feedText(service?.name, document).text || id;
  }

  /** Times for `serviceId`: in its zone (`service.timeZone ?? document.timeZone`). */
  protected timeStyle(document: StatusDocument, serviceId: string, t: Translate): TimeStyle {
    const service = document.services.find((candidate) => candidate.id === serviceId);
    const zone = [service?.timeZone, document.timeZone].find(
      (candidate): candidate is string => candidate !== undefined && isTimeZone(candidate),
    );
    return {
      locale: this.wording?.intlLocale ?? 'en-GB',
      timeZone: zone ?? 'UTC',
      userTimeZone: userTimeZone(),
      t,
    };
  }
}
