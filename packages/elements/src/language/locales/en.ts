/**
 * English, bundled as the default and the last fallback. Every shipped language has exactly these
 * keys (checked by the type below and by a test). Plain language: short sentences, no jargon, no
 * blame, no error codes.
 */
const en = {
  format: {
    /** The locale `Intl` formats dates in for this language (checked for support at run time). */
    intlLocale: 'en-GB',
    timeSeparator: ':',
    /** `previousMinute`: an end at 00:00 shows as 23.59 the day before (Nordic style). */
    midnight: 'midnight',
    dateTime: '{{date}}, {{time}}',
    timeRange: '{{date}}, {{start}}–{{end}}',
    dateTimeRange: '{{start}} – {{end}}',
    withZone: '{{text}} ({{zone}})',
  },
  banner: {
    heading: {
      outage: '{{service}} is not working right now',
      disruption: '{{service}} may not work as usual',
      maintenance: '{{service}} is closed for maintenance',
      planned: 'Planned maintenance of {{service}}',
      soon: 'Maintenance of {{service}} starts soon',
    },
    type: {
      outage: 'Outage',
      disruption: 'Disruption',
      maintenance: 'Maintenance now',
      planned: 'Planned maintenance',
      soon: 'Starting soon',
    },
    since: 'Since {{time}}.',
    started: 'Started {{time}}.',
    backAt: 'Expected to work again {{time}}.',
    backUnknown: 'We do not know yet when it will work again.',
    when: 'When: {{range}}, {{relative}}.',
    whenNear: 'When: {{range}}.',
    soon: 'It starts {{relative}}, at {{time}}.',
    alternatives: 'What you can do instead',
    hide: 'Hide this message',
    resolved: '{{service}} is working normally again.',
    announce: '{{type}}: {{title}}',
  },
  cause: {
    via: 'You may not be able to use {{service}} because {{origin}} {{problem}}.',
    viaOptional: 'Parts of {{service}} may not work because {{origin}} {{problem}}.',
    planned: 'You will not be able to use {{service}} while {{origin}} is closed for maintenance.',
    plannedOptional:
      'Parts of {{service}} will not work while {{origin}} is closed for maintenance.',
    path: '{{service}} uses {{origin}} through {{via}}.',
    title: '{{origin}} {{problem}}',
    problem: {
      operational: 'is working',
      unknown: 'may not be working',
      degraded: 'has problems',
      partial_outage: 'is partly down',
      maintenance: 'is closed for maintenance',
      major_outage: 'is down',
    },
  },
  work: {
    kept: 'Answers you have entered are kept.',
    lost: 'Answers you have not sent may be lost.',
    saveNow: 'Send or save your answers before then. Answers you have not sent will be lost.',
  },
  updates: {
    updated: 'Last updated {{time}}.',
    stale: 'We cannot check for news right now, so this may be out of date.',
  },
  status: {
    operational: 'Working',
    unknown: 'Status unknown',
    degraded: 'Problems',
    partial_outage: 'Partly down',
    maintenance: 'Maintenance',
    major_outage: 'Down',
  },
  dependencies: {
    heading: 'Services {{service}} depends on',
    headingUnknown: 'Shared services',
    summary: {
      problems_one: '{{count}} of {{total}} shared services has problems',
      problems_other: '{{count}} of {{total}} shared services have problems',
      ok_one: 'The shared service is working',
      ok_other: 'All {{count}} shared services are working',
      none: '{{service}} does not depend on other shared services.',
      someUnknown: 'We do not know the status of every shared service right now.',
      unknown: 'Status unknown: we cannot reach the status service right now.',
      loading: 'Checking the status…',
    },
    affecting: 'Affecting you now',
    others: 'Other shared services',
    details: 'Details',
    detailsHidden: 'about {{name}}',
    required: '{{service}} cannot work without it.',
    optional: '{{service}} can partly work without it.',
    via: 'Used through {{via}}.',
    since: 'Problems since {{time}}.',
    until: 'Expected to work again {{time}}.',
    untilUnknown: 'Not known yet when it will work again.',
    link: 'News from {{name}}',
    pause: 'Pause live updates',
    paused: 'Live updates are paused. You are seeing the status from {{time}}.',
    changed: '{{name}}: {{status}}.',
  },
  alternatives: {
    heading: 'What you can do instead',
    kind: {
      phone: 'Phone',
      in_person: 'In person',
      paper: 'Paper form',
      web: 'Online',
      email: 'Email',
      deadline: 'More time',
      other: 'Other ways',
    },
    hours: 'Opening hours:',
  },
  maintenance: {
    heading: 'Planned maintenance',
    inProgress: 'Going on now. Expected to end {{time}}.',
    affects: 'Affects {{service}}, which uses {{origin}}.',
    affectsOptional: 'Affects parts of {{service}}, which uses {{origin}}.',
    calendar: 'Add planned maintenance to your calendar',
  },
  availability: {
    heading: 'Availability of {{service}}',
    loading: 'Getting the availability figures…',
    error: 'Availability figures cannot be shown right now.',
    empty: 'There are no availability figures for this period yet.',
    noData: 'No figures',
    since: 'Measuring began {{date}}. Earlier days have no figures.',
    levels: {
      heading: 'Promised service levels',
      none: 'No service level declared.',
      target: 'Availability target',
      supportHours: 'Support hours',
      maxOutage: 'Longest single outage allowed',
      notice: 'Notice of planned maintenance',
    },
    measured: {
      heading: 'Implied by the declared status over the last {{period}}',
      experienced: 'Availability as users experienced it',
      excludingPlanned: 'Availability not counting planned maintenance',
    },
    checks: {
      heading: 'Measured by automatic checks over the last {{period}}',
      figure: 'Share of checks that succeeded',
      count: 'Checks run',
      began: 'Checks began',
      noProbe:
        'No automatic check watches this service, so there is no measured figure. The other figures come from the status the service has declared.',
      unavailable: 'The results of the automatic checks cannot be shown right now.',
      none: 'No automatic check has run in this period yet.',
    },
    verdict: {
      met: 'The target of {{target}} was met.',
      notMet: 'The target of {{target}} was not met.',
      noData: 'There are not enough figures yet to tell whether the target was met.',
    },
    table: {
      show: 'Figures day by day',
      caption: 'Availability day by day, newest first: {{from}} to {{to}}',
      date: 'Date',
      availability: 'Availability',
      incidents: 'Incidents',
      maintenance: 'Maintenance',
      none: 'None',
      checks: 'Automatic checks',
      noChecks: 'No checks',
      partial: '{{figure}} from {{time}}, when measuring began',
    },
    records: {
      link: 'Get a record of this outage',
    },
  },
};

/** The shape of a language's strings: the same keys as English, any text. */
export type Translations = Shape<typeof en>;
type Shape<T> = { readonly [K in keyof T]: T[K] extends string ? string : Shape<T[K]> };

export default en satisfies Translations;
