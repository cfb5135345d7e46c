import '@statuskit/elements/alternatives/define';
import '@statuskit/elements/banner/define';
import '@statuskit/elements/maintenance/define';
import type { ServiceView } from '@statuskit/model';
import { LitElement, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { ApiError, type FieldProblem } from '../../api/api-error.js';
import type { PreviewAnswer, PreviewRequest } from '../../api/contract.js';
import type { ConsoleContext } from '../../app/context.js';
import { t } from '../../i18n/i18n.js';
import { formStyles } from '../form.styles.js';
import { languageName } from '../language-name.js';
import { previewPanelStyles } from './preview-panel.styles.js';

/** Wait this long after the last edit before asking the feed, so typing sends few requests. */
const DEBOUNCE_MS = 400;
const WIDTHS = [
  ['phone', 320],
  ['desktop', 960],
] as const;

type PreviewState =
  | { readonly kind: 'empty' }
  | { readonly kind: 'loading'; readonly last?: PreviewAnswer }
  | { readonly kind: 'shown'; readonly answer: PreviewAnswer }
  | {
      readonly kind: 'refused';
      readonly message: string;
      readonly problems: readonly FieldProblem[];
    };

/**
 * What users will see if the draft is published: the feed derives the service's view from the
 * draft (`POST /v1/admin/preview`), and the real elements render it, in the feed language chosen,
 * at phone and desktop widths, with the draft's warnings and problems.
 */
export class PreviewPanel extends LitElement {
  static override styles = [formStyles, previewPanelStyles];
  static override properties = {
    context: { attribute: false },
    request: { attribute: false },
    state: { state: true },
    language: { state: true },
    width: { state: true },
  };

  declare context: ConsoleContext | undefined;
  declare request: PreviewRequest | undefined;
  declare state: PreviewState;
  /** The feed language previewed; default the feed's default. */
  declare language: string | undefined;
  /**
   * The width shown. One at a time: the same elements twice would repeat their landmarks
   * (axe landmark-unique), and the operator compares by switching.
   */
  declare width: 'phone' | 'desktop';

  #timer: ReturnType<typeof setTimeout> | undefined;
  /** Answers to requests other than the latest are dropped. */
  #asked = 0;

  constructor() {
    super();
    this.context = undefined;
    this.request = undefined;
    this.state = { kind: 'empty' };
    this.language = undefined;
    this.width = 'phone';
  }

  override disconnectedCallback(): void {
    clearTimeout(this.#timer);
    super.disconnectedCallback();
  }

  protected override willUpdate(changed: PropertyValues): void {
    if (changed.has('request')) {
      clearTimeout(this.#timer);
      const request = this.request;
      if (request === undefined) {
        this.#asked += 1;
        this.state = { kind: 'empty' };
      } else {
        this.#timer = setTimeout(() => void this.#ask(request), DEBOUNCE_MS);
      }
    }
  }

  override render(): TemplateResult {
    const languages = this.context?.session.languages ?? [];
    const language = this.language ?? languages[0] ?? 'en';
    const ui = this.context?.language ?? 'en';
    const busy = this.state.kind === 'loading';
    return html`<section aria-labelledby="preview-heading" aria-busy=${busy ? 'true' : 'false'}>
      <h2 id="preview-heading">${t('preview:heading')}</h2>
      ${
        languages.length > 1
          ? html`<div class="field">
              <label for="preview-language">${t('preview:language')}</label>
              <select id="preview-language" @change=${this.#onLanguage}>
                ${languages.map(
                  (tag) =>
                    html`<option value=${tag} ?selected=${tag === language}>
                      ${languageName(tag, ui)}
                    </option>`,
                )}
              </select>
            </div>`
          : nothing
      }
      ${this.#body(language, ui)}
    </section>`;
  }

  #body(language: string, ui: string): TemplateResult {
    const state = this.state;
    switch (state.kind) {
      case 'empty':
        return html`<p>${t('preview:empty')}</p>`;
      case 'refused':
        // Not an alert: it changes with every keystroke; the form's summary alerts on submit.
        return html`<div class="problems">
          <h3>${t('preview:problems')}</h3>
          ${
            state.problems.length > 0
              ? html`<ul>
                  ${state.problems.map(
                    (problem) => html`<li>${problem.path}: ${problem.message}</li>`,
                  )}
                </ul>`
              : html`<p>${t('preview:failed', { reason: state.message })}</p>`
          }
        </div>`;
      case 'loading':
        return state.last
          ? this.#answer(state.last, language, ui)
          : html`<p>${t('preview:updating')}</p>`;
      case 'shown':
        return this.#answer(state.answer, language, ui);
    }
  }

  #answer(answer: PreviewAnswer, language: string, ui: string): TemplateResult {
    const view = answer.views[language] ?? Object.values(answer.views)[0];
    return html`${
        answer.warnings.length > 0
          ? html`<div class="warning">
              <h3>${t('preview:warnings')}</h3>
              <ul>
                ${answer.warnings.map((warning) => html`<li>${warning.message}</li>`)}
              </ul>
            </div>`
          : nothing
      }
      <fieldset class="widths">
        <legend>${t('preview:width')}</legend>
        ${WIDTHS.map(
          ([kind, width]) =>
            html`<label
              ><input
                type="radio"
                name="width"
                value=${kind}
                .checked=${this.width === kind}
                @change=${this.#onWidth}
              />
              ${t(`preview:${kind}`, { width })}</label
            >`,
        )}
      </fieldset>
      ${
        view
          ? WIDTHS.filter(([kind]) => kind === this.width).map(([kind, width]) =>
              this.#frame(view, kind, width, language, ui),
            )
          : nothing
      }`;
  }

  #frame(
    view: ServiceView,
    kind: 'phone' | 'desktop',
    width: number,
    language: string,
    ui: string,
  ): TemplateResult {
    const title = t(`preview:${kind}`, { width });
    // The frame keeps its width and scrolls inside the panel, so the console itself never
    // scrolls sideways; a scrolling region must be reachable by keyboard (WCAG 2.1.1).
    return html`<div
      class="scroller"
      role="region"
      tabindex="0"
      aria-label=${t('preview:frame', { width: title, language: languageName(language, ui) })}
    >
      <div class="frame ${kind}" lang=${language}>
        ${view.notices.length === 0 ? html`<p>${t('preview:noNotice')}</p>` : nothing}
        <status-banner lang=${language} heading-level="3" .view=${view}></status-banner>
        <status-maintenance lang=${language} heading-level="3" .view=${view}></status-maintenance>
        <status-alternatives lang=${language} heading-level="3" .view=${view}></status-alternatives>
      </div>
    </div>`;
  }

  async #ask(request: PreviewRequest): Promise<void> {
    const context = this.context;
    if (!context) return;
    const asked = ++this.#asked;
    const last =
      this.state.kind === 'shown'
        ? this.state.answer
        : this.state.kind === 'loading'
          ? this.state.last
          : undefined;
    this.state = { kind: 'loading', ...(last && { last }) };
    try {
      const answer = await context.http.request<PreviewAnswer>('POST', '/admin/preview', {
        body: request,
      });
      if (asked === this.#asked) this.state = { kind: 'shown', answer };
    } catch (error) {
      if (asked !== this.#asked) return;
      this.state =
        error instanceof ApiError
          ? {
              kind: 'refused',
              message: error.status === 0 ? t('error.unreachable') : error.message,
              problems: error.problems,
            }
          : { kind: 'refused', message: String(error), problems: [] };
    }
  }

  readonly #onWidth = (event: Event): void => {
    this.width = (event.target as HTMLInputElement).value as 'phone' | 'desktop';
  };

  readonly #onLanguage = (event: Event): void => {
    this.language = (event.target as HTMLSelectElement).value;
  };
}
