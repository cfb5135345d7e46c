/**
 * The console's texts, one module per screen (namespace) and language. Danish and English are
 * complete; a test requires every key in both.
 */
import daAlternatives from './da/alternatives.js';
import daCommon from './da/common.js';
import daPreview from './da/preview.js';
import enAlternatives from './en/alternatives.js';
import enCommon from './en/common.js';
import enPreview from './en/preview.js';

export const UI_LANGUAGES = ['da', 'en'] as const;
export type UiLanguage = (typeof UI_LANGUAGES)[number];

export const RESOURCES = {
  en: { common: enCommon, alternatives: enAlternatives, preview: enPreview },
  da: { common: daCommon, alternatives: daAlternatives, preview: daPreview },
} as const;
