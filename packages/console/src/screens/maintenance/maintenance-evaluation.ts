import { LitElement, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import type { LocalizedText } from '@statuskit/model';
import { ApiError } from '../../api/api-error.js';
import type { ConsoleContext } from '../../app/context.js';
import { routeHref } from '../../app/routes.js';
import { t } from '../../i18n/i18n.js';
import { screenStyles } from '../screen.styles.js';
import { textIn } from '../text.js';
import { maintenanceStyles } from './maintenance.styles.js';

/** The parts of `GET /v1/admin/maintenance/{id}/evaluation` (report's figures) shown here. */
export interface WindowEvaluation {
  readonly maintenance: {
    readonly id: string;
    readonly title: LocalizedText;
    readonly scheduledStart: string;
    readonly scheduledEnd: string;
    readonly actualStart: string | null;
    readonly actualEnd: string | null;
    readonly leadTimeDays: number;
    readonly noticePeriodDays: number | null;
    readonly noticeVerdict: 'met' | 'short' | 'no notice period declared';
    readonly startDelayMinutes: number | null;
    readonly overrunMinutes: number | null;
    readonly record: string | null;
    readonly alternatives: { readonly kinds: readonly string[] };
    readonly usage?: { readonly visitors: number };
  };
}

const minutesBetween = (from: string, to: string): number =>
  Math.round((Date.parse(to) - Date.parse(from)) / 60_000);

/**
 * `#/maintenance/<id>/evaluation`: `report`'s figures for one window, in words and as a table,
 * with the link to its signed record. Printable: the page's own controls are left off paper.
 */
export class MaintenanceEvaluationView extends LitElement {
  static override styles = [screenStyles, maintenanceStyles];
  static override properties = {
    context: { attribute: false },
    maintenanceId: { attribute: false },
    evaluation: { state: true },
    failure: { state: true },
  };

  declare context: ConsoleContext | undefined;
  declare maintenanceId: string;
  declare evaluation: WindowEvaluation | undefined;
  declare failure: string | undefined;

  constructor() {
    super();
    this.context = undefined;
    this.maintenanceId = '';
    this.evaluation = undefined;
    this.failure = undefined;
  }

  protected override willUpdate(changed: PropertyValues): void {
    if ((changed.has('maintenanceId') || changed.has('context')) && this.context) {
      if (changed.has('maintenanceId') || !changed.get('context')) void this.#load();
    }
  }

  override render(): TemplateResult {
    const back = html`<p class="no-print">
      <a href=${routeHref({ screen: 'maintenance', id: this.maintenanceId })}
        >${t('evaluation:back')}</a
      >
    </p>`;
    if (this.failure !== undefined) {
      return html`<h1>${t('evaluation:title', { title: this.maintenanceId })}</h1>
        ${back}
        <p class="alert">${this.failure}</p>`;
    }
    const evaluation = this.evaluation;
    if (!evaluation) {
      return html`<h1>${t('evaluation:title', { title: this.maintenanceId })}</h1>
        ${back}
        <p>${t('evaluation:loading')}</p>`;
    }
    const window = evaluation.maintenance;
    const language = this.context?.language ?? 'en';
    const number = new Intl.NumberFormat(language);
    const planned = minutesBetween(window.scheduledStart, window.scheduledEnd);
    const actual =
      window.actualStart !== null && window.actualEnd !== null
        ? minutesBetween(window.actualStart, window.actualEnd)
        : null;
    const notice =
      window.noticePeriodDays === null
        ? t('evaluation:noNotice')
        : `${number.format(window.noticePeriodDays)} (${t(`evaluation:verdict.${window.noticeVerdict}`)})`;
    const rows: [string, string | TemplateResult][] = [
      ['lead', number.format(window.leadTimeDays)],
      ['noticeVerdict', notice],
      ['planned', number.format(planned)],
      ['actual', actual === null ? t('evaluation:notYet') : number.format(actual)],
      [
        'startDelay',
        window.startDelayMinutes === null
          ? t('evaluation:notYet')
          : number.format(window.startDelayMinutes),
      ],
      [
        'overrun',
        window.overrunMinutes === null
          ? t('evaluation:notYet')
          : number.format(window.overrunMinutes),
      ],
      ['visitors', window.usage ? number.format(window.usage.visitors) : t('evaluation:noLogs')],
      [
        'alternatives',
        window.alternatives.kinds.length === 0
          ? t('evaluation:noAlternatives')
          : window.alternatives.kinds.map((kind) => t(`alternatives:kinds.${kind}`)).join(', '),
      ],
      [
        'record',
        window.record === null
          ? t('evaluation:noRecord')
          : html`<a href=${window.record}>${t('evaluation:openRecord')}</a>`,
      ],
    ];
    return html`<h1>
        ${t('evaluation:title', { title: textIn(window.title, language, window.id) })}
      </h1>
      ${back}
      <p>
        ${t('evaluation:inWords', {
          lead: number.format(window.leadTimeDays),
          notice,
          planned: number.format(planned),
          actual: actual === null ? t('evaluation:notYet') : number.format(actual),
        })}
        ${
          window.overrunMinutes !== null && window.overrunMinutes > 0
            ? t('evaluation:overrun', { minutes: number.format(window.overrunMinutes) })
            : window.overrunMinutes !== null
              ? t('evaluation:onTime')
              : nothing
        }
      </p>
      <div class="table-scroll" tabindex="0" role="region" aria-labelledby="figures-caption">
        <table>
          <caption id="figures-caption">
            ${t('evaluation:caption')}
          </caption>
          <thead>
            <tr>
              <th scope="col">${t('evaluation:figure')}</th>
              <th scope="col">${t('evaluation:value')}</th>
            </tr>
          </thead>
          <tbody>
            ${rows.map(
              ([key, value]) =>
                html`<tr>
                  <th scope="row">${t(`evaluation:rows.${key}`)}</th>
                  <td>${value}</td>
                </tr>`,
            )}
          </tbody>
        </table>
      </div>
      <p class="no-print">
        <button
          type="button"
          @click=${() => {
            print();
          }}
        >
          ${t('evaluation:print')}
        </button>
      </p>`;
  }

  async #load(): Promise<void> {
    const context = this.context;
    if (!context || this.maintenanceId === '') return;
    try {
      this.evaluation = await context.http.request<WindowEvaluation>(
        'GET',
        `/admin/maintenance/${encodeURIComponent(this.maintenanceId)}/evaluation`,
      );
      this.failure = undefined;
    } catch (error) {
      this.failure = t('evaluation:failed', {
        reason:
          error instanceof ApiError && error.status === 0
            ? t('error.unreachable')
            : (error as Error).message,
      });
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'sk-maintenance-evaluation': MaintenanceEvaluationView;
  }
}
