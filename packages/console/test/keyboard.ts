import type { Page } from 'playwright-core';

/** The focused element, through shadow roots: `input#text-da[name=title.da]`, `button[type=submit]`. */
export function focusedElement(page: Page): Promise<string> {
  return page.evaluate(() => {
    let active: Element | null = document.activeElement;
    while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
    if (!active) return '';
    const id = active.id ? `#${active.id}` : '';
    const name = active.getAttribute('name');
    const type = active.localName === 'button' ? active.getAttribute('type') : null;
    return `${active.localName}${id}${name ? `[name=${name}]` : ''}${type ? `[type=${type}]` : ''}`;
  });
}

/** Presses Tab until the focused element's description contains `wanted` (at most `limit` times). */
export async function tabTo(page: Page, wanted: string, limit = 60): Promise<void> {
  for (let presses = 0; presses < limit; presses += 1) {
    await page.keyboard.press('Tab');
    if ((await focusedElement(page)).includes(wanted)) return;
  }
  throw new Error(`Tab never reached ${wanted} (at ${await focusedElement(page)})`);
}
