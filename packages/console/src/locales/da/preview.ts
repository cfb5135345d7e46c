export default {
  heading: 'Forhåndsvisning: det brugerne vil se',
  language: 'Forhåndsvisningens sprog',
  service: 'Side for',
  phone: 'Telefon ({{width}} px)',
  desktop: 'Computer ({{width}} px)',
  frame: '{{width}}, {{language}}',
  empty: 'Udfyld formularen for at se forhåndsvisningen.',
  updating: 'Opdaterer forhåndsvisningen…',
  noNotice: 'Ingen meddelelse: brugerne ser siden som normalt.',
  warnings: 'Advarsler',
  problems: 'Udkastet kan ikke offentliggøres endnu',
  failed: 'Ingen forhåndsvisning: {{reason}}',
} as const;
