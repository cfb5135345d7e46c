import type { StatusDocument } from './types.js';

/**
 * The languages a feed publishes in: its default first, then every other language its services
 * are named in, alphabetically. The console asks for every text in each of them, and warns about
 * a published text that lacks one.
 */
export function feedLanguages(
  document: Pick<StatusDocument, 'defaultLocale' | 'services'>,
): string[] {
  const others = new Set<string>();
  for (const service of document.services) {
    for (const language of Object.keys(service.name)) others.add(language);
  }
  others.delete(document.defaultLocale);
  return [document.defaultLocale, ...[...others].sort()];
}
