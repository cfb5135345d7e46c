export default {
  legend: 'Alternative {{number}}',
  kind: 'Kind',
  kinds: {
    phone: 'Phone',
    in_person: 'In person',
    paper: 'Paper form',
    web: 'Another website',
    email: 'Email',
    deadline: 'Extended deadline',
    other: 'Other',
  },
  label: 'Label ({{language}})',
  detail: 'Detail ({{language}}, optional)',
  hours: 'Opening hours ({{language}}, optional)',
  href: 'Link (https:, tel: or mailto:, optional)',
  add: 'Add an alternative',
  remove: 'Remove alternative {{number}}',
} as const;
