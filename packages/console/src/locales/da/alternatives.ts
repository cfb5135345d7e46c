export default {
  legend: 'Alternativ {{number}}',
  kind: 'Type',
  kinds: {
    phone: 'Telefon',
    in_person: 'Personligt fremmøde',
    paper: 'Papirblanket',
    web: 'Et andet websted',
    email: 'E-mail',
    deadline: 'Forlænget frist',
    other: 'Andet',
  },
  label: 'Betegnelse ({{language}})',
  detail: 'Uddybning ({{language}}, valgfri)',
  hours: 'Åbningstider ({{language}}, valgfri)',
  href: 'Link (https:, tel: eller mailto:, valgfrit)',
  add: 'Tilføj et alternativ',
  remove: 'Fjern alternativ {{number}}',
} as const;
