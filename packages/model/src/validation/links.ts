import type { Reader } from './reader.js';
import { string } from './primitives.js';

function isHttpsUrl(text: string): boolean {
  // URL() forgives surrounding and embedded whitespace, which would not survive as an href.
  if (/\s/.test(text)) return false;
  try {
    const url = new URL(text);
    return url.protocol === 'https:' && url.hostname !== '';
  } catch {
    return false;
  }
}

export const httpsUrl: Reader<string> = (value, path, issues) => {
  const text = string(value, path, issues);
  if (text === undefined || isHttpsUrl(text)) return text;
  issues.push({ path, message: 'must be an https URL, e.g. https://example.org/help' });
  return undefined;
};

const TEL = /^tel:\+[1-9][0-9]{6,14}$/;
const MAILTO = /^mailto:[^\s@?]+@[^\s@?.]+(\.[^\s@?.]+)+(\?\S*)?$/;

function hrefProblem(text: string): string | undefined {
  if (text.startsWith('tel:')) {
    return TEL.test(text) ? undefined : 'tel: href must be an E.164 number, e.g. tel:+4570123456';
  }
  if (text.startsWith('mailto:')) {
    return MAILTO.test(text) ? undefined : 'mailto: href must hold one email address';
  }
  if (text.startsWith('https:')) {
    return isHttpsUrl(text) ? undefined : 'https href must be a valid URL';
  }
  return 'href must be https, tel: or mailto:';
}

/** Where an alternative leads: a web page, a phone number or an email address. */
export const href: Reader<string> = (value, path, issues) => {
  const text = string(value, path, issues);
  if (text === undefined) return undefined;
  const problem = hrefProblem(text);
  if (problem === undefined) return text;
  issues.push({ path, message: problem });
  return undefined;
};
