export default {
  appName: 'Statuskit console',
  skipToContent: 'Skip to content',
  nav: {
    label: 'Console',
    overview: 'Overview',
    incidents: 'Incidents',
    maintenance: 'Maintenance',
  },
  language: {
    label: 'Language',
    da: 'Dansk',
    en: 'English',
  },
  signedInAs: 'Signed in as {{authority}}',
  signOut: 'Sign out',
  loading: 'Loading…',
  status: {
    operational: 'Operational',
    degraded: 'Degraded performance',
    partial_outage: 'Partial outage',
    maintenance: 'Under maintenance',
    major_outage: 'Major outage',
    unknown: 'Unknown',
  },
  error: {
    unreachable: 'The feed cannot be reached. Check your connection and try again.',
    refused: 'Not saved: {{reason}}',
  },
} as const;
