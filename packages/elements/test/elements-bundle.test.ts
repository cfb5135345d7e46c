import { describe, expect, it } from 'vitest';
import { defineBundle, documentCode } from './define-bundle.js';

/**
 * What a page with one element loads besides the script-tag entry: the element's `define` module
 * with everything it imports statically, bundled and minified as a bundler would. Like the banner,
 * the other four render a service view: none may pull the model's code, the document client or
 * i18next (issue #15: the all-elements page budget).
 */
const ELEMENTS = [
  'dependencies/define.ts',
  'alternatives/define.ts',
  'maintenance/define.ts',
  'availability/define.ts',
  'define-all.ts',
] as const;

describe('the elements from service views', () => {
  for (const entry of ELEMENTS) {
    it(`${entry} bundles without the model, the document client or i18next`, async () => {
      const { inputs, gzip } = await defineBundle(entry);
      expect(documentCode(inputs)).toEqual([]);
      expect(inputs.some((input) => input.includes('packages/client/src/view/'))).toBe(true);
      // Shown for the record (the page budgets are checked by `npm test` on the real build).
      console.info(`${entry}: ${(gzip / 1024).toFixed(1)} KB gzip, ${inputs.length} modules`);
    });
  }
});
