// Integrator playground: builds the chosen elements for the chosen service and language, shows
// them live from the demo feed, and prints the snippet to paste into a page. DOM is built with
// createElement/textContent only (the page runs under Trusted Types).

const config = await (await fetch('/demo-config.json', { cache: 'no-store' })).json();
const status = await (await fetch(`${config.feed}/status.json`, { cache: 'no-store' })).json();

// The bundle reads the feed from a configuration tag (the URL is only known at run time).
const tag = document.createElement('script');
tag.type = 'application/json';
tag.dataset.statuskit = '';
tag.dataset.feed = config.feed;
document.head.append(tag);
await import('/statuskit/statuskit.js');

const form = document.getElementById('options');
const serviceSelect = document.getElementById('service');
const name = (service) => service.name?.en ?? service.name?.da ?? service.id;
// Services with dependencies first: they are the ones the elements say most about.
const services = [...status.document.services].sort(
  (a, b) => (b.dependsOn?.length ?? 0) - (a.dependsOn?.length ?? 0),
);
for (const service of services) {
  const option = document.createElement('option');
  option.value = service.id;
  option.textContent = `${name(service)} (${service.id})`;
  option.selected = service.id === 'tax-return';
  serviceSelect.append(option);
}

function options() {
  const data = new FormData(form);
  return {
    service: String(data.get('service')),
    language: String(data.get('language')),
    elements: data.getAll('element').map(String),
    always: data.get('always') === 'on',
    headingLevel: String(data.get('headingLevel')),
  };
}

function attributesOf(tagName, { service, always, headingLevel }) {
  return [
    ['service', service],
    ['heading-level', headingLevel],
    ...(tagName === 'status-alternatives' && always ? [['mode', 'always']] : []),
  ];
}

function render() {
  const chosen = options();
  const preview = document.getElementById('preview');
  preview.lang = chosen.language;
  preview.replaceChildren(
    ...chosen.elements.map((tagName) => {
      const element = document.createElement(tagName);
      for (const [attribute, value] of attributesOf(tagName, chosen)) {
        element.setAttribute(attribute, value);
      }
      return element;
    }),
  );

  const origin = location.origin;
  const lines = [
    `<html lang="${chosen.language}">`,
    '<script',
    '  type="module"',
    `  src="${origin}/statuskit/statuskit.js"`,
    `  data-feed="${config.feed}"`,
    `  data-service="${chosen.service}"`,
    '></script>',
    '',
    ...chosen.elements.map((tagName) => {
      const extra = attributesOf(tagName, chosen)
        .filter(([attribute]) => attribute !== 'service')
        .map(([attribute, value]) => ` ${attribute}="${value}"`)
        .join('');
      return `<${tagName}${extra}></${tagName}>`;
    }),
  ];
  document.getElementById('snippet').textContent = lines.join('\n');
  document.getElementById('copied').textContent = '';
}

form.addEventListener('change', render);
document.getElementById('copy').addEventListener('click', async () => {
  const result = document.getElementById('copied');
  try {
    await navigator.clipboard.writeText(document.getElementById('snippet').textContent ?? '');
    result.textContent = 'Copied.';
  } catch {
    result.textContent = 'Copying is not allowed here: select the snippet and copy it by hand.';
  }
});
render();
