/**
 * The page's one live region for Statuskit, in the light DOM: live regions inside shadow roots
 * are not announced reliably (Chrome, iOS VoiceOver), so every element announces through this
 * one. WCAG 4.1.3 Status Messages: changes after load are told without moving focus.
 *
 * - Polite by default; assertive only when the user's task has just become blocked.
 * - Debounced: messages arriving within a second are read together, once, so a burst of feed
 *   events does not turn into a stream of interruptions.
 * - Text only. Focus is never moved.
 *
 * It is a visually hidden `<div data-statuskit-announcer>` appended to `<body>` on first use,
 * styled through CSSOM (`element.style`), which a strict `style-src` allows, unlike inline
 * `style` attributes or `<style>` elements.
 */

const DEBOUNCE_MS = 1_000;
/** Cleared afterwards, so reading the page with a virtual cursor does not find old news. */
const CLEAR_AFTER_MS = 30_000;
const GLOBAL = Symbol.for('statuskit.announcer');

interface Announcer {
  readonly root: HTMLElement;
  readonly polite: HTMLElement;
  readonly assertive: HTMLElement;
  queue: { text: string; assertive: boolean }[];
  timer: ReturnType<typeof setTimeout> | undefined;
  clear: ReturnType<typeof setTimeout> | undefined;
}

type Global = typeof globalThis & { [GLOBAL]?: Announcer };

function hideVisually(element: HTMLElement): void {
  // The common "visually hidden" pattern: still in the accessibility tree, takes no space.
  Object.assign(element.style, {
    position: 'absolute',
    width: '1px',
    height: '1px',
    margin: '-1px',
    padding: '0',
    border: '0',
    overflow: 'hidden',
    clip: 'rect(0 0 0 0)',
    clipPath: 'inset(50%)',
    whiteSpace: 'nowrap',
  });
}

function region(politeness: 'polite' | 'assertive'): HTMLElement {
  const element = document.createElement('div');
  element.setAttribute('aria-live', politeness);
  element.setAttribute('aria-atomic', 'true');
  return element;
}

function announcer(): Announcer | undefined {
  // `document.body` is null while the parser has not reached it (the DOM types say otherwise).
  if (typeof document === 'undefined' || !(document.body as HTMLElement | null)) return undefined;
  const scope = globalThis as Global;
  const known = scope[GLOBAL];
  if (known?.root.isConnected) return known;
  const root = known?.root ?? document.createElement('div');
  root.setAttribute('data-statuskit-announcer', '');
  hideVisually(root);
  const polite = known?.polite ?? region('polite');
  const assertive = known?.assertive ?? region('assertive');
  root.replaceChildren(polite, assertive);
  document.body.append(root);
  const created: Announcer = known ?? {
    root,
    polite,
    assertive,
    queue: [],
    timer: undefined,
    clear: undefined,
  };
  scope[GLOBAL] = created;
  return created;
}

/**
 * Creates the live region now. Call it before the first message: a region must exist in the page
 * before its text changes, or screen readers miss the first announcement.
 */
export function prepareAnnouncer(): void {
  try {
    announcer();
  } catch {
    // No body yet, or a hostile page: announcements are a bonus, never a failure.
  }
}

/** Queues a message for the live region (see the module comment for how it is delivered). */
export function announce(text: string, options: { assertive?: boolean } = {}): void {
  try {
    const live = announcer();
    if (!live || text.trim() === '') return;
    live.queue.push({ text: text.trim(), assertive: options.assertive === true });
    if (live.timer !== undefined) clearTimeout(live.timer);
    live.timer = setTimeout(() => {
      flush(live);
    }, DEBOUNCE_MS);
  } catch {
    // See prepareAnnouncer.
  }
}

function flush(live: Announcer): void {
  live.timer = undefined;
  const queue = live.queue;
  live.queue = [];
  const assertive = queue.some((message) => message.assertive);
  const texts = [...new Set(queue.map((message) => message.text))];
  // One region speaks; the other is emptied so the same words are not read twice.
  const target = assertive ? live.assertive : live.polite;
  const other = assertive ? live.polite : live.assertive;
  other.textContent = '';
  target.textContent = texts.join(' ');
  if (live.clear !== undefined) clearTimeout(live.clear);
  live.clear = setTimeout(() => {
    live.polite.textContent = '';
    live.assertive.textContent = '';
  }, CLEAR_AFTER_MS);
}
