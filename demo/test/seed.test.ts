// The demo's seeded maintenance reads naturally where the pages show it: after the banner's
// "Planned maintenance:" label and under <status-maintenance>'s "Planned maintenance" heading.
import { describe, expect, it } from 'vitest';
import da from '../../packages/elements/src/language/locales/da.js';
import en from '../../packages/elements/src/language/locales/en.js';
import fi from '../../packages/elements/src/language/locales/fi.js';
import sv from '../../packages/elements/src/language/locales/sv.js';
import { DEMO_MAINTENANCE_TEXT } from '../server/seed.mjs';

const DEMO_LANGUAGES = { da, en, sv, fi };

describe('the demo maintenance title', () => {
  it.each(Object.entries(DEMO_LANGUAGES))('does not repeat its label in %s', (lang, strings) => {
    const title = DEMO_MAINTENANCE_TEXT.title[lang];
    expect(title).toBeTruthy();
    for (const label of [strings.banner.type.planned, strings.maintenance.heading]) {
      expect(title?.toLowerCase()).not.toContain(label.toLowerCase());
    }
  });

  it('reads as a label and what the work is in the banner', () => {
    expect(`${en.banner.type.planned}: ${DEMO_MAINTENANCE_TEXT.title['en'] ?? ''}`).toBe(
      'Planned maintenance: NemKonto system update',
    );
  });
});
