import { html, nothing } from 'lit';
import type { TemplateResult } from 'lit';
import type { FeedState } from '@statuskit/client';
import { formatMoment } from './format/time.js';
import type { TimeStyle } from './format/time.js';
import type { FeedText } from './statuskit-element.js';

/**
 * Small template pieces shared by the elements. Everything from the feed goes through lit's text
 * bindings, which escape it: feed text can never become markup.
 */

/** A real heading element at the level the page needs (1–6, default 2). */
export function heading(level: number, id: string, content: unknown): TemplateResult {
  switch (Number.isInteger(level) ? Math.min(Math.max(level, 1), 6) : 2) {
    case 1:
      return html`<h1 id=${id} part="heading">${content}</h1>`;
    case 3:
      return html`<h3 id=${id} part="heading">${content}</h3>`;
    case 4:
      return html`<h4 id=${id} part="heading">${content}</h4>`;
    case 5:
      return html`<h5 id=${id} part="heading">${content}</h5>`;
    case 6:
      return html`<h6 id=${id} part="heading">${content}</h6>`;
    default:
      return html`<h2 id=${id} part="heading">${content}</h2>`;
  }
}

/** A sub-heading one level below `level` (capped at 6). */
export function subheading(level: number, content: unknown): TemplateResult {
  const sub = (Number.isInteger(level) ? Math.min(Math.max(level, 1), 6) : 2) + 1;
  switch (sub) {
    case 2:
      return html`<h2 class="subheading">${content}</h2>`;
    case 3:
      return html`<h3 class="subheading">${content}</h3>`;
    case 4:
      return html`<h4 class="subheading">${content}</h4>`;
    case 5:
      return html`<h5 class="subheading">${content}</h5>`;
    default:
      return html`<h6 class="subheading">${content}</h6>`;
  }
}

/** Feed text, marked with its language when it is not the element's (WCAG 3.1.2). */
export function feedText({ text, lang }: FeedText): TemplateResult {
  return html`<span lang=${lang ?? nothing}>${text}</span>`;
}

/** "Last updated 14:02." and, when the data may be old, a calm note saying so. */
export function updatesNote(
  state: Pick<FeedState, 'lastUpdated' | 'stale'>,
  style: TimeStyle,
  now: number,
): TemplateResult | typeof nothing {
  const { t } = style;
  const updated =
    state.lastUpdated === undefined
      ? undefined
      : t('updates.updated', { time: formatMoment(state.lastUpdated, style, now) });
  if (updated === undefined && !state.stale) return nothing;
  return html`<p class="updates" part="updates">
    ${updated ?? nothing}
    ${state.stale ? html`<span class="stale">${t('updates.stale')}</span>` : nothing}
  </p>`;
}
