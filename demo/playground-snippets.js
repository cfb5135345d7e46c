// The playground's snippets. The script tag and ES module forms are whole HTML pages that work
// pasted into a blank file as they are; the React form is a component for an app with a bundler.

/** Packages the ES module form maps to this demo's copies (a CDN would serve the same files). */
const MODULE_ENTRIES = {
  lit: 'lit/index.js',
  'lit/': 'lit/',
  'lit-html': 'lit-html/lit-html.js',
  'lit-html/': 'lit-html/',
  'lit-element/': 'lit-element/',
  '@lit/reactive-element': '@lit/reactive-element/reactive-element.js',
  '@lit/reactive-element/': '@lit/reactive-element/',
  'eventsource-parser': 'eventsource-parser/dist/index.js',
  '@statuskit/model': '@statuskit/model/dist/index.js',
  '@statuskit/client': '@statuskit/client/dist/index.js',
  '@statuskit/client/view': '@statuskit/client/dist/view/index.js',
};

const REACT_NAMES = {
  'status-banner': 'StatusBanner',
  'status-alternatives': 'StatusAlternatives',
  'status-dependencies': 'StatusDependencies',
  'status-maintenance': 'StatusMaintenance',
};

/** The package path of an element's `define` module: `@statuskit/elements/banner/define`. */
function defineSpecifier(tagName) {
  return `@statuskit/elements/${tagName.replace('status-', '')}/define`;
}

/** `form` is 'script', 'module' or 'react'; `context` holds the playground's choices. */
export function snippetFor(form, context) {
  if (form === 'module') return moduleSnippet(context);
  if (form === 'react') return reactSnippet(context);
  return scriptTagSnippet(context);
}

function scriptTagSnippet(context) {
  const { origin, feed, service, elements, attributesOf } = context;
  return page(
    context,
    [
      '<script',
      '  type="module"',
      `  src="${origin}/statuskit/statuskit.js"`,
      `  data-feed="${feed}"`,
      `  data-service="${service}"`,
      '></script>',
    ],
    elements.map((tagName) =>
      tag(
        tagName,
        attributesOf(tagName).filter(([a]) => a !== 'service'),
      ),
    ),
  );
}

function moduleSnippet(context) {
  const { origin, feed, elements, attributesOf } = context;
  const imports = {
    ...Object.fromEntries(
      Object.entries(MODULE_ENTRIES).map(([name, path]) => [name, `${origin}/modules/${path}`]),
    ),
    ...Object.fromEntries(
      elements.map((tagName) => [
        defineSpecifier(tagName),
        `${origin}/modules/@statuskit/elements/dist/${tagName.replace('status-', '')}/define.js`,
      ]),
    ),
  };
  const map = JSON.stringify({ imports }, null, 2).split('\n');
  return page(
    context,
    [
      "<!-- The import map points the package names at this demo's copies. With a bundler,",
      '     npm install @statuskit/elements and keep only the imports. -->',
      '<script type="importmap">',
      ...map,
      '</script>',
      '<script type="module">',
      ...elements.map((tagName) => `  import '${defineSpecifier(tagName)}';`),
      '</script>',
    ],
    elements.map((tagName) => tag(tagName, [['feed', feed], ...attributesOf(tagName)])),
  );
}

function reactSnippet({ feed, service, elements, always, headingLevel }) {
  const used = elements.map((tagName) => REACT_NAMES[tagName]).filter(Boolean);
  const props = (tagName) =>
    [
      'feed={feed}',
      `service="${service}"`,
      `headingLevel={${headingLevel}}`,
      ...(tagName === 'status-alternatives' && always ? ['mode="always"'] : []),
    ].join(' ');
  return [
    '// npm install @statuskit/elements react react-dom',
    `import { ${[...used].sort().join(', ')} } from '@statuskit/elements/react';`,
    '',
    `const feed = '${feed}';`,
    '',
    'export function ServiceStatus() {',
    '  return (',
    '    <>',
    ...elements
      .filter((tagName) => REACT_NAMES[tagName])
      .map((tagName) => `      <${REACT_NAMES[tagName]} ${props(tagName)} />`),
    '    </>',
    '  );',
    '}',
  ].join('\n');
}

const indent = (lines, depth) => lines.map((line) => `${'  '.repeat(depth)}${line}`);

/**
 * A whole page: `head` lines go in <head>, theme CSS in a <style>, and `elements` (one line each,
 * in the order chosen) in <main>, the banner above the page's main heading as the docs advise.
 */
function page({ language, css, title }, head, elements) {
  const banner = elements.filter((line) => line.startsWith('<status-banner'));
  const rest = elements.filter((line) => !line.startsWith('<status-banner'));
  const body = [
    '<main>',
    ...indent([...banner, `<h1>${escapeHtml(title)}</h1>`, ...rest], 1),
    '</main>',
  ];
  return [
    '<!doctype html>',
    `<html lang="${language}">`,
    '  <head>',
    '    <meta charset="utf-8" />',
    '    <meta name="viewport" content="width=device-width, initial-scale=1" />',
    '    <title>Statuskit</title>',
    ...indent(head, 2),
    ...(css ? indent(['<style>', ...indent(css.split('\n'), 1), '</style>'], 2) : []),
    '  </head>',
    '  <body>',
    ...indent(body, 2),
    '  </body>',
    '</html>',
  ].join('\n');
}

function escapeHtml(text) {
  return text.replace(
    /[&<>"]/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c],
  );
}

function tag(tagName, attributes) {
  const text = attributes.map(([name, value]) => ` ${name}="${value}"`).join('');
  return `<${tagName}${text}></${tagName}>`;
}
