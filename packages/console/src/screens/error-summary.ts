import { html, nothing, type TemplateResult } from 'lit';
import type { FieldProblem } from '../api/api-error.js';
import { t } from '../i18n/i18n.js';

/**
 * The refusal at the top of a form: a focusable alert with the feed's sentence and every problem
 * by field; choosing one moves focus to its field (`focusField(path)`), as GOV.UK's error summary.
 */
export function errorSummary(
  refusal: { readonly message: string; readonly problems: readonly FieldProblem[] } | undefined,
  focusField: (path: string) => void,
  heading = t('incidents:summary'),
): TemplateResult | typeof nothing {
  if (!refusal) return nothing;
  return html`<div class="alert" role="alert" tabindex="-1" aria-labelledby="summary-heading">
    <h2 id="summary-heading">${heading}</h2>
    ${
      refusal.problems.length === 0
        ? html`<p>${refusal.message}</p>`
        : html`<ul>
            ${refusal.problems.map(
              (problem) =>
                html`<li>
                  <a
                    href="#"
                    @click=${(event: Event) => {
                      event.preventDefault();
                      focusField(problem.path);
                    }}
                    >${problem.path || refusal.message}: ${problem.message}</a
                  >
                </li>`,
            )}
          </ul>`
    }
  </div>`;
}
