/**
 * The script-tag entry (`dist/statuskit.js`):
 *
 * ```html
 * <script type="module" src="…/statuskit.js" data-feed="https://status.example/v1"
 *         data-service="tax-return" data-auto-banner></script>
 * ```
 *
 * It holds only the view client (`@statuskit/client/view`) and the decision whether anything
 * needs showing. Each element's rendering code (lit, the element, its strings) is loaded with a
 * dynamic `import()` the first time that element has something to render, and only that
 * element's: a quiet page pays for the connection alone, a banner page never loads the other
 * four elements. Loading the bundle twice is harmless: the second copy stands down.
 */
import { startScriptTag } from './feed/script-tag-loader.js';

export { configure } from './feed/page-config.js';
/**
 * `import { addLanguage } from '…/statuskit.js'` in a page's own module: takes effect when the
 * rendering code loads (at once if it has), without loading it.
 */
export { queueLanguage as addLanguage } from './language/pending-languages.js';

startScriptTag(import.meta.url);
