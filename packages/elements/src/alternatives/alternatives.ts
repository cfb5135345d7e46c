import { html, nothing } from 'lit';
import type { TemplateResult } from 'lit';
import type { ViewAlternative, ViewText } from '@statuskit/model';
import { baseStyles } from '../base.styles.js';
import { feedHref, phoneNumber } from '../format/links.js';
import { feedText, heading } from '../fragments.js';
import type { Wording } from '../localized-element.js';
import { ServiceViewElement } from '../service-view-element.js';
import { alternativesStyles } from './alternatives.styles.js';
import { alternativesOf } from './view-alternatives.js';

/** Feed text for a binding: `lang` only when it is not the element's. */
function shown(text: ViewText | undefined): { text: string; lang: string | undefined } {
  return { text: text?.text ?? '', lang: text?.lang };
}

/**
 * Other ways to get the task done while the service is not available: by phone (with opening
 * hours), in person, on paper, through another digital service, by email, and more time when the
 * authority has stated a deadline extension. The service's own alternatives, those attached to
 * current incidents and maintenance, and those of maintenance coming up, always in the same order
 * of kinds on every page (WCAG 3.2.6 consistent help).
 *
 * It renders one service's view, derived and worded by the feed (`status.json?view=`), and loads
 * neither the status model nor the document client.
 *
 * Give it an `id` (or let the banner give it one) and `<status-banner>` links to it.
 *
 * @tagname status-alternatives
 *
 * @csspart base - The labelled region (`<section>`).
 * @csspart heading - The heading.
 * @csspart list - The list of alternatives.
 * @csspart item - One alternative.
 * @csspart kind - The kind ("Phone", "Paper form").
 *
 * @cssprop [--statuskit-border-color=color-mix(in srgb, currentColor 45%, transparent)] - Lines between alternatives.
 * @cssprop [--statuskit-space=1rem] - Spacing unit.
 * @cssprop [--statuskit-focus-color=currentColor] - Focus outline.
 * @cssprop [--statuskit-heading-font-size=1.125em] - Heading size.
 */
export class StatusAlternatives extends ServiceViewElement {
  static override styles = [baseStyles, alternativesStyles];

  static override properties = {
    ...ServiceViewElement.properties,
    mode: { type: String, reflect: true },
  };

  /**
   * `auto` (default): shown while the service has a notice (a problem, maintenance now or
   * coming up). `always`: shown whenever there are alternatives.
   */
  declare mode: 'auto' | 'always';

  constructor() {
    super();
    this.mode = 'auto';
  }

  override render(): TemplateResult | typeof nothing {
    const wording = this.wording;
    const view = this.viewSource()?.view;
    if (!wording || view === undefined) return nothing;
    const alternatives = alternativesOf(view, this.mode === 'always');
    if (alternatives.length === 0) return nothing;
    return html`
      <section part="base" class="base stack" aria-labelledby="heading" lang=${wording.language}>
        ${heading(this.headingLevel, 'heading', wording.t('alternatives.heading'))}
        <ul part="list" class="list">
          ${alternatives.map((alternative) => this.renderAlternative(alternative, wording))}
        </ul>
      </section>
    `;
  }

  private renderAlternative(alternative: ViewAlternative, { t }: Wording): TemplateResult {
    const label = shown(alternative.label);
    const detail = shown(alternative.detail);
    const hours = shown(alternative.hours);
    const href = feedHref(alternative.href);
    const number = href === undefined ? undefined : phoneNumber(href);
    return html`
      <li part="item" class="item stack kind-${alternative.kind}">
        <p part="kind" class="kind">${t(`alternatives.kind.${alternative.kind}`)}</p>
        <p class="label">
          ${
            href === undefined
              ? html`<strong>${feedText(label)}</strong>`
              : html`<a href=${href}>${feedText(label)}</a>`
          }${number === undefined ? nothing : html`, <span class="number">${number}</span>`}
        </p>
        ${detail.text === '' ? nothing : html`<p>${feedText(detail)}</p>`}
        ${hours.text === '' ? nothing : html`<p>${t('alternatives.hours')} ${feedText(hours)}</p>`}
      </li>
    `;
  }
}
