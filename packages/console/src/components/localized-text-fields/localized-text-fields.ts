import type { LocalizedText } from '@statuskit/model';
import { LitElement, html, nothing, type TemplateResult } from 'lit';
import type { FieldProblem } from '../../api/api-error.js';
import { currentLanguage } from '../../i18n/i18n.js';
import { problemsUnder } from '../field-problems.js';
import { formStyles } from '../form.styles.js';
import { submitOnEnter } from '../submit-on-enter.js';
import { languageName } from '../language-name.js';

/**
 * One text in every language the feed publishes in: a labelled input (or text area) per
 * language, each with its `lang` set so screen readers and spell checkers read it right. The
 * feed's problems for `name` (`title`, `title.da`) are shown beside the input they concern and
 * linked to it with `aria-describedby`.
 *
 * @fires value-changed - `CustomEvent<{ value: LocalizedText }>` after every edit; empty texts are left out.
 */
export class LocalizedTextFields extends LitElement {
  static override styles = formStyles;
  static override properties = {
    languages: { attribute: false },
    value: { attribute: false },
    label: {},
    name: {},
    multiline: { type: Boolean },
    required: { type: Boolean },
    problems: { attribute: false },
    uiLanguage: { attribute: 'ui-language' },
  };

  declare languages: readonly string[];
  declare value: LocalizedText;
  declare label: string;
  /** The field's path in the request body (`title`, `message`): problems are matched by it. */
  declare name: string;
  declare multiline: boolean;
  declare required: boolean;
  declare problems: readonly FieldProblem[];
  /** The console's own language, for the languages' names; default the console's current one. */
  declare uiLanguage: string | undefined;

  constructor() {
    super();
    this.languages = [];
    this.value = {};
    this.label = '';
    this.name = '';
    this.multiline = false;
    this.required = false;
    this.problems = [];
    this.uiLanguage = undefined;
  }

  /** Focuses the first input with a problem (else the first), e.g. from an error summary. */
  override focus(): void {
    const invalid = this.renderRoot.querySelector<HTMLElement>('[aria-invalid="true"]');
    (invalid ?? this.renderRoot.querySelector<HTMLElement>('input, textarea'))?.focus();
  }

  override render(): TemplateResult {
    const mine = problemsUnder(this.problems, this.name);
    const general = mine.filter(
      (problem) => !this.languages.some((lang) => problem.path === `${this.name}.${lang}`),
    );
    return html`<fieldset aria-describedby=${general.length > 0 ? 'general-problems' : nothing}>
      <legend>${this.label}</legend>
      ${
        general.length > 0
          ? html`<div id="general-problems">
              ${general.map((problem) => html`<p class="problem">${problem.message}</p>`)}
            </div>`
          : nothing
      }
      ${this.languages.map((lang) =>
        this.#field(
          lang,
          mine.filter((problem) => problem.path === `${this.name}.${lang}`),
          general.length > 0,
        ),
      )}
    </fieldset>`;
  }

  #field(lang: string, problems: readonly FieldProblem[], generalProblem: boolean): TemplateResult {
    const id = `text-${lang}`;
    const problemId = `problem-${lang}`;
    const described = [
      problems.length > 0 ? problemId : '',
      generalProblem ? 'general-problems' : '',
    ]
      .filter(Boolean)
      .join(' ');
    const invalid = problems.length > 0 || generalProblem;
    const label = `${this.label} (${languageName(lang, this.uiLanguage ?? currentLanguage())})`;
    const text = this.value[lang] ?? '';
    const input = this.multiline
      ? html`<textarea
          id=${id}
          name=${`${this.name}.${lang}`}
          lang=${lang}
          .value=${text}
          ?required=${this.required}
          aria-invalid=${invalid ? 'true' : 'false'}
          aria-describedby=${described || nothing}
          @input=${this.#onInput}
        ></textarea>`
      : html`<input
          id=${id}
          name=${`${this.name}.${lang}`}
          lang=${lang}
          .value=${text}
          ?required=${this.required}
          aria-invalid=${invalid ? 'true' : 'false'}
          aria-describedby=${described || nothing}
          @input=${this.#onInput}
          @keydown=${this.#onKeydown}
        />`;
    return html`<div class="field">
      <label for=${id}>${label}</label>
      ${
        problems.length > 0
          ? html`<p class="problem" id=${problemId}>
              ${problems.map((problem) => problem.message).join(' ')}
            </p>`
          : nothing
      }
      ${input}
    </div>`;
  }

  readonly #onKeydown = submitOnEnter(this);

  readonly #onInput = (event: Event): void => {
    const field = event.target as HTMLInputElement | HTMLTextAreaElement;
    const lang = field.lang;
    const entries: [string, string][] = Object.entries(this.value).filter(([tag]) => tag !== lang);
    if (field.value !== '') entries.push([lang, field.value]);
    const next: LocalizedText = Object.fromEntries(entries);
    this.value = next;
    this.dispatchEvent(
      new CustomEvent('value-changed', {
        detail: { value: next },
        bubbles: true,
        composed: true,
      }),
    );
  };
}
