import { LitElement, html, nothing, type TemplateResult } from 'lit';
import { ALTERNATIVE_KINDS, type Alternative, type LocalizedText } from '@statuskit/model';
import type { FieldProblem } from '../api/api-error.js';
import { t } from '../i18n/i18n.js';
import { alternativesEditorStyles } from './alternatives-editor.styles.js';
import { submitOnEnter } from './submit-on-enter.js';

type TextField = 'label' | 'detail' | 'hours';
const TEXT_FIELDS: readonly TextField[] = ['label', 'detail', 'hours'];

let nextEditorId = 0;

/**
 * Edits the alternatives of an incident or a maintenance window (the temporary arrangements):
 * kind, label, detail and opening hours in every feed language, and a link. Problems from the
 * feed (`alternatives[0].label.da`) are shown next to their field and linked to it.
 *
 * @fires value-changed - `CustomEvent<{ value: Alternative[] }>` after every edit.
 */
export class AlternativesEditor extends LitElement {
  static override styles = alternativesEditorStyles;
  static override properties = {
    languages: { attribute: false },
    value: { attribute: false },
    problems: { attribute: false },
    /** Where `problems` paths start (`alternatives` for a maintenance body). */
    path: {},
  };

  declare languages: readonly string[];
  declare value: readonly Alternative[];
  declare problems: readonly FieldProblem[];
  declare path: string;

  /** Ids unique in the page, so labels and `aria-describedby` never point at another editor. */
  readonly #id = `alt${(nextEditorId += 1)}`;

  constructor() {
    super();
    this.languages = [];
    this.value = [];
    this.problems = [];
    this.path = 'alternatives';
  }

  override render(): TemplateResult {
    return html`
      ${this.value.map((alternative, index) => this.#alternative(alternative, index))}
      <button type="button" @click=${this.#add}>${t('alternatives:add')}</button>
    `;
  }

  #alternative(alternative: Alternative, index: number): TemplateResult {
    const id = `${this.#id}-${index}`;
    return html`<fieldset>
      <legend>${t('alternatives:legend', { number: index + 1 })}</legend>
      <div class="field">
        <label for="${id}-kind">${t('alternatives:kind')}</label>
        <select
          id="${id}-kind"
          .value=${alternative.kind}
          @change=${(event: Event) => {
            this.#change(index, {
              kind: (event.target as HTMLSelectElement).value,
            });
          }}
        >
          ${ALTERNATIVE_KINDS.map(
            (kind) =>
              html`<option value=${kind} ?selected=${kind === alternative.kind}>
                ${t(`alternatives:kinds.${kind}`)}
              </option>`,
          )}
        </select>
      </div>
      ${TEXT_FIELDS.map((field) => this.#texts(alternative, index, field))}
      ${this.#input(index, 'href', alternative.href ?? '', 'url', t('alternatives:href'))}
      <button
        type="button"
        @click=${() => {
          this.#remove(index);
        }}
      >
        ${t('alternatives:remove', { number: index + 1 })}
      </button>
    </fieldset>`;
  }

  #texts(alternative: Alternative, index: number, field: TextField): TemplateResult[] {
    const text: LocalizedText = alternative[field] ?? {};
    return this.languages.map((language) =>
      this.#input(
        index,
        `${field}.${language}`,
        text[language] ?? '',
        'text',
        t(`alternatives:${field}`, { language: language.toUpperCase() }),
        language,
        field === 'label',
      ),
    );
  }

  readonly #onKeydown = submitOnEnter(this);

  #input(
    index: number,
    field: string,
    value: string,
    type: 'text' | 'url',
    label: string,
    lang?: string,
    required = false,
  ): TemplateResult {
    const id = `${this.#id}-${index}-${field.replace('.', '-')}`;
    const problems = this.#problemsAt(`${this.path}[${index}].${field}`);
    return html`<div class="field">
      <label for=${id}>${label}</label>
      <input
        id=${id}
        type=${type}
        lang=${lang ?? nothing}
        .value=${value}
        ?required=${required}
        aria-invalid=${problems.length > 0 ? 'true' : nothing}
        aria-describedby=${problems.length > 0 ? `${id}-problem` : nothing}
        @input=${(event: Event) => {
          this.#setField(index, field, (event.target as HTMLInputElement).value);
        }}
        @keydown=${this.#onKeydown}
      />
      ${
        problems.length > 0
          ? html`<p class="problem" id="${id}-problem">
              ${problems.map((problem) => problem.message).join('; ')}
            </p>`
          : nothing
      }
    </div>`;
  }

  /** Problems for a field: exactly its path, or a path below it (`…label` covers `…label.da`). */
  #problemsAt(path: string): FieldProblem[] {
    return this.problems.filter(
      (problem) => problem.path === path || problem.path.startsWith(`${path}.`),
    );
  }

  #setField(index: number, field: string, text: string): void {
    if (field === 'href') {
      this.#change(index, { href: text.trim() === '' ? undefined : text.trim() });
      return;
    }
    const [name, language] = field.split('.') as [TextField, string];
    const current = this.value[index]?.[name] ?? {};
    const { [language]: _dropped, ...others } = current;
    const next: LocalizedText = text === '' ? others : { ...others, [language]: text };
    this.#change(index, {
      [name]: Object.keys(next).length === 0 && name !== 'label' ? undefined : next,
    });
  }

  /** Applies a change to one alternative; `undefined` removes an optional field. */
  #change(index: number, patch: Partial<Record<keyof Alternative, unknown>>): void {
    const value = this.value.map((alternative, at) => {
      if (at !== index) return alternative;
      const merged = Object.entries({ ...alternative, ...patch }).filter(
        ([, field]) => field !== undefined,
      );
      return Object.fromEntries(merged) as unknown as Alternative;
    });
    this.#emit(value);
  }

  #add(): void {
    this.#emit([...this.value, { kind: 'phone', label: {} }]);
    void this.updateComplete.then(() => {
      this.renderRoot
        .querySelector<HTMLSelectElement>(`#${this.#id}-${this.value.length - 1}-kind`)
        ?.focus();
    });
  }

  #remove(index: number): void {
    this.#emit(this.value.filter((_alternative, at) => at !== index));
  }

  #emit(value: Alternative[]): void {
    this.value = value;
    this.dispatchEvent(
      new CustomEvent<{ value: Alternative[] }>('value-changed', {
        detail: { value },
        bubbles: true,
        composed: true,
      }),
    );
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'sk-alternatives-editor': AlternativesEditor;
  }
}
