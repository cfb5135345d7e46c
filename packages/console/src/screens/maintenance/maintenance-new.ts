import '../../components/preview-panel/define.js';
import type { Maintenance, Service } from '@statuskit/model';
import { LitElement, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { ApiError, type FieldProblem } from '../../api/api-error.js';
import type {
  EarlierMaintenance,
  Overview,
  PreviewAnswer,
  PreviewRequest,
  ScheduledAnnouncement,
} from '../../api/contract.js';
import type { ConsoleContext } from '../../app/context.js';
import { routeHref } from '../../app/routes.js';
import { problemsUnder } from '../../components/field-problems.js';
import { formStyles } from '../../components/form.styles.js';
import { noticeTextFields } from '../../components/notice-text-fields.js';
import { t } from '../../i18n/i18n.js';
import { errorSummary } from '../error-summary.js';
import { screenStyles } from '../screen.styles.js';
import { textIn, timeIn } from '../text.js';
import { maintenanceStyles } from './maintenance.styles.js';
import {
  EMPTY_MAINTENANCE,
  fromLocalInput,
  maintenanceBody,
  reuse,
  toLocalInput,
  type MaintenanceDraft,
} from './maintenance-draft.js';
import type { PlannedWindow, PlanReport } from './plan-report.js';

/** The services to choose from (the overview's, the signed-in authority's own editable). */
interface Catalogue {
  readonly services: readonly Service[];
}

interface Refusal {
  readonly message: string;
  readonly problems: readonly FieldProblem[];
}

/**
 * `#/maintenance/new`, step by step: find a quiet window from access logs (`plan-window`), check
 * it against the service levels (the preview's warnings), prepare the texts and alternatives
 * (from an earlier window if wanted, with the live preview as at the window's start), then
 * announce now or schedule the announcement.
 */
export class MaintenanceNew extends LitElement {
  static override styles = [formStyles, screenStyles, maintenanceStyles];
  static override properties = {
    context: { attribute: false },
    document: { state: true },
    draft: { state: true },
    source: { state: true },
    planning: { state: true },
    plan: { state: true },
    warnings: { state: true },
    earlier: { state: true },
    announceAt: { state: true },
    later: { state: true },
    refusal: { state: true },
    busy: { state: true },
  };

  declare context: ConsoleContext | undefined;
  declare document: Catalogue | undefined;
  declare draft: MaintenanceDraft;
  declare source: 'upload' | 'configured';
  declare planning: boolean;
  declare plan: PlanReport | undefined;
  declare warnings: PreviewAnswer['warnings'] | undefined;
  declare earlier: readonly Maintenance[] | undefined;
  declare announceAt: string;
  declare later: boolean;
  declare refusal: Refusal | undefined;
  declare busy: boolean;

  #duration = '2h';
  #within = '14d';

  constructor() {
    super();
    this.context = undefined;
    this.document = undefined;
    this.draft = EMPTY_MAINTENANCE;
    this.source = 'upload';
    this.planning = false;
    this.plan = undefined;
    this.warnings = undefined;
    this.earlier = undefined;
    this.announceAt = '';
    this.later = false;
    this.refusal = undefined;
    this.busy = false;
  }

  protected override willUpdate(changed: PropertyValues): void {
    if (changed.has('context') && this.context && !changed.get('context')) void this.#load();
  }

  override render(): TemplateResult {
    const document = this.document;
    if (!document) {
      return html`<h1>${t('maintenance:newTitle')}</h1>
        <p>${t('maintenance:loading')}</p>`;
    }
    const own = document.services.filter(
      (service) => service.owner === this.context?.session.authority,
    );
    return html`<h1>${t('maintenance:newTitle')}</h1>
      <p><a href=${routeHref({ screen: 'maintenance' })}>${t('maintenance:back')}</a></p>
      ${errorSummary(
        this.refusal && { message: this.refusal.message, problems: this.#problems() },
        this.#focusField,
        t('maintenance:summary'),
      )}
      ${this.#planStep(
        document,
        own.map((service) => service.id),
      )}
      ${this.#checkStep()} ${this.#prepareStep()} ${this.#announceStep()}`;
  }

  #planStep(document: Catalogue, own: readonly string[]): TemplateResult {
    const problems = this.#problems();
    const language = this.#language();
    return html`<section aria-labelledby="step-plan">
      <h2 id="step-plan">${t('maintenance:steps.plan')}</h2>
      <form novalidate @submit=${this.#planWindows}>
        <div class="field">
          <label for="service">${t('maintenance:planForm.service')}</label>
          ${this.#problemText('service', problems)}
          <select
            id="service"
            aria-describedby=${this.#describedBy('service', problems)}
            @change=${this.#onService}
          >
            ${own.map(
              (id) =>
                html`<option value=${id} ?selected=${id === this.draft.service}>
                  ${textIn(
                    document.services.find((service) => service.id === id)?.name,
                    language,
                    id,
                  )}
                </option>`,
            )}
          </select>
        </div>
        ${this.#textInput(
          'duration',
          t('maintenance:planForm.duration'),
          this.#duration,
          (value) => {
            this.#duration = value;
          },
        )}
        ${this.#textInput('within', t('maintenance:planForm.within'), this.#within, (value) => {
          this.#within = value;
        })}
        <fieldset>
          <legend>${t('maintenance:planForm.source')}</legend>
          ${(['upload', 'configured'] as const).map(
            (source) =>
              html`<div>
                <input
                  type="radio"
                  name="source"
                  id=${`source-${source}`}
                  value=${source}
                  .checked=${this.source === source}
                  @change=${() => {
                    this.source = source;
                  }}
                />
                <label for=${`source-${source}`}>${t(`maintenance:planForm.${source}`)}</label>
              </div>`,
          )}
        </fieldset>
        ${
          this.source === 'upload'
            ? html`<div class="field">
                <label for="body">${t('maintenance:planForm.file')}</label>
                ${this.#problemText('body', problems)}
                <input
                  id="body"
                  type="file"
                  aria-describedby=${this.#describedBy('body', problems)}
                />
              </div>`
            : nothing
        }
        <p>
          <button type="submit" ?disabled=${this.planning}>
            ${t('maintenance:planForm.submit')}
          </button>
        </p>
        <p role="status">${this.planning ? t('maintenance:planForm.planning') : ''}</p>
      </form>
      ${this.plan ? this.#windows(this.plan) : nothing} ${this.#times()}
    </section>`;
  }

  #windows(plan: PlanReport): TemplateResult {
    const language = this.#language();
    const zone = plan.timeZone;
    const format = new Intl.NumberFormat(language);
    return html`<p>
        ${t('maintenance:windows.summary', {
          requests: format.format(plan.input.requests),
          from: plan.input.from ? timeIn(plan.input.from, language, zone) : '–',
          to: plan.input.to ? timeIn(plan.input.to, language, zone) : '–',
          busiest: plan.busiest?.local ?? '–',
        })}
      </p>
      <div class="table-scroll" tabindex="0" role="region" aria-labelledby="windows-caption">
        <table>
          <caption id="windows-caption">
            ${t('maintenance:windows.caption')}
          </caption>
          <thead>
            <tr>
              <th scope="col">${t('maintenance:windows.rank')}</th>
              <th scope="col">${t('maintenance:windows.when')}</th>
              <th scope="col">${t('maintenance:windows.visitors')}</th>
              <th scope="col">${t('maintenance:windows.share')}</th>
              <th scope="col">${t('maintenance:windows.choose')}</th>
            </tr>
          </thead>
          <tbody>
            ${plan.windows.map(
              (window) =>
                html`<tr>
                  <td>${window.rank ?? ''}</td>
                  <th scope="row">${window.local}</th>
                  <td>${format.format(window.visitors)}</td>
                  <td>
                    ${
                      window.percentOfBusiest === undefined
                        ? '–'
                        : `${format.format(window.percentOfBusiest)} %`
                    }
                  </td>
                  <td>
                    <button
                      type="button"
                      aria-label=${t('maintenance:windows.chooseWindow', { when: window.local })}
                      aria-pressed=${this.draft.scheduledStart === window.start ? 'true' : 'false'}
                      @click=${() => {
                        this.#choose(window);
                      }}
                    >
                      ${t('maintenance:windows.choose')}
                    </button>
                  </td>
                </tr>`,
            )}
          </tbody>
        </table>
      </div>`;
  }

  #times(): TemplateResult {
    const problems = this.#problems();
    return html`<fieldset>
      <legend>${t('maintenance:times.legend')}</legend>
      ${(['scheduledStart', 'scheduledEnd'] as const).map(
        (field) =>
          html`<div class="field">
            <label for=${field}
              >${t(`maintenance:times.${field === 'scheduledStart' ? 'start' : 'end'}`, {
                zone: this.#timeZone(),
              })}</label
            >
            ${this.#problemText(field, problems)}
            <input
              id=${field}
              type="datetime-local"
              .value=${toLocalInput(this.draft[field], this.#timeZone())}
              aria-describedby=${this.#describedBy(field, problems)}
              @change=${(event: Event) => {
                this.draft = {
                  ...this.draft,
                  [field]: fromLocalInput(
                    (event.target as HTMLInputElement).value,
                    this.#timeZone(),
                  ),
                };
                void this.#check();
              }}
            />
          </div>`,
      )}
    </fieldset>`;
  }

  #checkStep(): TemplateResult {
    const warnings = this.warnings;
    return html`<section aria-labelledby="step-check">
      <h2 id="step-check">${t('maintenance:steps.check')}</h2>
      ${
        warnings === undefined
          ? html`<p>${t('maintenance:check.pick')}</p>`
          : warnings.length === 0
            ? html`<p>${t('maintenance:check.none')}</p>`
            : html`<ul class="warnings">
                ${warnings.map(
                  (warning) => html`<li class="notice">${this.#warningText(warning)}</li>`,
                )}
              </ul>`
      }
    </section>`;
  }

  /** A service-level warning in the console's language, from the figures the feed gave. */
  #warningText(warning: PreviewAnswer['warnings'][number]): string {
    const language = this.#language();
    const service = textIn(
      this.document?.services.find((entry) => entry.id === warning.service)?.name,
      language,
      warning.service,
    );
    return warning.kind === 'notice-period'
      ? t('maintenance:check.noticePeriod', {
          service,
          givenDays: warning.givenDays,
          requiredDays: warning.requiredDays,
        })
      : t('maintenance:check.maxOutage', {
          service,
          plannedMinutes: warning.plannedMinutes,
          maxMinutes: warning.maxMinutes,
        });
  }

  #prepareStep(): TemplateResult {
    const problems = this.#problems();
    const languages = this.context?.session.languages ?? [];
    const draft = this.draft;
    const request: PreviewRequest | undefined =
      draft.service === ''
        ? undefined
        : {
            service: draft.service,
            draft: { kind: 'new-maintenance', body: maintenanceBody(draft) },
            ...(draft.scheduledStart !== '' && { at: draft.scheduledStart }),
          };
    return html`<section aria-labelledby="step-prepare">
      <h2 id="step-prepare">${t('maintenance:steps.prepare')}</h2>
      ${this.#earlier()}
      ${noticeTextFields({
        texts: draft,
        languages,
        problems,
        uiLanguage: this.#language(),
        labels: {
          title: t('maintenance:prepare.titleField'),
          message: t('maintenance:prepare.message'),
          alternatives: t('maintenance:prepare.alternatives'),
          keepsWork: t('maintenance:prepare.keepsWork'),
        },
        onChange: (patch) => {
          this.draft = { ...this.draft, ...patch };
        },
      })}
      <sk-preview-panel .context=${this.context} .request=${request}></sk-preview-panel>
    </section>`;
  }

  #earlier(): TemplateResult | typeof nothing {
    const earlier = this.earlier;
    if (earlier === undefined) return nothing;
    const language = this.#language();
    const zone = this.context?.session.timeZone ?? 'UTC';
    return html`<h3>${t('maintenance:prepare.earlier')}</h3>
      ${
        earlier.length === 0
          ? html`<p>${t('maintenance:prepare.earlierNone')}</p>`
          : html`<ul class="plain">
              ${earlier.slice(0, 5).map(
                (window) =>
                  html`<li>
                    <button
                      type="button"
                      @click=${() => {
                        this.draft = reuse(this.draft, window);
                        this.context?.announce(
                          t('maintenance:prepare.used', { title: textIn(window.title, language) }),
                        );
                      }}
                    >
                      ${t('maintenance:prepare.use', {
                        title: textIn(window.title, language, window.id),
                        when: timeIn(window.scheduledStart, language, zone),
                      })}
                    </button>
                  </li>`,
              )}
            </ul>`
      }`;
  }

  #announceStep(): TemplateResult {
    const problems = this.#problems();
    return html`<section aria-labelledby="step-announce">
      <h2 id="step-announce">${t('maintenance:steps.announce')}</h2>
      <form novalidate @submit=${this.#announce}>
        <fieldset>
          <legend>${t('maintenance:announce.when')}</legend>
          ${([false, true] as const).map(
            (later) =>
              html`<div>
                <input
                  type="radio"
                  name="when"
                  id=${later ? 'when-later' : 'when-now'}
                  .checked=${this.later === later}
                  @change=${() => {
                    this.later = later;
                  }}
                />
                <label for=${later ? 'when-later' : 'when-now'}
                  >${t(later ? 'maintenance:announce.later' : 'maintenance:announce.now')}</label
                >
              </div>`,
          )}
        </fieldset>
        ${
          this.later
            ? html`<div class="field">
                <label for="at">${t('maintenance:announce.at', { zone: this.#timeZone() })}</label>
                ${this.#problemText('at', problems)}
                <input
                  id="at"
                  type="datetime-local"
                  .value=${toLocalInput(this.announceAt, this.#timeZone())}
                  aria-describedby=${this.#describedBy('at', problems)}
                  @change=${(event: Event) => {
                    this.announceAt = fromLocalInput(
                      (event.target as HTMLInputElement).value,
                      this.#timeZone(),
                    );
                  }}
                />
              </div>`
            : nothing
        }
        <p>
          <button type="submit" ?disabled=${this.busy}>
            ${t(this.later ? 'maintenance:announce.schedule' : 'maintenance:announce.submit')}
          </button>
        </p>
      </form>
    </section>`;
  }

  #textInput(
    id: string,
    label: string,
    value: string,
    set: (value: string) => void,
  ): TemplateResult {
    const problems = this.#problems();
    return html`<div class="field">
      <label for=${id}>${label}</label>
      ${this.#problemText(id, problems)}
      <input
        id=${id}
        type="text"
        .value=${value}
        aria-describedby=${this.#describedBy(id, problems)}
        @input=${(event: Event) => {
          set((event.target as HTMLInputElement).value);
        }}
      />
    </div>`;
  }

  /** The refusal's problems, named as the form's fields (a schedule's are under `maintenance.`). */
  #problems(): readonly FieldProblem[] {
    return (this.refusal?.problems ?? []).map((problem) => ({
      ...problem,
      path: problem.path.replace(/^maintenance\./, '').replace(/^services(\[\d+\])?/, 'service'),
    }));
  }

  #problemText(path: string, problems: readonly FieldProblem[]): TemplateResult | typeof nothing {
    const mine = problemsUnder(problems, path);
    return mine.length === 0
      ? nothing
      : html`<p class="problem" id=${`${path}-problem`}>
          ${mine.map((problem) => problem.message).join(' ')}
        </p>`;
  }

  #describedBy(path: string, problems: readonly FieldProblem[]): string | typeof nothing {
    return problemsUnder(problems, path).length > 0 ? `${path}-problem` : nothing;
  }

  #language(): string {
    return this.context?.language ?? 'en';
  }

  /** The feed's time zone: windows are planned on its wall clock. */
  #timeZone(): string {
    return this.context?.session.timeZone ?? 'UTC';
  }

  async #load(): Promise<void> {
    const context = this.context;
    if (!context) return;
    try {
      const overview = await context.http.request<Overview>('GET', '/admin/overview');
      const document = { services: overview.services.map((entry) => entry.service) };
      const first = document.services.find(
        (service) => service.owner === context.session.authority,
      );
      this.document = document;
      if (this.draft.service === '' && first) {
        this.draft = { ...this.draft, service: first.id };
        await this.#loadEarlier();
      }
    } catch (error) {
      this.#refused(error);
    }
  }

  async #loadEarlier(): Promise<void> {
    const context = this.context;
    if (!context || this.draft.service === '') return;
    const answer = await context.http.request<EarlierMaintenance>(
      'GET',
      `/admin/services/${encodeURIComponent(this.draft.service)}/maintenance`,
    );
    this.earlier = answer.maintenance;
  }

  /** The service-level warnings of the chosen window, from the preview of its write. */
  async #check(): Promise<void> {
    const context = this.context;
    const draft = this.draft;
    if (!context || draft.scheduledStart === '' || draft.scheduledEnd === '') return;
    // The check is about the window, not the texts: stand-ins keep an unfinished draft valid.
    const stand = Object.fromEntries(context.session.languages.map((language) => [language, '…']));
    const body = {
      ...maintenanceBody(draft),
      title: { ...stand, ...draft.title },
      message: { ...stand, ...draft.message },
    };
    try {
      const answer = await context.http.request<PreviewAnswer>('POST', '/admin/preview', {
        body: { service: draft.service, draft: { kind: 'new-maintenance', body } },
      });
      this.warnings = answer.warnings;
    } catch (error) {
      this.warnings = undefined;
      this.#refused(error);
    }
  }

  #choose(window: PlannedWindow): void {
    this.draft = { ...this.draft, scheduledStart: window.start, scheduledEnd: window.end };
    this.context?.announce(t('maintenance:windows.chosen', { when: window.local }));
    void this.#check();
  }

  #refused(error: unknown): void {
    this.refusal =
      error instanceof ApiError
        ? {
            message: error.status === 0 ? t('error.unreachable') : error.message,
            problems: error.problems,
          }
        : { message: String(error), problems: [] };
    void this.updateComplete.then(() => {
      this.renderRoot.querySelector<HTMLElement>('.alert')?.focus();
    });
  }

  readonly #onService = async (event: Event): Promise<void> => {
    this.draft = { ...this.draft, service: (event.target as HTMLSelectElement).value };
    this.plan = undefined;
    this.warnings = undefined;
    await this.#loadEarlier();
  };

  readonly #planWindows = async (event: Event): Promise<void> => {
    event.preventDefault();
    const context = this.context;
    if (!context || this.planning) return;
    const file = this.renderRoot.querySelector<HTMLInputElement>('#body')?.files?.[0];
    if (this.source === 'upload' && !file) {
      this.refusal = {
        message: t('maintenance:planForm.noFile'),
        problems: [{ path: 'body', message: t('maintenance:planForm.noFile') }],
      };
      return;
    }
    this.planning = true;
    try {
      this.plan = await context.http.request<PlanReport>('POST', '/admin/plan-window', {
        query: {
          service: this.draft.service,
          duration: this.#duration,
          within: this.#within,
          ...(this.source === 'configured' && { source: 'configured' }),
        },
        ...(file && this.source === 'upload' && { body: file }),
      });
      this.refusal = undefined;
    } catch (error) {
      this.#refused(error);
    } finally {
      this.planning = false;
    }
  };

  readonly #announce = async (event: Event): Promise<void> => {
    event.preventDefault();
    const context = this.context;
    if (!context || this.busy) return;
    this.busy = true;
    const body = maintenanceBody(this.draft);
    const title = textIn(this.draft.title, this.#language());
    try {
      if (this.later) {
        const scheduled = await context.http.request<ScheduledAnnouncement>(
          'POST',
          '/admin/scheduled-announcements',
          { body: { at: this.announceAt, maintenance: body } },
        );
        context.announce(
          t('maintenance:announce.scheduledFor', {
            at: timeIn(scheduled.at, this.#language(), context.session.timeZone),
          }),
        );
        context.navigate({ screen: 'maintenance' });
      } else {
        const answer = await context.http.request<{ maintenance: Maintenance }>(
          'POST',
          '/admin/maintenance',
          { body },
        );
        context.announce(t('maintenance:announce.announced', { title }));
        context.navigate({ screen: 'maintenance', id: answer.maintenance.id });
      }
      this.refusal = undefined;
      this.draft = EMPTY_MAINTENANCE;
    } catch (error) {
      this.#refused(error);
    } finally {
      this.busy = false;
    }
  };

  readonly #focusField = (path: string): void => {
    const head = path.split(/[.[]/)[0] ?? '';
    this.renderRoot.querySelector<HTMLElement>(`#${CSS.escape(head)}`)?.focus();
  };
}

declare global {
  interface HTMLElementTagNameMap {
    'sk-maintenance-new': MaintenanceNew;
  }
}
