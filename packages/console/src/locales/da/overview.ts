export default {
  title: 'Overblik',
  loading: 'Henter overblikket…',
  live: 'Opdateres løbende.',
  unreachable:
    'Feedet kan ikke nås: overblikket er måske forældet. Det opdateres igen, når feedet er tilbage.',
  failed: 'Overblikket kunne ikke hentes: {{reason}}',
  warnings: {
    heading: 'Advarsler',
    none: 'Intet at rette.',
    noticePeriod:
      '“{{title}}” varsles {{givenDays}} dage før, men {{service}} har et varsel på {{requiredDays}} dage.',
    maxOutage:
      '“{{title}}” varer {{plannedMinutes}} minutter, men {{service}} tillader højst {{maxMinutes}} minutters sammenhængende nedetid.',
    missingTranslation: '“{{title}}” mangler {{languages}} i {{field}}.',
    fix: 'Ret det',
  },
  services: {
    heading: 'Tjenester',
    own: 'Egen status: {{status}}',
    experienced: 'Brugerne oplever: {{status}}',
    yours: 'Din',
    readOnly: 'Kun læseadgang ({{owner}})',
    because: 'fordi den afhænger af {{chain}}',
    becauseHere: 'på grund af en åben hændelse eller vedligeholdelse på denne tjeneste',
    whichDependsOn: ', som afhænger af ',
    link: '{{service}} ({{status}})',
  },
  incidents: {
    heading: 'Åbne hændelser',
    none: 'Ingen åbne hændelser.',
    automatic: 'Åbnet af overvågningen',
    services: 'Berører {{services}}',
    open: 'Opret en ny hændelse',
  },
  maintenance: {
    heading: 'Vedligeholdelse',
    none: 'Ingen planlagt eller igangværende vedligeholdelse.',
    upcoming: 'Kommende',
    running: 'I gang',
    ended: 'Afsluttet',
    when: '{{start}} til {{end}}',
    scheduled: 'Planlagte varslinger',
    announceAt: '“{{title}}” varsles {{at}}',
  },
} as const;
