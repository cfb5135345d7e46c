export default {
  appName: 'Statuskit-konsol',
  skipToContent: 'Gå til indhold',
  nav: {
    label: 'Konsol',
    overview: 'Overblik',
    incidents: 'Hændelser',
    maintenance: 'Vedligeholdelse',
  },
  language: {
    label: 'Sprog',
    da: 'Dansk',
    en: 'English',
  },
  signedInAs: 'Logget ind som {{authority}}',
  signOut: 'Log ud',
  loading: 'Henter…',
  status: {
    operational: 'Kører normalt',
    degraded: 'Nedsat ydeevne',
    partial_outage: 'Delvist nede',
    maintenance: 'Under vedligeholdelse',
    major_outage: 'Nede',
    unknown: 'Ukendt',
  },
  error: {
    unreachable: 'Feedet kan ikke nås. Tjek din forbindelse, og prøv igen.',
    refused: 'Ikke gemt: {{reason}}',
  },
} as const;
