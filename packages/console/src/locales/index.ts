/**
 * The console's texts, one module per screen (namespace) and language. Danish and English are
 * complete; a test requires every key in both.
 */
import daCommon from './da/common.js';
import enCommon from './en/common.js';
import daSignIn from './da/signIn.js';
import enSignIn from './en/signIn.js';

export const UI_LANGUAGES = ['da', 'en'] as const;
export type UiLanguage = (typeof UI_LANGUAGES)[number];

export const RESOURCES = {
  en: { common: enCommon, signIn: enSignIn },
  da: { common: daCommon, signIn: daSignIn },
} as const;
