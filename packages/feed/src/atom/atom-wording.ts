import { resolveText, type IncidentState, type LocalizedText } from '@statuskit/model';

/**
 * The words the Atom feed writes itself, in the languages the elements speak; English for any
 * other (as the calendar's name). Incident and maintenance texts come from the feed's data.
 */
const FEED_TITLE: LocalizedText = {
  en: 'Service status history',
  da: 'Driftsstatus – historik',
  sv: 'Driftstatus – historik',
  nb: 'Driftsstatus – historikk',
  fi: 'Palvelujen tilahistoria',
};

/** What happened, as the entry's title begins: "Resolved: MitID is down". */
export type EntryEvent = IncidentState | 'announced' | 'started' | 'completed' | 'cancelled';

const EVENT_WORDS: Readonly<Record<EntryEvent, LocalizedText>> = {
  investigating: {
    en: 'Investigating',
    da: 'Undersøges',
    sv: 'Undersöks',
    nb: 'Undersøkes',
    fi: 'Selvitetään',
  },
  identified: {
    en: 'Identified',
    da: 'Årsag fundet',
    sv: 'Orsak funnen',
    nb: 'Årsak funnet',
    fi: 'Syy tunnistettu',
  },
  monitoring: {
    en: 'Monitoring',
    da: 'Overvåges',
    sv: 'Övervakas',
    nb: 'Overvåkes',
    fi: 'Seurataan',
  },
  resolved: { en: 'Resolved', da: 'Løst', sv: 'Löst', nb: 'Løst', fi: 'Ratkaistu' },
  announced: {
    en: 'Planned maintenance',
    da: 'Planlagt vedligeholdelse',
    sv: 'Planerat underhåll',
    nb: 'Planlagt vedlikehold',
    fi: 'Suunniteltu huoltokatko',
  },
  started: {
    en: 'Maintenance started',
    da: 'Vedligeholdelse i gang',
    sv: 'Underhåll pågår',
    nb: 'Vedlikehold pågår',
    fi: 'Huoltokatko alkoi',
  },
  completed: {
    en: 'Maintenance completed',
    da: 'Vedligeholdelse afsluttet',
    sv: 'Underhåll avslutat',
    nb: 'Vedlikehold fullført',
    fi: 'Huoltokatko päättyi',
  },
  cancelled: {
    en: 'Maintenance cancelled',
    da: 'Vedligeholdelse aflyst',
    sv: 'Underhåll inställt',
    nb: 'Vedlikehold avlyst',
    fi: 'Huoltokatko peruttu',
  },
};

const SERVICES: LocalizedText = {
  en: 'Services',
  da: 'Tjenester',
  sv: 'Tjänster',
  nb: 'Tjenester',
  fi: 'Palvelut',
};
const WINDOW: LocalizedText = {
  en: 'Planned',
  da: 'Planlagt',
  sv: 'Planerat',
  nb: 'Planlagt',
  fi: 'Suunniteltu',
};

export interface AtomWords {
  readonly feedTitle: string;
  event(event: EntryEvent): string;
  readonly services: string;
  readonly window: string;
}

export function atomWords(locale: string): AtomWords {
  const say = (text: LocalizedText): string => resolveText(text, locale, 'en');
  return {
    feedTitle: say(FEED_TITLE),
    event: (event) => say(EVENT_WORDS[event]),
    services: say(SERVICES),
    window: say(WINDOW),
  };
}
