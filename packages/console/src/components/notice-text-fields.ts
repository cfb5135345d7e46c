import { html, type TemplateResult } from 'lit';
import type { Alternative, LocalizedText } from '@statuskit/model';
import type { FieldProblem } from '../api/api-error.js';
import './define-alternatives-editor.js';
import './localized-text-fields/define.js';

/** What users read about an incident or a maintenance window, and what they can do instead. */
export interface NoticeTexts {
  readonly title: LocalizedText;
  readonly message: LocalizedText;
  readonly alternatives: readonly Alternative[];
  readonly keepsWork: boolean;
}

export interface NoticeTextFieldsOptions {
  readonly texts: NoticeTexts;
  /** The feed's languages: every text is asked for in each. */
  readonly languages: readonly string[];
  readonly problems: readonly FieldProblem[];
  readonly uiLanguage: string;
  readonly labels: Readonly<Record<keyof NoticeTexts, string>>;
  readonly onChange: (patch: Partial<NoticeTexts>) => void;
}

/**
 * The fields an incident and a maintenance window share: title and message in every feed
 * language, the alternatives, and whether work in progress is kept. The ids (`title`,
 * `message`, `alternatives`, `keeps-work`) are what error summaries link to.
 */
export function noticeTextFields(options: NoticeTextFieldsOptions): TemplateResult {
  const { texts, languages, problems, uiLanguage, labels, onChange } = options;
  const text =
    (field: 'title' | 'message') =>
    (event: CustomEvent<{ value: LocalizedText }>): void => {
      onChange({ [field]: event.detail.value });
    };
  return html`<sk-localized-text-fields
      id="title"
      name="title"
      required
      .label=${labels.title}
      .languages=${languages}
      .value=${texts.title}
      .problems=${problems}
      .uiLanguage=${uiLanguage}
      @value-changed=${text('title')}
    ></sk-localized-text-fields>
    <sk-localized-text-fields
      id="message"
      name="message"
      multiline
      required
      .label=${labels.message}
      .languages=${languages}
      .value=${texts.message}
      .problems=${problems}
      .uiLanguage=${uiLanguage}
      @value-changed=${text('message')}
    ></sk-localized-text-fields>
    <fieldset>
      <legend>${labels.alternatives}</legend>
      <sk-alternatives-editor
        id="alternatives"
        .languages=${languages}
        .value=${texts.alternatives}
        .problems=${problems}
        @value-changed=${(event: CustomEvent<{ value: Alternative[] }>) => {
          onChange({ alternatives: event.detail.value });
        }}
      ></sk-alternatives-editor>
    </fieldset>
    <div>
      <input
        type="checkbox"
        id="keeps-work"
        .checked=${texts.keepsWork}
        @change=${(event: Event) => {
          onChange({ keepsWork: (event.target as HTMLInputElement).checked });
        }}
      />
      <label for="keeps-work">${labels.keepsWork}</label>
    </div>`;
}
