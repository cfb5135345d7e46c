import { nothing } from 'lit';

/**
 * Renders lit templates to an HTML string, for the server-rendered banner. The elements'
 * templates are plain (text and attribute bindings, nested templates, lists, `nothing`, event
 * listeners), so this small renderer covers them without `@lit-labs/ssr` and its dependencies;
 * what it cannot place safely it refuses with an error rather than guessing.
 *
 * - Text bindings are escaped (`&`, `<`, `>`): feed text can never become markup.
 * - Attribute bindings are escaped for a quoted value (`&`, `<`, `>`, `"`, `'`); `nothing`, `null` and
 *   `undefined` drop a whole-value attribute, as lit does.
 * - `@event` and `.property` bindings have no HTML form and are left out; `?attr` renders the
 *   bare attribute when truthy.
 * - No hydration markers: the element renders its own DOM when it takes over.
 */

interface Template {
  readonly _$litType$: number;
  readonly strings: TemplateStringsArray;
  readonly values: readonly unknown[];
}

type Context = 'text' | 'tag' | 'double' | 'single' | 'comment';

function isTemplate(value: unknown): value is Template {
  return (
    typeof value === 'object' &&
    value !== null &&
    '_$litType$' in value &&
    'strings' in value &&
    'values' in value
  );
}

export function escapeText(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}

export function escapeAttribute(text: string): string {
  return escapeText(text).replaceAll('"', '&quot;').replaceAll("'", '&#39;');
}

/** `value` in a text position: templates, lists, text; `nothing`, `null`, `undefined`, booleans: empty. */
export function renderHtml(value: unknown): string {
  if (value === nothing || value === null || value === undefined || typeof value === 'boolean') {
    return '';
  }
  if (isTemplate(value)) return renderTemplate(value);
  if (Array.isArray(value)) return value.map(renderHtml).join('');
  if (typeof value === 'string' || typeof value === 'number') return escapeText(String(value));
  throw new TypeError(`template value of type ${typeof value} cannot be rendered as HTML`);
}

/** An attribute value as text: strings, numbers and booleans only. */
function attributeText(value: unknown): string {
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
    return escapeAttribute(String(value));
  }
  throw new TypeError(`attribute value of type ${typeof value} cannot be rendered as HTML`);
}

/** Where the end of `html` leaves the parser, starting in `context`. */
function advance(context: Context, html: string): Context {
  let state = context;
  for (let index = 0; index < html.length; index += 1) {
    const char = html[index];
    switch (state) {
      case 'text':
        if (html.startsWith('<!--', index)) {
          state = 'comment';
          index += 3;
        } else if (char === '<' && /[a-zA-Z/]/.test(html[index + 1] ?? '')) state = 'tag';
        break;
      case 'tag':
        if (char === '"') state = 'double';
        else if (char === "'") state = 'single';
        else if (char === '>') state = 'text';
        break;
      case 'double':
        if (char === '"') state = 'tag';
        break;
      case 'single':
        if (char === "'") state = 'tag';
        break;
      case 'comment':
        if (html.startsWith('-->', index)) {
          state = 'text';
          index += 2;
        }
        break;
    }
  }
  return state;
}

const UNQUOTED_ATTRIBUTE = /\s([.?@]?[^\s"'>/=]+)=$/;

function renderTemplate({ strings, values }: Template): string {
  let output = '';
  let context: Context = 'text';
  strings.forEach((part, index) => {
    output += part;
    context = advance(context, part);
    if (index >= values.length) return;
    const value = values[index];
    switch (context) {
      case 'text':
        output += renderHtml(value);
        return;
      case 'double':
      case 'single':
        // Part of a quoted value (`class="base ${variant}"`).
        if (value !== nothing && value !== null && value !== undefined) {
          output += attributeText(value);
        }
        return;
      case 'tag': {
        const match = UNQUOTED_ATTRIBUTE.exec(output);
        const name = match?.[1];
        if (match === null || name === undefined) {
          throw new TypeError(`a binding inside a tag must be an attribute value: …${part}`);
        }
        output = output.slice(0, output.length - match[0].length);
        const prefix = name[0];
        if (prefix === '@' || prefix === '.') return;
        if (prefix === '?') {
          output += value ? ` ${name.slice(1)}` : '';
          return;
        }
        if (value === nothing || value === null || value === undefined) return;
        output += ` ${name}="${attributeText(value)}"`;
        return;
      }
      case 'comment':
        throw new TypeError('bindings inside comments cannot be rendered');
    }
  });
  return output;
}
