import { ALTERNATIVE_KINDS, type Alternative } from '../types.js';
import { allPresent, arrayOf, definedOnly, readObject, type Reader } from './reader.js';
import { href } from './links.js';
import { longText, oneOf, shortText } from './primitives.js';

export const alternative: Reader<Alternative> = (value, path, issues) =>
  readObject(value, path, issues, (fields) => {
    const required = allPresent({
      kind: fields.required('kind', oneOf(ALTERNATIVE_KINDS)),
      label: fields.required('label', shortText),
    });
    const optional = definedOnly({
      detail: fields.optional('detail', longText),
      href: fields.optional('href', href),
      hours: fields.optional('hours', shortText),
    });
    return required && { ...required, ...optional };
  });

export const alternatives = arrayOf(alternative);
