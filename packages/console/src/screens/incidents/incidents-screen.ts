import '../../components/preview-panel/define.js';
import {
  INCIDENT_IMPACTS,
  INCIDENT_STATES,
  type Incident,
  type IncidentImpact,
  type IncidentState,
  type LocalizedText,
  type StatusDocument,
} from '@statuskit/model';
import { LitElement, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { ApiError, type FieldProblem } from '../../api/api-error.js';
import type { PreviewRequest } from '../../api/contract.js';
import type { ConsoleContext } from '../../app/context.js';
import { routeHref } from '../../app/routes.js';
import { problemsUnder } from '../../components/field-problems.js';
import { formStyles } from '../../components/form.styles.js';
import { noticeTextFields } from '../../components/notice-text-fields.js';
import { t } from '../../i18n/i18n.js';
import { errorSummary } from '../error-summary.js';
import { screenStyles } from '../screen.styles.js';
import { textIn, timeIn } from '../text.js';
import {
  EMPTY_DRAFT,
  incidentBody,
  pagesShowing,
  type IncidentDraft,
  type UpdateDraft,
} from './incident-draft.js';

interface Refusal {
  readonly message: string;
  readonly problems: readonly FieldProblem[];
}

/**
 * Incidents: the open ones (`#/incidents`), a new one (`#/incidents/new`) and one
 * (`#/incidents/<id>`: its updates, and for its owner a form to post an update or resolve it).
 * Beside each form, the preview of what users will see if it is published.
 */
export class IncidentsScreen extends LitElement {
  static override styles = [formStyles, screenStyles];
  static override properties = {
    context: { attribute: false },
    document: { state: true },
    failure: { state: true },
    draft: { state: true },
    updateDraft: { state: true },
    refusal: { state: true },
    previewService: { state: true },
    busy: { state: true },
  };

  declare context: ConsoleContext | undefined;
  declare document: StatusDocument | undefined;
  declare failure: string | undefined;
  declare draft: IncidentDraft;
  declare updateDraft: UpdateDraft;
  declare refusal: Refusal | undefined;
  declare previewService: string | undefined;
  declare busy: boolean;

  constructor() {
    super();
    this.context = undefined;
    this.document = undefined;
    this.failure = undefined;
    this.draft = EMPTY_DRAFT;
    this.updateDraft = { state: 'identified', message: {} };
    this.refusal = undefined;
    this.previewService = undefined;
    this.busy = false;
  }

  protected override willUpdate(changed: PropertyValues): void {
    const before = changed.get('context') as ConsoleContext | undefined;
    if (changed.has('context') && this.context && before?.route !== this.context.route) {
      if (before) {
        this.refusal = undefined;
        this.previewService = undefined;
      }
      void this.#load();
    }
  }

  override render(): TemplateResult {
    const id = this.context?.route.screen === 'incidents' ? this.context.route.id : undefined;
    if (this.failure) {
      return html`<h1>${t('incidents:title')}</h1>
        <p class="alert">${this.failure}</p>`;
    }
    const document = this.document;
    if (!document) {
      return html`<h1>${t('incidents:title')}</h1>
        <p>${t('incidents:loading')}</p>`;
    }
    if (id === undefined) return this.#list(document);
    if (id === 'new') return this.#newIncident(document);
    const incident = document.incidents.find((item) => item.id === id);
    if (!incident) {
      return html`<h1>${t('incidents:title')}</h1>
        <p>${t('incidents:notFound', { id })}</p>
        <p><a href=${routeHref({ screen: 'incidents' })}>${t('incidents:back')}</a></p>`;
    }
    return this.#oneIncident(document, incident);
  }

  #list(document: StatusDocument): TemplateResult {
    const language = this.#language();
    const open = document.incidents.filter((incident) => incident.state !== 'resolved');
    return html`<h1>${t('incidents:title')}</h1>
      <p><a href=${routeHref({ screen: 'incidents', id: 'new' })}>${t('incidents:open')}</a></p>
      ${
        open.length === 0
          ? html`<p>${t('incidents:none')}</p>`
          : html`<ul class="plain">
              ${open.map(
                (incident) =>
                  html`<li>
                    <h2>
                      <a href=${routeHref({ screen: 'incidents', id: incident.id })}
                        >${textIn(incident.title, language, incident.id)}</a
                      >
                    </h2>
                    <p class="meta">
                      ${t(`incidents:state.${incident.state}`)} ·
                      ${t('incidents:servicesAffected', {
                        services: this.#names(document, incident.services),
                      })}
                    </p>
                  </li>`,
              )}
            </ul>`
      }`;
  }

  #newIncident(document: StatusDocument): TemplateResult {
    const own = document.services.filter(
      (service) => service.owner === this.context?.session.authority,
    );
    const draft = this.draft;
    const problems = this.refusal?.problems ?? [];
    const languages = this.#languages();
    const request =
      draft.services.length > 0
        ? this.#previewRequest(document, draft.services, {
            kind: 'new-incident',
            body: incidentBody(draft),
          })
        : undefined;
    return html`<h1>${t('incidents:newTitle')}</h1>
      <p><a href=${routeHref({ screen: 'incidents' })}>${t('incidents:back')}</a></p>
      ${
        own.length === 0
          ? html`<p>${t('incidents:noServices')}</p>`
          : html`<div class="columns">
              <form novalidate @submit=${this.#openIncident}>
                ${errorSummary(this.refusal, this.#focusField)}
                <fieldset
                  id="services"
                  tabindex="-1"
                  aria-describedby=${this.#describedBy('services', problems)}
                >
                  <legend>${t('incidents:form.services')}</legend>
                  ${this.#problemText('services', problems)}
                  ${own.map(
                    (service) =>
                      html`<div>
                        <input
                          type="checkbox"
                          id=${`service-${service.id}`}
                          name="services"
                          value=${service.id}
                          .checked=${draft.services.includes(service.id)}
                          @change=${this.#onService}
                        />
                        <label for=${`service-${service.id}`}
                          >${textIn(service.name, this.#language(), service.id)}</label
                        >
                      </div>`,
                  )}
                </fieldset>
                <div class="field">
                  <label for="impact">${t('incidents:impact.label')}</label>
                  ${this.#problemText('impact', problems)}
                  <select
                    id="impact"
                    name="impact"
                    aria-describedby=${this.#describedBy('impact', problems)}
                    @change=${this.#onImpact}
                  >
                    ${INCIDENT_IMPACTS.map(
                      (impact) =>
                        html`<option value=${impact} ?selected=${impact === draft.impact}>
                          ${t(`incidents:impact.${impact}`)}
                        </option>`,
                    )}
                  </select>
                </div>
                ${noticeTextFields({
                  texts: draft,
                  languages,
                  problems,
                  uiLanguage: this.#language(),
                  labels: {
                    title: t('incidents:form.titleField'),
                    message: t('incidents:form.message'),
                    alternatives: t('incidents:form.alternatives'),
                    keepsWork: t('incidents:form.keepsWork'),
                  },
                  onChange: (patch) => {
                    this.draft = { ...this.draft, ...patch };
                  },
                })}
                <p>
                  <button type="submit" ?disabled=${this.busy}>
                    ${t('incidents:form.submit')}
                  </button>
                </p>
              </form>
              <div>${this.#preview(document, draft.services, request)}</div>
            </div>`
      }`;
  }

  #oneIncident(document: StatusDocument, incident: Incident): TemplateResult {
    const language = this.#language();
    const zone = this.context?.session.timeZone ?? document.timeZone;
    const owners = new Set(
      incident.services.map(
        (id) => document.services.find((service) => service.id === id)?.owner ?? '',
      ),
    );
    const editable = owners.size === 1 && owners.has(this.context?.session.authority ?? '\u0000');
    return html`<h1>${textIn(incident.title, language, incident.id)}</h1>
      <p><a href=${routeHref({ screen: 'incidents' })}>${t('incidents:back')}</a></p>
      <p class="meta">
        ${t(`incidents:state.${incident.state}`)} ·
        ${t('incidents:servicesAffected', { services: this.#names(document, incident.services) })} ·
        ${t(`incidents:impact.${incident.impact}`)}
      </p>
      <p class="meta">
        ${t('incidents:started', { time: timeIn(incident.startedAt, language, zone) })}
      </p>
      ${
        incident.resolvedAt
          ? html`<p class="meta">
              ${t('incidents:resolvedAt', { time: timeIn(incident.resolvedAt, language, zone) })}
            </p>`
          : nothing
      }
      <h2>${t('incidents:updates')}</h2>
      <ul class="plain">
        ${[...incident.updates].reverse().map(
          (update) =>
            html`<li>
              <p class="meta">
                ${timeIn(update.time, language, zone)} · ${t(`incidents:state.${update.state}`)}
              </p>
              <p>${textIn(update.message, language)}</p>
            </li>`,
        )}
      </ul>
      ${
        !editable
          ? html`<p class="notice">
              ${t('incidents:readOnly', { owner: [...owners].join(', ') })}
            </p>`
          : incident.state === 'resolved'
            ? nothing
            : this.#updateForm(document, incident)
      }`;
  }

  #updateForm(document: StatusDocument, incident: Incident): TemplateResult {
    const update = this.updateDraft;
    const problems = this.refusal?.problems ?? [];
    const request = this.#previewRequest(document, incident.services, {
      kind: 'incident-update',
      id: incident.id,
      body: { state: update.state, message: update.message },
    });
    return html`<div class="columns">
      <form novalidate @submit=${this.#postUpdate}>
        <h2>${t('incidents:form.updateHeading')}</h2>
        ${errorSummary(this.refusal, this.#focusField)}
        <div class="field">
          <label for="state">${t('incidents:state.label')}</label>
          ${this.#problemText('state', problems)}
          <select
            id="state"
            aria-describedby=${this.#describedBy('state', problems)}
            @change=${(event: Event) => {
              this.updateDraft = {
                ...this.updateDraft,
                state: (event.target as HTMLSelectElement).value as IncidentState,
              };
            }}
          >
            ${INCIDENT_STATES.map(
              (state) =>
                html`<option value=${state} ?selected=${state === update.state}>
                  ${t(`incidents:state.${state}`)}
                </option>`,
            )}
          </select>
        </div>
        <sk-localized-text-fields
          id="message"
          name="message"
          multiline
          required
          .label=${t('incidents:form.updateMessage')}
          .languages=${this.#languages()}
          .value=${update.message}
          .problems=${problems}
          .uiLanguage=${this.#language()}
          @value-changed=${(event: CustomEvent<{ value: LocalizedText }>) => {
            this.updateDraft = { ...this.updateDraft, message: event.detail.value };
          }}
        ></sk-localized-text-fields>
        <p>
          <button type="submit" ?disabled=${this.busy}>${t('incidents:form.postUpdate')}</button>
          <button type="button" class="secondary" ?disabled=${this.busy} @click=${this.#resolve}>
            ${t('incidents:form.resolve')}
          </button>
        </p>
      </form>
      <div>${this.#preview(document, incident.services, request)}</div>
    </div>`;
  }

  #preview(
    document: StatusDocument,
    services: readonly string[],
    request: PreviewRequest | undefined,
  ): TemplateResult {
    const pages = pagesShowing(document, services);
    const chosen = this.#chosenPage(pages);
    return html`${
        pages.length > 1
          ? html`<div class="field">
              <label for="preview-service">${t('incidents:form.previewService')}</label>
              <select id="preview-service" @change=${this.#onPreviewService}>
                ${pages.map(
                  (id) =>
                    html`<option value=${id} ?selected=${id === chosen}>
                      ${this.#names(document, [id])}
                    </option>`,
                )}
              </select>
            </div>`
          : nothing
      } <sk-preview-panel .context=${this.context} .request=${request}></sk-preview-panel>`;
  }

  #previewRequest(
    document: StatusDocument,
    services: readonly string[],
    draft: PreviewRequest['draft'],
  ): PreviewRequest | undefined {
    const service = this.#chosenPage(pagesShowing(document, services));
    return service === undefined ? undefined : { service, draft };
  }

  #chosenPage(pages: readonly string[]): string | undefined {
    return this.previewService !== undefined && pages.includes(this.previewService)
      ? this.previewService
      : pages[0];
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

  #names(document: StatusDocument, ids: readonly string[]): string {
    return ids
      .map((id) =>
        textIn(document.services.find((service) => service.id === id)?.name, this.#language(), id),
      )
      .join(', ');
  }

  #languages(): readonly string[] {
    return this.context?.session.languages ?? [];
  }

  #language(): string {
    return this.context?.language ?? 'en';
  }

  async #load(): Promise<void> {
    const context = this.context;
    if (!context) return;
    try {
      // The live document; revalidated, as the feed lets caches keep it for a few seconds.
      const status = await context.http.request<{ document: StatusDocument }>(
        'GET',
        '/status.json',
        { headers: { 'cache-control': 'no-cache' } },
      );
      this.document = status.document;
      this.failure = undefined;
    } catch (error) {
      this.failure = t('incidents:failed', {
        reason:
          error instanceof ApiError && error.status === 0
            ? t('error.unreachable')
            : (error as Error).message,
      });
    }
  }

  /** Sends a write; on refusal shows the summary and moves focus to it. */
  async #send<T>(path: string, body: unknown): Promise<T | undefined> {
    const context = this.context;
    if (!context || this.busy) return undefined;
    this.busy = true;
    try {
      const answer = await context.http.request<T>('POST', path, { body });
      this.refusal = undefined;
      return answer;
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
      return undefined;
    } finally {
      this.busy = false;
    }
  }

  readonly #openIncident = async (event: Event): Promise<void> => {
    event.preventDefault();
    const answer = await this.#send<{ incident: Incident }>(
      '/admin/incidents',
      incidentBody(this.draft),
    );
    if (!answer || !this.context) return;
    this.context.announce(
      t('incidents:opened', { title: textIn(answer.incident.title, this.#language()) }),
    );
    this.draft = EMPTY_DRAFT;
    this.context.navigate({ screen: 'incidents', id: answer.incident.id });
  };

  readonly #postUpdate = async (event: Event): Promise<void> => {
    event.preventDefault();
    await this.#publishUpdate(this.updateDraft);
  };

  readonly #resolve = async (): Promise<void> => {
    await this.#publishUpdate({ ...this.updateDraft, state: 'resolved' });
  };

  async #publishUpdate(update: UpdateDraft): Promise<void> {
    const id = this.context?.route.screen === 'incidents' ? this.context.route.id : undefined;
    if (id === undefined) return;
    const answer = await this.#send<{ incident: Incident }>(
      `/admin/incidents/${encodeURIComponent(id)}/updates`,
      { state: update.state, message: update.message },
    );
    if (!answer) return;
    this.context?.announce(
      t(update.state === 'resolved' ? 'incidents:resolved' : 'incidents:updated'),
    );
    this.updateDraft = { state: 'identified', message: {} };
    await this.#load();
  }

  readonly #focusField = (path: string): void => {
    const head = path.split(/[.[]/)[0] ?? '';
    const target = this.renderRoot.querySelector<HTMLElement>(`#${CSS.escape(head)}`);
    target?.focus();
  };

  readonly #onService = (event: Event): void => {
    const input = event.target as HTMLInputElement;
    const others = this.draft.services.filter((id) => id !== input.value);
    this.draft = { ...this.draft, services: input.checked ? [...others, input.value] : others };
  };

  readonly #onImpact = (event: Event): void => {
    this.draft = {
      ...this.draft,
      impact: (event.target as HTMLSelectElement).value as IncidentImpact,
    };
  };

  readonly #onPreviewService = (event: Event): void => {
    this.previewService = (event.target as HTMLSelectElement).value;
  };
}
