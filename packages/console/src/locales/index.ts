/**
 * The console's texts, one module per screen (namespace) and language. Danish and English are
 * complete; a test requires every key in both.
 */
import daCommon from './da/common.js';
import enCommon from './en/common.js';
import daPreview from './da/preview.js';
import enPreview from './en/preview.js';

export const UI_LANGUAGES = ['da', 'en'] as const;
export type UiLanguage = (typeof UI_LANGUAGES)[number];

export const RESOURCES = {
  en: { common: enCommon, preview: enPreview },
  da: { common: daCommon, preview: daPreview },
} as const;
