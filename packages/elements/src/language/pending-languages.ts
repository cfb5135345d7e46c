import type { AddLanguageOptions, LanguageResources } from './translator.js';

/**
 * `addLanguage` for the script-tag entry, which must not load i18next on a quiet page: languages
 * added before the rendering code has loaded wait here (on a global, so a second copy of the
 * bundle sees them too) and are handed over when it loads.
 */
type Added = [code: string, resources: LanguageResources, options: AddLanguageOptions];
interface Pending {
  queue: Added[];
  handler: ((...added: Added) => void) | undefined;
}

const KEY = Symbol.for('statuskit.pending-languages');

function pending(): Pending {
  const scope = globalThis as unknown as Record<symbol, Pending | undefined>;
  let state = scope[KEY];
  if (!state) {
    state = { queue: [], handler: undefined };
    scope[KEY] = state;
  }
  return state;
}

/** Adds a language now if the rendering code is loaded, else as soon as it loads. */
export function queueLanguage(
  code: string,
  resources: LanguageResources,
  options: AddLanguageOptions = {},
): void {
  const { handler, queue } = pending();
  if (handler) handler(code, resources, options);
  else queue.push([code, resources, options]);
}

/** Called once by the translator: replays what was queued, then handles new calls directly. */
export function receivePendingLanguages(handler: (...added: Added) => void): void {
  const state = pending();
  state.handler = handler;
  for (const added of state.queue.splice(0)) handler(...added);
}
