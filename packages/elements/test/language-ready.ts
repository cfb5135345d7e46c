import { prepareLanguage, translatorFor } from '../src/language/translator.js';
import type { Translate } from '../src/language/translator.js';

/** A translator for `language`, after its strings have loaded. */
export async function translator(language: string): Promise<Translate> {
  await new Promise<void>((resolve) => {
    if (prepareLanguage(language, resolve) !== undefined) resolve();
  });
  return translatorFor(language);
}
