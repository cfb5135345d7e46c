import './define-parts.js';
import type { Maintenance } from '@statuskit/model';
import { LitElement, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { ApiError, type FieldProblem } from '../../api/api-error.js';
import type { Overview, OverviewMaintenance, ScheduledAnnouncement } from '../../api/contract.js';
import type { ConsoleContext } from '../../app/context.js';
import { routeHref } from '../../app/routes.js';
import { problemsUnder } from '../../components/field-problems.js';
import { formStyles } from '../../components/form.styles.js';
import { t } from '../../i18n/i18n.js';
import { errorSummary } from '../error-summary.js';
import { screenStyles } from '../screen.styles.js';
import { textIn, timeIn } from '../text.js';
import { fromLocalInput, toLocalInput } from './maintenance-draft.js';
import { maintenanceStyles } from './maintenance.styles.js';

type FinalAction = 'completed' | 'cancelled';

interface Refusal {
  readonly message: string;
  readonly problems: readonly FieldProblem[];
}

/**
 * Maintenance: the windows by phase and the scheduled announcements (`#/maintenance`), a new one
 * (`#/maintenance/new`), one window with start, extend, complete and cancel for its owner
 * (`#/maintenance/<id>`), and its evaluation (`#/maintenance/<id>/evaluation`).
 */
export class MaintenanceScreen extends LitElement {
  static override styles = [formStyles, screenStyles, maintenanceStyles];
  static override properties = {
    context: { attribute: false },
    overview: { state: true },
    failure: { state: true },
    confirming: { state: true },
    newEnd: { state: true },
    refusal: { state: true },
    busy: { state: true },
  };

  declare context: ConsoleContext | undefined;
  declare overview: Overview | undefined;
  declare failure: string | undefined;
  declare confirming: FinalAction | undefined;
  declare newEnd: string;
  declare refusal: Refusal | undefined;
  declare busy: boolean;

  constructor() {
    super();
    this.context = undefined;
    this.overview = undefined;
    this.failure = undefined;
    this.confirming = undefined;
    this.newEnd = '';
    this.refusal = undefined;
    this.busy = false;
  }

  protected override willUpdate(changed: PropertyValues): void {
    const before = changed.get('context') as ConsoleContext | undefined;
    if (changed.has('context') && this.context && before?.route !== this.context.route) {
      this.refusal = undefined;
      this.confirming = undefined;
      void this.#load();
    }
  }

  override render(): TemplateResult {
    const route = this.context?.route;
    const id = route?.screen === 'maintenance' ? route.id : undefined;
    const step = route?.screen === 'maintenance' ? route.step : undefined;
    if (id === 'new') {
      return html`<sk-maintenance-new .context=${this.context}></sk-maintenance-new>`;
    }
    if (id !== undefined && step === 'evaluation') {
      return html`<sk-maintenance-evaluation
        .context=${this.context}
        .maintenanceId=${id}
      ></sk-maintenance-evaluation>`;
    }
    if (this.failure !== undefined) {
      return html`<h1>${t('maintenance:title')}</h1>
        <p class="alert">${this.failure}</p>`;
    }
    const overview = this.overview;
    if (!overview) {
      return html`<h1>${t('maintenance:title')}</h1>
        <p>${t('maintenance:loading')}</p>`;
    }
    if (id === undefined) return this.#list(overview);
    const entry = overview.maintenance.find((item) => item.maintenance.id === id);
    if (!entry) {
      return html`<h1>${t('maintenance:title')}</h1>
        <p>${t('maintenance:notFound', { id })}</p>
        <p><a href=${routeHref({ screen: 'maintenance' })}>${t('maintenance:back')}</a></p>`;
    }
    return this.#one(entry);
  }

  #list(overview: Overview): TemplateResult {
    return html`<h1>${t('maintenance:title')}</h1>
      <p><a href=${routeHref({ screen: 'maintenance', id: 'new' })}>${t('maintenance:plan')}</a></p>
      ${(['running', 'upcoming', 'ended'] as const).map((phase) => {
        const entries = overview.maintenance.filter((entry) => entry.phase === phase);
        return html`<h2>${t(`maintenance:phase.${phase}`)}</h2>
          ${
            entries.length === 0
              ? html`<p>${t('maintenance:none')}</p>`
              : html`<ul class="plain">
                  ${entries.map((entry) => this.#item(entry.maintenance))}
                </ul>`
          }`;
      })}
      <h2>${t('maintenance:scheduled.heading')}</h2>
      ${
        overview.scheduledAnnouncements.length === 0
          ? html`<p>${t('maintenance:none')}</p>`
          : html`<ul class="plain">
              ${overview.scheduledAnnouncements.map((entry) => this.#scheduled(entry))}
            </ul>`
      }`;
  }

  #item(maintenance: Maintenance): TemplateResult {
    const language = this.#language();
    return html`<li>
      <h3>
        <a href=${routeHref({ screen: 'maintenance', id: maintenance.id })}
          >${textIn(maintenance.title, language, maintenance.id)}</a
        >
      </h3>
      <p class="meta">
        ${t(`maintenance:state.${maintenance.state}`)} · ${this.#span(maintenance)} ·
        ${t('maintenance:services', { services: this.#names(maintenance.services) })}
      </p>
    </li>`;
  }

  #scheduled(entry: ScheduledAnnouncement): TemplateResult {
    const language = this.#language();
    const title = entry.maintenance['title'];
    const shown = textIn(
      typeof title === 'object' && title !== null ? (title as Record<string, string>) : undefined,
      language,
      entry.id,
    );
    return html`<li>
      <h3>${shown}</h3>
      <p class="meta">
        ${t('maintenance:scheduled.item', {
          at: timeIn(entry.at, language, this.#zone()),
          authority: entry.authority,
        })}
      </p>
      ${
        entry.failure
          ? html`<p class="notice">
              ${t('maintenance:scheduled.failed', { reason: entry.failure.message })}
            </p>`
          : nothing
      }
      ${
        entry.authority === this.context?.session.authority
          ? html`<button
              type="button"
              @click=${() => {
                void this.#removeScheduled(entry.id);
              }}
            >
              ${t('maintenance:scheduled.remove', { title: shown })}
            </button>`
          : nothing
      }
    </li>`;
  }

  #one(entry: OverviewMaintenance): TemplateResult {
    const { maintenance } = entry;
    const language = this.#language();
    const owner =
      this.overview?.services.find((item) => maintenance.services.includes(item.service.id))
        ?.service.owner ?? '';
    return html`<h1>${textIn(maintenance.title, language, maintenance.id)}</h1>
      <p><a href=${routeHref({ screen: 'maintenance' })}>${t('maintenance:back')}</a></p>
      <p class="meta">
        ${t(`maintenance:state.${maintenance.state}`)} · ${this.#span(maintenance)} ·
        ${t('maintenance:services', { services: this.#names(maintenance.services) })}
      </p>
      <p>${textIn(maintenance.message, language)}</p>
      ${
        entry.phase === 'ended'
          ? html`<p>
              <a
                href=${routeHref({ screen: 'maintenance', id: maintenance.id, step: 'evaluation' })}
                >${t('maintenance:actions.evaluation')}</a
              >
            </p>`
          : entry.editable
            ? this.#actions(maintenance)
            : html`<p class="notice">${t('maintenance:readOnly', { owner })}</p>`
      }`;
  }

  #actions(maintenance: Maintenance): TemplateResult {
    const problems = (this.refusal?.problems ?? []).map((problem) =>
      problem.path === 'scheduledEnd' ? { ...problem, path: 'new-end' } : problem,
    );
    const mine = problemsUnder(problems, 'new-end');
    return html`<section aria-labelledby="actions-heading">
      <h2 id="actions-heading">${t('maintenance:actions.heading')}</h2>
      ${errorSummary(
        this.refusal && { message: this.refusal.message, problems },
        (path) => {
          this.renderRoot.querySelector<HTMLElement>(`#${CSS.escape(path)}`)?.focus();
        },
        t('maintenance:summary'),
      )}
      ${
        this.confirming
          ? html`<div class="notice" role="alertdialog" aria-labelledby="confirm-text">
              <p id="confirm-text">
                ${t(
                  this.confirming === 'completed'
                    ? 'maintenance:actions.confirmComplete'
                    : 'maintenance:actions.confirmCancel',
                )}
              </p>
              <p class="actions">
                <button
                  type="button"
                  id="confirm"
                  ?disabled=${this.busy}
                  @click=${() => {
                    const state = this.confirming;
                    this.confirming = undefined;
                    if (state) void this.#change({ state }, `maintenance:actions.${state}`);
                  }}
                >
                  ${t('maintenance:actions.confirm')}
                </button>
                <button
                  type="button"
                  @click=${() => {
                    this.confirming = undefined;
                  }}
                >
                  ${t('maintenance:actions.keep')}
                </button>
              </p>
            </div>`
          : html`<div class="actions">
              ${
                maintenance.state === 'scheduled'
                  ? html`<button
                      type="button"
                      ?disabled=${this.busy}
                      @click=${() => {
                        void this.#change({ state: 'in_progress' }, 'maintenance:actions.started');
                      }}
                    >
                      ${t('maintenance:actions.start')}
                    </button>`
                  : nothing
              }
              <form
                class="actions"
                novalidate
                @submit=${(event: Event) => {
                  event.preventDefault();
                  const end = this.newEnd || maintenance.scheduledEnd;
                  void this.#change({ scheduledEnd: end }, 'maintenance:actions.extended', {
                    end: timeIn(end, this.#language(), this.#zone()),
                  });
                }}
              >
                <div class="field">
                  <label for="new-end"
                    >${t('maintenance:actions.newEnd', { zone: this.#zone() })}</label
                  >
                  ${
                    mine.length > 0
                      ? html`<p class="problem" id="new-end-problem">
                          ${mine.map((problem) => problem.message).join(' ')}
                        </p>`
                      : nothing
                  }
                  <input
                    id="new-end"
                    type="datetime-local"
                    .value=${toLocalInput(this.newEnd || maintenance.scheduledEnd, this.#zone())}
                    aria-describedby=${mine.length > 0 ? 'new-end-problem' : nothing}
                    @change=${(event: Event) => {
                      this.newEnd = fromLocalInput(
                        (event.target as HTMLInputElement).value,
                        this.#zone(),
                      );
                    }}
                  />
                </div>
                <button type="submit" ?disabled=${this.busy}>
                  ${t('maintenance:actions.extend')}
                </button>
              </form>
              ${
                maintenance.state === 'in_progress'
                  ? html`<button
                      type="button"
                      @click=${() => {
                        this.#confirm('completed');
                      }}
                    >
                      ${t('maintenance:actions.complete')}
                    </button>`
                  : nothing
              }
              <button
                type="button"
                @click=${() => {
                  this.#confirm('cancelled');
                }}
              >
                ${t('maintenance:actions.cancel')}
              </button>
            </div>`
      }
    </section>`;
  }

  #span(maintenance: Maintenance): string {
    const language = this.#language();
    const zone = this.#zone();
    return t('maintenance:window', {
      start: timeIn(maintenance.actualStart ?? maintenance.scheduledStart, language, zone),
      end: timeIn(maintenance.actualEnd ?? maintenance.scheduledEnd, language, zone),
    });
  }

  #names(ids: readonly string[]): string {
    return ids
      .map((id) =>
        textIn(
          this.overview?.services.find((entry) => entry.service.id === id)?.service.name,
          this.#language(),
          id,
        ),
      )
      .join(', ');
  }

  #language(): string {
    return this.context?.language ?? 'en';
  }

  #zone(): string {
    return this.context?.session.timeZone ?? 'UTC';
  }

  #confirm(action: FinalAction): void {
    this.confirming = action;
    void this.updateComplete.then(() => {
      this.renderRoot.querySelector<HTMLElement>('#confirm')?.focus();
    });
  }

  async #load(): Promise<void> {
    const context = this.context;
    if (!context) return;
    const route = context.route;
    if (route.screen === 'maintenance' && (route.id === 'new' || route.step === 'evaluation')) {
      return;
    }
    try {
      this.overview = await context.http.request<Overview>('GET', '/admin/overview');
      this.failure = undefined;
    } catch (error) {
      this.failure = t('maintenance:failed', {
        reason:
          error instanceof ApiError && error.status === 0
            ? t('error.unreachable')
            : (error as Error).message,
      });
    }
  }

  /** PATCHes the window as the admin API allows, then says so and reloads. */
  async #change(
    body: Readonly<Record<string, unknown>>,
    done: string,
    values: Readonly<Record<string, string>> = {},
  ): Promise<void> {
    const context = this.context;
    const route = context?.route;
    if (!context || route?.screen !== 'maintenance' || route.id === undefined || this.busy) return;
    this.busy = true;
    try {
      await context.http.request('PATCH', `/admin/maintenance/${encodeURIComponent(route.id)}`, {
        body,
      });
      this.refusal = undefined;
      this.newEnd = '';
      context.announce(t(done, values));
      await this.#load();
    } catch (error) {
      this.refusal =
        error instanceof ApiError
          ? {
              message: error.status === 0 ? t('error.unreachable') : error.message,
              problems: error.problems,
            }
          : { message: String(error), problems: [] };
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('.alert')?.focus();
    } finally {
      this.busy = false;
    }
  }

  async #removeScheduled(id: string): Promise<void> {
    const context = this.context;
    if (!context) return;
    try {
      await context.http.request(
        'DELETE',
        `/admin/scheduled-announcements/${encodeURIComponent(id)}`,
      );
      context.announce(t('maintenance:scheduled.removed'));
      await this.#load();
    } catch (error) {
      this.failure = (error as Error).message;
    }
  }
}
