/**
 * Console warnings said once per page, whichever client notices first. A page with a banner (a
 * view client) and other elements (the document client) for a mistyped service id would
 * otherwise be told the same thing twice. On a global, so two copies of the bundle share it.
 */
const KEY = Symbol.for('statuskit.page-warnings');

/** Whether `message` is new on this page; remembers it. */
export function firstTimeOnPage(message: string): boolean {
  const scope = globalThis as unknown as Record<symbol, Set<string> | undefined>;
  const said = (scope[KEY] ??= new Set());
  if (said.has(message)) return false;
  said.add(message);
  return true;
}
