/**
 * `@statuskit/elements` for bundlers. Importing this module defines nothing: import
 * `@statuskit/elements/define` (all five) or one element's `…/define` module to register tags.
 */
export { StatusBanner } from './banner/banner.js';
export type { BannerChangeDetail, DismissDetail } from './banner/banner.js';
export { StatusDependencies } from './dependencies/dependencies.js';
export { StatusAlternatives } from './alternatives/alternatives.js';
export { StatusMaintenance } from './maintenance/maintenance.js';
export { StatusAvailability } from './availability/availability.js';
export { StatuskitElement } from './statuskit-element.js';
export { LocalizedElement } from './localized-element.js';
export { ServiceViewElement } from './service-view-element.js';
export type { ViewSource } from './service-view-element.js';
export { defineElement } from './define-element.js';
export { configure } from './feed/page-config.js';
export type { PageConfig } from './feed/page-config.js';
export { closeFeedClients } from './feed/feed-clients.js';
export { forgetDismissals } from './banner/dismissals.js';
export { addLanguage } from './language/translator.js';
export type { AddLanguageOptions, LanguageResources } from './language/translator.js';
export { SHIPPED_LANGUAGES } from './language/languages.js';
export { announce } from './announcer.js';
