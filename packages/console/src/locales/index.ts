/**
 * The console's texts, one module per screen (namespace) and language. Danish and English are
 * complete; a test requires every key in both.
 */
import daAlternatives from './da/alternatives.js';
import daCommon from './da/common.js';
import daEvaluation from './da/evaluation.js';
import daIncidents from './da/incidents.js';
import daMaintenance from './da/maintenance.js';
import daOverview from './da/overview.js';
import daPreview from './da/preview.js';
import enAlternatives from './en/alternatives.js';
import enCommon from './en/common.js';
import enEvaluation from './en/evaluation.js';
import enIncidents from './en/incidents.js';
import enMaintenance from './en/maintenance.js';
import enOverview from './en/overview.js';
import enPreview from './en/preview.js';
import daSignIn from './da/signIn.js';
import enSignIn from './en/signIn.js';

export const UI_LANGUAGES = ['da', 'en'] as const;
export type UiLanguage = (typeof UI_LANGUAGES)[number];

export const RESOURCES = {
  en: {
    common: enCommon,
    alternatives: enAlternatives,
    incidents: enIncidents,
    overview: enOverview,
    preview: enPreview,
    maintenance: enMaintenance,
    evaluation: enEvaluation,
    signIn: enSignIn,
  },
  da: {
    common: daCommon,
    alternatives: daAlternatives,
    incidents: daIncidents,
    overview: daOverview,
    preview: daPreview,
    maintenance: daMaintenance,
    evaluation: daEvaluation,
    signIn: daSignIn,
  },
} as const;
