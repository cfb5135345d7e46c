/**
 * The words of the printable record page (`?format=html`), by base language: English, Danish,
 * Finnish, Swedish and both Norwegian written forms. English is the fallback (Icelandic pages
 * are in English until translated); add a language by adding a block (every key is required, so
 * none is forgotten).
 */
export interface RecordWords {
  readonly heading: string;
  readonly provisional: string;
  readonly kind: { readonly incident: string; readonly maintenance: string };
  readonly feed: string;
  readonly authority: string;
  readonly reportedBy: string;
  readonly services: string;
  readonly impact: string;
  readonly impacts: Readonly<Record<'minor' | 'major' | 'critical' | 'maintenance', string>>;
  readonly state: string;
  readonly start: string;
  readonly end: string;
  readonly notYet: string;
  readonly scheduled: string;
  readonly timeline: string;
  readonly revisions: string;
  readonly chainHash: string;
  readonly signature: string;
  readonly signedBy: string;
  readonly verifyHeading: string;
  readonly verifyText: string;
  readonly jsonLink: string;
}

export const RECORD_WORDS: Readonly<Record<string, RecordWords>> & { readonly en: RecordWords } = {
  en: {
    heading: 'Record of an outage',
    provisional:
      'Provisional: this event is still open, so what this record states may still change.',
    kind: { incident: 'Incident', maintenance: 'Planned maintenance' },
    feed: 'Status feed',
    authority: 'Authority',
    reportedBy: 'Reported by',
    services: 'Services',
    impact: 'Impact',
    impacts: {
      minor: 'Minor (degraded)',
      major: 'Major (partial outage)',
      critical: 'Critical (major outage)',
      maintenance: 'Planned maintenance',
    },
    state: 'State',
    start: 'Start',
    end: 'End',
    notYet: 'not yet',
    scheduled: 'Announced window',
    timeline: 'Timeline',
    revisions: 'Journal revisions',
    chainHash: 'Journal chain hash at the last revision',
    signature: 'Signature',
    signedBy: 'Signed with Ed25519 (JWS, EdDSA) by key',
    verifyHeading: 'How to verify this record',
    verifyText:
      'Save the record as JSON (link below) and run "statuskit-feed verify record.json --keys <feed>/v1/keys", or check the JWS with any JOSE library against the public keys the feed publishes at /v1/keys.',
    jsonLink: 'This record as signed JSON',
  },
  da: {
    heading: 'Dokumentation for en driftsforstyrrelse',
    provisional:
      'Foreløbig: hændelsen er ikke afsluttet, så det, denne dokumentation oplyser, kan stadig ændre sig.',
    kind: { incident: 'Driftsforstyrrelse', maintenance: 'Planlagt vedligeholdelse' },
    feed: 'Statusfeed',
    authority: 'Myndighed',
    reportedBy: 'Meldt af',
    services: 'Tjenester',
    impact: 'Påvirkning',
    impacts: {
      minor: 'Mindre (nedsat funktion)',
      major: 'Større (delvist nede)',
      critical: 'Kritisk (nede)',
      maintenance: 'Planlagt vedligeholdelse',
    },
    state: 'Status',
    start: 'Start',
    end: 'Slut',
    notYet: 'endnu ikke',
    scheduled: 'Varslet tidsrum',
    timeline: 'Forløb',
    revisions: 'Journalens revisioner',
    chainHash: 'Journalens kædehash ved sidste revision',
    signature: 'Signatur',
    signedBy: 'Signeret med Ed25519 (JWS, EdDSA) af nøglen',
    verifyHeading: 'Sådan kontrollerer du dokumentationen',
    verifyText:
      'Gem dokumentationen som JSON (linket nedenfor), og kør "statuskit-feed verify record.json --keys <feed>/v1/keys", eller kontrollér JWS’en med et hvilket som helst JOSE-bibliotek mod de offentlige nøgler, feedet udgiver på /v1/keys.',
    jsonLink: 'Dokumentationen som signeret JSON',
  },
  fi: {
    heading: 'Todistus käyttökatkosta',
    provisional:
      'Alustava: tapahtuma on yhä kesken, joten tämän todistuksen tiedot voivat vielä muuttua.',
    kind: { incident: 'Häiriö', maintenance: 'Suunniteltu huoltokatko' },
    feed: 'Tilasyöte',
    authority: 'Viranomainen',
    reportedBy: 'Ilmoittaja',
    services: 'Palvelut',
    impact: 'Vaikutus',
    impacts: {
      minor: 'Vähäinen (toiminta heikentynyt)',
      major: 'Merkittävä (osittain poissa käytöstä)',
      critical: 'Kriittinen (poissa käytöstä)',
      maintenance: 'Suunniteltu huoltokatko',
    },
    state: 'Tila',
    start: 'Alkoi',
    end: 'Päättyi',
    notYet: 'ei vielä',
    scheduled: 'Ilmoitettu ajankohta',
    timeline: 'Kulku',
    revisions: 'Lokin versiot',
    chainHash: 'Lokin ketjutiiviste viimeisessä versiossa',
    signature: 'Allekirjoitus',
    signedBy: 'Allekirjoitettu Ed25519:llä (JWS, EdDSA) avaimella',
    verifyHeading: 'Näin tarkistat todistuksen',
    verifyText:
      'Tallenna todistus JSON-muodossa (linkki alla) ja suorita "statuskit-feed verify record.json --keys <feed>/v1/keys", tai tarkista JWS millä tahansa JOSE-kirjastolla syötteen osoitteessa /v1/keys julkaisemia julkisia avaimia vasten.',
    jsonLink: 'Tämä todistus allekirjoitettuna JSON-tiedostona',
  },
  sv: {
    heading: 'Intyg om ett avbrott',
    provisional:
      'Preliminärt: händelsen pågår fortfarande, så det som intyget anger kan ännu ändras.',
    kind: { incident: 'Driftstörning', maintenance: 'Planerat underhåll' },
    feed: 'Statusflöde',
    authority: 'Myndighet',
    reportedBy: 'Rapporterat av',
    services: 'Tjänster',
    impact: 'Påverkan',
    impacts: {
      minor: 'Mindre (begränsad funktion)',
      major: 'Större (delvis nere)',
      critical: 'Kritisk (nere)',
      maintenance: 'Planerat underhåll',
    },
    state: 'Status',
    start: 'Början',
    end: 'Slut',
    notYet: 'ännu inte',
    scheduled: 'Aviserad tid',
    timeline: 'Förlopp',
    revisions: 'Journalens revisioner',
    chainHash: 'Journalens kedjehash vid sista revisionen',
    signature: 'Signatur',
    signedBy: 'Signerat med Ed25519 (JWS, EdDSA) av nyckeln',
    verifyHeading: 'Så kontrollerar du intyget',
    verifyText:
      'Spara intyget som JSON (länken nedan) och kör "statuskit-feed verify record.json --keys <feed>/v1/keys", eller kontrollera JWS:en med valfritt JOSE-bibliotek mot de publika nycklar som flödet publicerar på /v1/keys.',
    jsonLink: 'Intyget som signerad JSON',
  },
  nb: {
    heading: 'Dokumentasjon av en driftsforstyrrelse',
    provisional:
      'Foreløpig: hendelsen er ikke avsluttet, så det denne dokumentasjonen sier, kan fortsatt endre seg.',
    kind: { incident: 'Driftsforstyrrelse', maintenance: 'Planlagt vedlikehold' },
    feed: 'Statusfeed',
    authority: 'Myndighet',
    reportedBy: 'Meldt av',
    services: 'Tjenester',
    impact: 'Påvirkning',
    impacts: {
      minor: 'Mindre (redusert funksjon)',
      major: 'Større (delvis nede)',
      critical: 'Kritisk (nede)',
      maintenance: 'Planlagt vedlikehold',
    },
    state: 'Status',
    start: 'Start',
    end: 'Slutt',
    notYet: 'ikke ennå',
    scheduled: 'Varslet tidsrom',
    timeline: 'Forløp',
    revisions: 'Journalens revisjoner',
    chainHash: 'Journalens kjedehash ved siste revisjon',
    signature: 'Signatur',
    signedBy: 'Signert med Ed25519 (JWS, EdDSA) av nøkkelen',
    verifyHeading: 'Slik kontrollerer du dokumentasjonen',
    verifyText:
      'Lagre dokumentasjonen som JSON (lenken nedenfor) og kjør "statuskit-feed verify record.json --keys <feed>/v1/keys", eller kontroller JWS-en med et hvilket som helst JOSE-bibliotek mot de offentlige nøklene feeden publiserer på /v1/keys.',
    jsonLink: 'Dokumentasjonen som signert JSON',
  },
  nn: {
    heading: 'Dokumentasjon av ei driftsforstyrring',
    provisional:
      'Førebels: hendinga er ikkje avslutta, så det denne dokumentasjonen seier, kan framleis endre seg.',
    kind: { incident: 'Driftsforstyrring', maintenance: 'Planlagt vedlikehald' },
    feed: 'Statusfeed',
    authority: 'Styresmakt',
    reportedBy: 'Meld av',
    services: 'Tenester',
    impact: 'Påverknad',
    impacts: {
      minor: 'Mindre (redusert funksjon)',
      major: 'Større (delvis nede)',
      critical: 'Kritisk (nede)',
      maintenance: 'Planlagt vedlikehald',
    },
    state: 'Status',
    start: 'Start',
    end: 'Slutt',
    notYet: 'ikkje enno',
    scheduled: 'Varsla tidsrom',
    timeline: 'Forløp',
    revisions: 'Revisjonane i journalen',
    chainHash: 'Kjedehashen i journalen ved siste revisjon',
    signature: 'Signatur',
    signedBy: 'Signert med Ed25519 (JWS, EdDSA) av nøkkelen',
    verifyHeading: 'Slik kontrollerer du dokumentasjonen',
    verifyText:
      'Lagre dokumentasjonen som JSON (lenkja nedanfor) og køyr "statuskit-feed verify record.json --keys <feed>/v1/keys", eller kontroller JWS-en med eit kva som helst JOSE-bibliotek mot dei offentlege nøklane feeden publiserer på /v1/keys.',
    jsonLink: 'Dokumentasjonen som signert JSON',
  },
};
