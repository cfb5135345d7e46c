export default {
  heading: 'Preview: what users will see',
  language: 'Language of the preview',
  service: 'Page of',
  phone: 'Phone ({{width}} px)',
  desktop: 'Desktop ({{width}} px)',
  frame: '{{width}}, {{language}}',
  empty: 'Fill in the form to see the preview.',
  updating: 'Updating the preview…',
  noNotice: 'No notice: users see this page as normal.',
  warnings: 'Warnings',
  problems: 'The draft cannot be published yet',
  failed: 'No preview: {{reason}}',
} as const;
