import type { Translations } from './en.js';

/**
 * Íslenska. Service names come from the feed and are not inflected, so sentences avoid words that
 * would have to agree with them (adjectives), or put the name after a colon.
 */
const is: Translations = {
  format: {
    intlLocale: 'is',
    timeSeparator: ':',
    midnight: 'previousMinute',
    dateTime: '{{date}} kl. {{time}}',
    timeRange: '{{date}} kl. {{start}}–{{end}}',
    dateTimeRange: '{{start}} – {{end}}',
    withZone: '{{text}} ({{zone}})',
  },
  banner: {
    heading: {
      outage: '{{service}} virkar ekki eins og er',
      disruption: '{{service}} virkar hugsanlega ekki eðlilega',
      maintenance: 'Viðhald stendur yfir: {{service}}',
      planned: 'Fyrirhugað viðhald: {{service}}',
      soon: 'Viðhald hefst bráðum: {{service}}',
    },
    type: {
      outage: 'Rof á þjónustu',
      disruption: 'Truflun',
      maintenance: 'Viðhald stendur yfir',
      planned: 'Fyrirhugað viðhald',
      soon: 'Hefst bráðum',
    },
    since: 'Frá {{time}}.',
    started: 'Hófst {{time}}.',
    backAt: 'Ætti að virka aftur {{time}}.',
    backUnknown: 'Við vitum ekki enn hvenær þetta virkar aftur.',
    when: 'Hvenær: {{range}}, {{relative}}.',
    soon: 'Það hefst {{relative}}, kl. {{time}}.',
    alternatives: 'Þetta getur þú gert í staðinn',
    hide: 'Fela þessi skilaboð',
    resolved: '{{service}} virkar aftur eðlilega.',
    announce: '{{type}}: {{title}}',
  },
  cause: {
    via: 'Þú getur hugsanlega ekki notað {{service}} vegna þess að {{origin}} {{problem}}.',
    viaOptional:
      'Hlutar af {{service}} virka hugsanlega ekki vegna þess að {{origin}} {{problem}}.',
    planned: 'Þú getur ekki notað {{service}} á meðan viðhald stendur yfir á {{origin}}.',
    plannedOptional: 'Hlutar af {{service}} virka ekki á meðan viðhald stendur yfir á {{origin}}.',
    path: '{{service}} notar {{origin}} í gegnum {{via}}.',
    title: '{{origin}} {{problem}}',
    problem: {
      operational: 'virkar',
      unknown: 'virkar hugsanlega ekki',
      degraded: 'á í vandræðum',
      partial_outage: 'liggur niðri að hluta',
      maintenance: 'er í viðhaldi',
      major_outage: 'liggur niðri',
    },
  },
  work: {
    kept: 'Svörin sem þú hefur fyllt út eru vistuð.',
    lost: 'Svör sem þú hefur ekki sent gætu tapast.',
    saveNow: 'Sendu eða vistaðu svörin þín fyrir þann tíma. Svör sem hafa ekki verið send tapast.',
  },
  updates: {
    updated: 'Síðast uppfært {{time}}.',
    stale: 'Við getum ekki athugað með nýjar upplýsingar núna, svo þær gætu verið úreltar.',
  },
  status: {
    operational: 'Virkar',
    unknown: 'Óþekkt staða',
    degraded: 'Truflanir',
    partial_outage: 'Liggur niðri að hluta',
    maintenance: 'Viðhald',
    major_outage: 'Liggur niðri',
  },
  dependencies: {
    heading: 'Þjónustur sem {{service}} byggir á',
    headingUnknown: 'Sameiginlegar þjónustur',
    summary: {
      problems_one: 'Vandamál í {{count}} af {{total}} sameiginlegum þjónustum',
      problems_other: 'Vandamál í {{count}} af {{total}} sameiginlegum þjónustum',
      ok_one: 'Sameiginlega þjónustan virkar',
      ok_other: 'Allar {{count}} sameiginlegu þjónusturnar virka',
      none: '{{service}} byggir ekki á öðrum sameiginlegum þjónustum.',
      someUnknown: 'Staða allra sameiginlegra þjónusta er ekki þekkt eins og er.',
      unknown: 'Óþekkt staða: Ekki næst samband við stöðuþjónustuna eins og er.',
      loading: 'Sæki stöðu …',
    },
    affecting: 'Hefur áhrif á þig núna',
    others: 'Aðrar sameiginlegar þjónustur',
    details: 'Nánar',
    detailsHidden: 'um {{name}}',
    required: '{{service}} virkar ekki án hennar.',
    optional: '{{service}} virkar að hluta án hennar.',
    via: 'Notuð í gegnum {{via}}.',
    since: 'Vandamál frá {{time}}.',
    until: 'Ætti að virka aftur {{time}}.',
    untilUnknown: 'Ekki er enn vitað hvenær hún virkar aftur.',
    link: 'Fréttir frá {{name}}',
    pause: 'Gera hlé á sjálfvirkum uppfærslum',
    paused: 'Hlé er á sjálfvirkum uppfærslum. Þú sérð stöðuna frá {{time}}.',
    changed: '{{name}}: {{status}}.',
  },
  alternatives: {
    heading: 'Þetta getur þú gert í staðinn',
    kind: {
      phone: 'Sími',
      in_person: 'Á staðnum',
      paper: 'Pappírseyðublað',
      web: 'Á netinu',
      email: 'Tölvupóstur',
      deadline: 'Lengri frestur',
      other: 'Aðrar leiðir',
    },
    hours: 'Opnunartími:',
  },
  maintenance: {
    heading: 'Fyrirhugað viðhald',
    inProgress: 'Stendur yfir núna. Áætluð lok {{time}}.',
    affects: 'Hefur áhrif á {{service}}, sem notar {{origin}}.',
    affectsOptional: 'Hefur áhrif á hluta af {{service}}, sem notar {{origin}}.',
    calendar: 'Bæta fyrirhuguðu viðhaldi við dagatalið þitt',
  },
};

export default is;
