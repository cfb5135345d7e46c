export default {
  title: 'Overview',
  loading: 'Reading the overview…',
  live: 'Updates live.',
  unreachable:
    'The feed cannot be reached: this overview may be out of date. It updates again when the feed is back.',
  failed: 'The overview could not be read: {{reason}}',
  warnings: {
    heading: 'Warnings',
    none: 'Nothing to fix.',
    noticePeriod:
      '“{{title}}” gives {{givenDays}} days’ notice, but {{service}} declares a notice period of {{requiredDays}} days.',
    maxOutage:
      '“{{title}}” lasts {{plannedMinutes}} minutes, but {{service}} declares a maximum single outage of {{maxMinutes}} minutes.',
    missingTranslation: '“{{title}}” lacks {{languages}} in {{field}}.',
    fix: 'Fix it',
  },
  services: {
    heading: 'Services',
    own: 'Own status: {{status}}',
    experienced: 'Users experience: {{status}}',
    yours: 'Yours',
    readOnly: 'Read only ({{owner}})',
    because: 'because it depends on {{chain}}',
    becauseHere: 'because of an open incident or maintenance on this service',
    whichDependsOn: ', which depends on ',
    link: '{{service}} ({{status}})',
  },
  incidents: {
    heading: 'Open incidents',
    none: 'No open incidents.',
    automatic: 'Opened by monitoring',
    services: 'Affects {{services}}',
    open: 'Open a new incident',
  },
  maintenance: {
    heading: 'Maintenance',
    none: 'No maintenance planned or running.',
    upcoming: 'Upcoming',
    running: 'Running',
    ended: 'Ended',
    when: '{{start}} to {{end}}',
    scheduled: 'Announcements scheduled',
    announceAt: '“{{title}}” will be announced {{at}}',
  },
} as const;
