import type { Translations } from './en.js';

/**
 * Suomi. Service names are never inflected (they come from the feed): sentences put them in the
 * nominative, after "palvelu"/"palvelua" or a colon.
 */
const fi: Translations = {
  format: {
    intlLocale: 'fi',
    timeSeparator: '.',
    midnight: 'previousMinute',
    dateTime: '{{date}} klo {{time}}',
    timeRange: '{{date}} klo {{start}}–{{end}}',
    dateTimeRange: '{{start}} – {{end}}',
    withZone: '{{text}} ({{zone}})',
  },
  banner: {
    heading: {
      outage: '{{service}} ei toimi juuri nyt',
      disruption: '{{service}} ei ehkä toimi normaalisti',
      maintenance: '{{service}} on huoltokatkolla',
      planned: 'Suunniteltu huoltokatko: {{service}}',
      soon: 'Huoltokatko alkaa pian: {{service}}',
    },
    type: {
      outage: 'Katko',
      disruption: 'Häiriö',
      maintenance: 'Huoltokatko nyt',
      planned: 'Suunniteltu huoltokatko',
      soon: 'Alkaa pian',
    },
    since: 'Alkoi: {{time}}.',
    started: 'Alkoi: {{time}}.',
    backAt: 'Toimii taas arviolta: {{time}}.',
    backUnknown: 'Emme vielä tiedä, milloin palvelu toimii taas.',
    when: 'Ajankohta: {{range}}, {{relative}}.',
    soon: 'Huoltokatko alkaa {{relative}}, klo {{time}}.',
    alternatives: 'Muut tavat hoitaa asia',
    hide: 'Piilota tämä viesti',
    resolved: '{{service}} toimii taas normaalisti.',
    announce: '{{type}}: {{title}}',
  },
  cause: {
    via: 'Et ehkä pysty käyttämään palvelua {{service}}, koska {{origin}} {{problem}}.',
    viaOptional: 'Osa palvelusta {{service}} ei ehkä toimi, koska {{origin}} {{problem}}.',
    planned: 'Et voi käyttää palvelua {{service}}, kun {{origin}} on huoltokatkolla.',
    plannedOptional: 'Osa palvelusta {{service}} ei toimi, kun {{origin}} on huoltokatkolla.',
    path: '{{service}} käyttää palvelua {{origin}} palvelun {{via}} kautta.',
    title: '{{origin}} {{problem}}',
    problem: {
      operational: 'toimii',
      unknown: 'ei ehkä toimi',
      degraded: 'toimii häiriöisesti',
      partial_outage: 'toimii vain osittain',
      maintenance: 'on huoltokatkolla',
      major_outage: 'ei toimi',
    },
  },
  work: {
    kept: 'Antamasi tiedot säilyvät.',
    lost: 'Tiedot, joita et ole lähettänyt, voivat kadota.',
    saveNow: 'Lähetä tai tallenna tietosi ennen sitä. Lähettämättömät tiedot katoavat.',
  },
  updates: {
    updated: 'Päivitetty viimeksi: {{time}}.',
    stale:
      'Emme juuri nyt pysty tarkistamaan uusia tietoja, joten tiedot voivat olla vanhentuneita.',
  },
  status: {
    operational: 'Toimii',
    unknown: 'Tila tuntematon',
    degraded: 'Häiriöitä',
    partial_outage: 'Osittainen katko',
    maintenance: 'Huoltokatko',
    major_outage: 'Ei toimi',
  },
  dependencies: {
    heading: 'Palvelut, joita {{service}} käyttää',
    headingUnknown: 'Yhteiset palvelut',
    summary: {
      problems_one: 'Yhteisiä palveluja on {{total}}, ja {{count}} niistä ei toimi normaalisti',
      problems_other: 'Yhteisiä palveluja on {{total}}, ja {{count}} niistä ei toimi normaalisti',
      ok_one: 'Yhteinen palvelu toimii normaalisti',
      ok_other: 'Kaikki {{count}} yhteistä palvelua toimivat normaalisti',
      none: '{{service}} ei käytä muita yhteisiä palveluja.',
      someUnknown: 'Kaikkien yhteisten palvelujen tila ei ole juuri nyt tiedossa.',
      unknown: 'Tila tuntematon: emme saa juuri nyt yhteyttä tilapalveluun.',
      loading: 'Haetaan tilaa …',
    },
    affecting: 'Vaikuttaa sinuun nyt',
    others: 'Muut yhteiset palvelut',
    details: 'Lisätiedot',
    detailsHidden: '({{name}})',
    required: '{{service}} ei toimi ilman sitä.',
    optional: '{{service}} toimii osittain ilman sitä.',
    via: 'Käytössä palvelun {{via}} kautta.',
    since: 'Ongelmia alkaen: {{time}}.',
    until: 'Toimii taas arviolta: {{time}}.',
    untilUnknown: 'Vielä ei tiedetä, milloin se toimii taas.',
    link: 'Ajankohtaista: {{name}}',
    pause: 'Keskeytä automaattinen päivitys',
    paused: 'Automaattinen päivitys on keskeytetty. Näet tilanteen ajankohdalta {{time}}.',
    changed: '{{name}}: {{status}}.',
  },
  alternatives: {
    heading: 'Muut tavat hoitaa asia',
    kind: {
      phone: 'Puhelin',
      in_person: 'Asiointi paikan päällä',
      paper: 'Paperilomake',
      web: 'Verkossa',
      email: 'Sähköposti',
      deadline: 'Lisäaika',
      other: 'Muut tavat',
    },
    hours: 'Aukioloajat:',
  },
  maintenance: {
    heading: 'Suunnitellut huoltokatkot',
    inProgress: 'Käynnissä nyt. Päättyy arviolta: {{time}}.',
    affects: 'Vaikuttaa palveluun {{service}}, koska se käyttää palvelua {{origin}}.',
    affectsOptional:
      'Vaikuttaa osittain palveluun {{service}}, koska se käyttää palvelua {{origin}}.',
    calendar: 'Lisää huoltokatkot kalenteriisi',
  },
};

export default fi;
