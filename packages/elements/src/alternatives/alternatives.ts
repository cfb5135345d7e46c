import { html, nothing } from 'lit';
import type { PropertyValues, TemplateResult } from 'lit';
import { noticesFor } from '@statuskit/model';
import type { Alternative, StatusDocument } from '@statuskit/model';
import { baseStyles } from '../base.styles.js';
import { feedHref, phoneNumber } from '../format/links.js';
import { feedText, heading } from '../fragments.js';
import { StatuskitElement } from '../statuskit-element.js';
import type { Wording } from '../statuskit-element.js';
import { alternativesStyles } from './alternatives.styles.js';
import { alternativesFor } from './alternative-list.js';

/**
 * Other ways to get the task done while the service is not available: by phone (with opening
 * hours), in person, on paper, through another digital service, by email, and more time when the
 * authority has stated a deadline extension. The service's own alternatives, those attached to
 * current incidents and maintenance, and those of maintenance coming up, always in the same order
 * of kinds on every page (WCAG 3.2.6 consistent help).
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
export class StatusAlternatives extends StatuskitElement {
  static override styles = [baseStyles, alternativesStyles];

  static override properties = {
    ...StatuskitElement.properties,
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

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    // Maintenance enters its notice window as time passes, without any feed event.
    if (this.mode !== 'always') this.clock.wakeIn(60_000);
  }

  override render(): TemplateResult | typeof nothing {
    const wording = this.wording;
    const state = this.feedController.state;
    const service = this.serviceId();
    if (!wording || !state?.document || service === undefined) return nothing;
    const { document, effective } = state;
    const now = Date.now();
    const shown =
      this.mode === 'always' || noticesFor(document, service, now, { effective }).length > 0;
    const alternatives = shown ? alternativesFor(document, effective, service, now) : [];
    if (alternatives.length === 0) return nothing;
    return html`
      <section part="base" class="base stack" aria-labelledby="heading" lang=${wording.language}>
        ${heading(this.headingLevel, 'heading', wording.t('alternatives.heading'))}
        <ul part="list" class="list">
          ${alternatives.map((alternative) => this.renderAlternative(alternative, document, wording))}
        </ul>
      </section>
    `;
  }

  private renderAlternative(
    alternative: Alternative,
    document: StatusDocument,
    { t }: Wording,
  ): TemplateResult {
    const label = this.feedText(alternative.label, document);
    const detail = this.feedText(alternative.detail, document);
    const hours = this.feedText(alternative.hours, document);
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
