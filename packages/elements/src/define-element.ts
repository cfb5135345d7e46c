/**
 * Registers a custom element unless the tag is taken: pages load scripts twice (a CMS include
 * plus a template, the bundle from two URLs), and a second `define` would throw.
 */
export function defineElement(tag: string, element: CustomElementConstructor): void {
  if (typeof customElements === 'undefined' || customElements.get(tag)) return;
  try {
    customElements.define(tag, element);
  } catch {
    // Defined by someone else in the meantime, or a different class under our name: theirs wins.
  }
}
