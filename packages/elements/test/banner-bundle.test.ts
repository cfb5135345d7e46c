import { describe, expect, it } from 'vitest';
import { defineBundle, documentCode } from './define-bundle.js';

/**
 * What a page with `<status-banner>` alone loads besides the script-tag entry: the banner's
 * `define` module with everything it imports, bundled and minified as a bundler would. The banner
 * must not pull the model's code, the document client, i18next or the other four elements.
 */
describe('the banner alone', () => {
  it('bundles without the model, the document client, i18next or the other elements', async () => {
    const { inputs, gzip } = await defineBundle('banner/define.ts');
    expect(documentCode(inputs)).toEqual([]);
    expect(
      inputs.filter((input) =>
        /src\/(dependencies|alternatives|maintenance|availability)\//.test(input),
      ),
    ).toEqual([]);
    expect(inputs.some((input) => input.includes('node_modules/lit-html/'))).toBe(true);
    // Shown for the record (the page budgets are checked by `npm test` on the real build).
    console.info(
      `banner define bundle: ${(gzip / 1024).toFixed(1)} KB gzip, ${inputs.length} modules`,
    );
  });
});
