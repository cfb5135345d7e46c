/**
 * The words of the printable record page (`?format=html`), by base language. English is the
 * fallback; add a language by adding a block (every key is required, so none is forgotten).
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
};
