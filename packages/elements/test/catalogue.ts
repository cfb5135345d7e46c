/**
 * The shared test catalogue, used by the Node tests (as a document) and the browser tests (as a
 * real feed's configuration): the national eID, login through it, Digital Post, and a tax return
 * that needs login and can partly do without Digital Post. Names and alternatives come in several
 * languages, some deliberately missing (Finnish readers get Danish text, marked with `lang`).
 */
import type { Incident, Maintenance, Service, StatusDocument } from '@statuskit/model';

export const services: Service[] = [
  {
    id: 'eid',
    name: { da: 'MitID', en: 'MitID', fi: 'MitID' },
    owner: 'digst',
    status: 'operational',
    url: 'https://www.mitid.dk/drift',
  },
  {
    id: 'login',
    name: { da: 'Log ind', en: 'Login', fi: 'Kirjautuminen', sv: 'Inloggning' },
    owner: 'digst',
    status: 'operational',
    dependsOn: ['eid'],
  },
  {
    id: 'digital-post',
    name: { da: 'Digital Post', en: 'Digital Post', fi: 'Digitaalinen posti' },
    owner: 'digst',
    status: 'operational',
  },
  {
    id: 'tax-return',
    name: { da: 'Selvangivelse', en: 'Tax return', fi: 'Veroilmoitus', sv: 'Deklaration' },
    owner: 'tax',
    status: 'operational',
    dependsOn: ['login', { service: 'digital-post', optional: true }],
    sla: { availabilityTarget: 99.5, noticePeriodDays: 5 },
    alternatives: [
      {
        kind: 'paper',
        label: { da: 'Udfyld papirblanket 04.012', en: 'Fill in paper form 04.012' },
        href: 'https://skat.example/blanketter/04-012',
      },
      {
        kind: 'phone',
        label: {
          da: 'Ring til Skattestyrelsen',
          en: 'Call the Danish Tax Agency',
          fi: 'Soita Tanskan verohallintoon',
        },
        href: 'tel:+4572222828',
        hours: { da: 'Man–fre 9.00–16.00', en: 'Mon–Fri 9.00–16.00' },
      },
      {
        kind: 'in_person',
        label: { da: 'Mød op i et skattecenter' },
        detail: { da: 'Husk billedlegitimation.', en: 'Bring photo ID.' },
      },
    ],
  },
];

export const authorities = [
  { id: 'digst', name: { da: 'Digitaliseringsstyrelsen', en: 'Agency for Digital Government' } },
  { id: 'tax', name: { da: 'Skattestyrelsen', en: 'Danish Tax Agency' } },
];

/** The catalogue as a document, with whatever incidents and maintenance a test needs. */
export function documentWith(
  incidents: Incident[] = [],
  maintenance: Maintenance[] = [],
  overrides: Partial<Record<string, Partial<Service>>> = {},
): StatusDocument {
  return {
    defaultLocale: 'da',
    timeZone: 'Europe/Copenhagen',
    authorities,
    services: services.map((service) => ({ ...service, ...overrides[service.id] })),
    incidents,
    maintenance,
  };
}

/** A feed configuration of the catalogue (`statuskit.config.json`), with token hashes. */
export function feedConfig(tokenHashes: Readonly<Record<string, string>>): Record<string, unknown> {
  return {
    defaultLocale: 'da',
    timeZone: 'Europe/Copenhagen',
    authorities: authorities.map((authority) => ({
      ...authority,
      tokens: [tokenHashes[authority.id]],
    })),
    services: services.map(({ status: _status, ...service }) => service),
    cors: { origins: '*' },
    heartbeatSeconds: 15,
  };
}

export function incident(fields: Partial<Incident> & Pick<Incident, 'services'>): Incident {
  return {
    id: 'inc-1',
    impact: 'critical',
    title: { da: 'MitID er nede', en: 'MitID is down', fi: 'MitID ei toimi' },
    message: { da: 'Vi arbejder på at løse det.', en: 'We are working on it.' },
    state: 'investigating',
    startedAt: '2026-03-14T20:58:00+01:00',
    updates: [],
    ...fields,
  };
}

export function maintenance(
  fields: Partial<Maintenance> & Pick<Maintenance, 'services' | 'scheduledStart' | 'scheduledEnd'>,
): Maintenance {
  return {
    id: 'mnt-1',
    title: { da: 'Opdatering af MitID', en: 'MitID update', fi: 'MitID-päivitys' },
    message: { da: 'MitID opdateres.', en: 'MitID is being updated.' },
    announcedAt: '2026-03-01T10:00:00+01:00',
    state: 'scheduled',
    ...fields,
  };
}
