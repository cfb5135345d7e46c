// Integrator playground: builds the chosen elements for the chosen service, language and theme,
// shows them live from the demo feed, and prints the snippet to paste into a page in three forms
// (script tag, ES module import, React). DOM is built with createElement/textContent only (the
// page runs under Trusted Types), and styles are set through CSSOM (the CSP forbids inline ones).
import { themeCss, themeProperties, contrastWarning } from './playground-theme.js';
import { snippetFor } from './playground-snippets.js';

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
const accentInput = document.getElementById('accent');
const name = (service, language = 'en') =>
  service.name?.[language] ?? service.name?.en ?? service.name?.da ?? service.id;
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
    headingLevel: Number(data.get('headingLevel')),
    theme: String(data.get('theme')),
    accent: accentInput.value,
    form: String(data.get('form')),
  };
}

/** The attributes each element gets in the preview (the snippets derive theirs from these). */
function attributesOf(tagName, { service, always, headingLevel }) {
  return [
    ['service', service],
    ['heading-level', String(headingLevel)],
    ...(tagName === 'status-alternatives' && always ? [['mode', 'always']] : []),
  ];
}

function renderPreview(chosen) {
  const preview = document.getElementById('preview');
  preview.lang = chosen.language;
  preview.className = `preview preview-${chosen.theme}`;
  for (const property of [...preview.style]) preview.style.removeProperty(property);
  for (const [property, value] of Object.entries(themeProperties(chosen.theme, chosen.accent))) {
    preview.style.setProperty(property, value);
  }
  preview.replaceChildren(
    ...chosen.elements.map((tagName) => {
      const element = document.createElement(tagName);
      for (const [attribute, value] of attributesOf(tagName, chosen)) {
        element.setAttribute(attribute, value);
      }
      return element;
    }),
  );
}

function render() {
  const chosen = options();
  accentInput.disabled = chosen.theme !== 'custom';
  document.getElementById('accent-warning').textContent =
    chosen.theme === 'custom' ? contrastWarning(chosen.accent) : '';
  renderPreview(chosen);
  const snippet = snippetFor(chosen.form, {
    ...chosen,
    feed: config.feed,
    origin: location.origin,
    css: themeCss(chosen.theme, chosen.accent),
    title: name(
      services.find((service) => service.id === chosen.service) ?? { id: chosen.service },
      chosen.language,
    ),
    attributesOf: (tagName) => attributesOf(tagName, chosen),
  });
  document.getElementById('snippet').textContent = snippet;
  document.getElementById('snippet-form').textContent = {
    script: 'an HTML page with the script tag',
    module: 'an HTML page with ES module imports',
    react: 'a React component (TypeScript)',
  }[chosen.form];
  document.getElementById('copied').textContent = '';
}

form.addEventListener('change', render);
form.addEventListener('input', (event) => {
  if (event.target === accentInput) render();
});
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
