import type { Status } from '@statuskit/model';
import { LitElement, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { ApiError } from '../../api/api-error.js';
import type { Overview, OverviewWarning } from '../../api/contract.js';
import type { ConsoleContext } from '../../app/context.js';
import { routeHref } from '../../app/routes.js';
import { languageName } from '../../components/language-name.js';
import { t } from '../../i18n/i18n.js';
import { screenStyles } from '../screen.styles.js';
import { textIn, timeIn } from '../text.js';
import { LiveFeed } from './live-feed.js';

/**
 * What the operator must know now (`GET /v1/admin/overview`): warnings first, each linking to
 * what to fix, then services with their cause chains, open incidents and maintenance. It reads
 * the overview again whenever the feed's stream reports a change, and says when the feed is gone.
 */
export class OverviewScreen extends LitElement {
  static override styles = screenStyles;
  static override properties = {
    context: { attribute: false },
    overview: { state: true },
    failure: { state: true },
    unreachable: { state: true },
  };

  declare context: ConsoleContext | undefined;
  declare overview: Overview | undefined;
  declare failure: string | undefined;
  declare unreachable: boolean;

  readonly #live = new LiveFeed({
    changed: () => void this.#load(),
    reachable: (reachable) => {
      this.unreachable = !reachable;
    },
  });

  constructor() {
    super();
    this.context = undefined;
    this.overview = undefined;
    this.failure = undefined;
    this.unreachable = false;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.#live.open();
  }

  override disconnectedCallback(): void {
    this.#live.close();
    super.disconnectedCallback();
  }

  protected override willUpdate(changed: PropertyValues): void {
    if (changed.has('context') && this.context && !changed.get('context')) void this.#load();
  }

  override render(): TemplateResult {
    return html`<h1>${t('overview:title')}</h1>
      <p role="status">${this.unreachable ? t('overview:unreachable') : nothing}</p>
      ${this.failure ? html`<p class="alert">${this.failure}</p>` : nothing}
      ${this.overview ? this.#sections(this.overview) : html`<p>${t('overview:loading')}</p>`}`;
  }

  #sections(overview: Overview): TemplateResult {
    return html`${this.#warnings(overview)} ${this.#services(overview)} ${this.#incidents(overview)}
    ${this.#maintenance(overview)}`;
  }

  #warnings(overview: Overview): TemplateResult {
    return html`<section aria-labelledby="warnings">
      <h2 id="warnings">${t('overview:warnings.heading')}</h2>
      ${
        overview.warnings.length === 0
          ? html`<p>${t('overview:warnings.none')}</p>`
          : html`<ul class="plain">
              ${overview.warnings.map(
                (warning) =>
                  html`<li class="notice">
                    ${this.#warningText(overview, warning)}
                    <a href=${this.#fixHref(warning)}>${t('overview:warnings.fix')}</a>
                  </li>`,
              )}
            </ul>`
      }
    </section>`;
  }

  #warningText(overview: Overview, warning: OverviewWarning): string {
    const language = this.#language();
    const serviceName = (id: string) =>
      textIn(
        overview.services.find((entry) => entry.service.id === id)?.service.name,
        language,
        id,
      );
    switch (warning.kind) {
      case 'notice-period':
      case 'max-outage': {
        const title = textIn(
          overview.maintenance.find((entry) => entry.maintenance.id === warning.maintenance)
            ?.maintenance.title,
          language,
          warning.maintenance,
        );
        return warning.kind === 'notice-period'
          ? t('overview:warnings.noticePeriod', {
              title,
              service: serviceName(warning.service),
              givenDays: warning.givenDays,
              requiredDays: warning.requiredDays,
            })
          : t('overview:warnings.maxOutage', {
              title,
              service: serviceName(warning.service),
              plannedMinutes: warning.plannedMinutes,
              maxMinutes: warning.maxMinutes,
            });
      }
      case 'missing-translation': {
        const entity =
          warning.entity === 'incident'
            ? overview.incidents.find((entry) => entry.incident.id === warning.id)?.incident
            : overview.maintenance.find((entry) => entry.maintenance.id === warning.id)
                ?.maintenance;
        return t('overview:warnings.missingTranslation', {
          title: textIn(entity?.title, language, warning.id),
          languages: warning.languages.map((tag) => languageName(tag, language)).join(', '),
          field: warning.field,
        });
      }
    }
  }

  #fixHref(warning: OverviewWarning): string {
    if (warning.kind === 'missing-translation') {
      return routeHref(
        warning.entity === 'incident'
          ? { screen: 'incidents', id: warning.id }
          : { screen: 'maintenance', id: warning.id },
      );
    }
    return routeHref({ screen: 'maintenance', id: warning.maintenance });
  }

  /** A service's name in the console's language (its id when the overview does not know it). */
  #serviceName(overview: Overview, id: string): string {
    return textIn(
      overview.services.find((entry) => entry.service.id === id)?.service.name,
      this.#language(),
      id,
    );
  }

  #services(overview: Overview): TemplateResult {
    const language = this.#language();
    const name = (id: string) => this.#serviceName(overview, id);
    const status = (value: Status) => t(`status.${value}`);
    return html`<section aria-labelledby="services">
      <h2 id="services">${t('overview:services.heading')}</h2>
      <ul class="plain">
        ${overview.services.map(
          (entry) =>
            html`<li>
              <h3>
                ${textIn(entry.service.name, language, entry.service.id)}
                <span class="badge"
                  >${
                    entry.editable
                      ? t('overview:services.yours')
                      : t('overview:services.readOnly', { owner: entry.service.owner })
                  }</span
                >
              </h3>
              <p class="meta">${t('overview:services.own', { status: status(entry.ownStatus) })}</p>
              <p class="meta">
                ${t('overview:services.experienced', {
                  status: status(entry.experiencedStatus),
                })}
              </p>
              ${entry.causes.map((chain) => {
                // The chain starts at the service itself; alone, the cause is its own incident or window.
                const upstream = chain.filter((link) => link.service !== entry.service.id);
                return html`<p class="meta">
                  ${
                    upstream.length === 0
                      ? t('overview:services.becauseHere')
                      : t('overview:services.because', {
                          chain: upstream
                            .map((link) =>
                              t('overview:services.link', {
                                service: name(link.service),
                                status: status(link.status),
                              }),
                            )
                            .join(t('overview:services.whichDependsOn')),
                        })
                  }
                </p>`;
              })}
            </li>`,
        )}
      </ul>
    </section>`;
  }

  #incidents(overview: Overview): TemplateResult {
    const language = this.#language();
    return html`<section aria-labelledby="incidents">
      <h2 id="incidents">${t('overview:incidents.heading')}</h2>
      <p>
        <a href=${routeHref({ screen: 'incidents', id: 'new' })}>${t('overview:incidents.open')}</a>
      </p>
      ${
        overview.incidents.length === 0
          ? html`<p>${t('overview:incidents.none')}</p>`
          : html`<ul class="plain">
              ${overview.incidents.map(
                ({ incident, automatic }) =>
                  html`<li>
                    <h3>
                      <a href=${routeHref({ screen: 'incidents', id: incident.id })}
                        >${textIn(incident.title, language, incident.id)}</a
                      >
                      ${
                        automatic
                          ? html`<span class="badge">${t('overview:incidents.automatic')}</span>`
                          : nothing
                      }
                    </h3>
                    <p class="meta">
                      ${t(`incidents:state.${incident.state}`)} ·
                      ${t('overview:incidents.services', {
                        services: incident.services
                          .map((id) => this.#serviceName(overview, id))
                          .join(', '),
                      })}
                    </p>
                  </li>`,
              )}
            </ul>`
      }
    </section>`;
  }

  #maintenance(overview: Overview): TemplateResult {
    const language = this.#language();
    const zone = this.context?.session.timeZone ?? 'UTC';
    const live = overview.maintenance.filter((entry) => entry.phase !== 'ended');
    return html`<section aria-labelledby="maintenance">
      <h2 id="maintenance">${t('overview:maintenance.heading')}</h2>
      ${
        live.length === 0
          ? html`<p>${t('overview:maintenance.none')}</p>`
          : html`<ul class="plain">
              ${live.map(
                ({ maintenance, phase }) =>
                  html`<li>
                    <h3>
                      <a href=${routeHref({ screen: 'maintenance', id: maintenance.id })}
                        >${textIn(maintenance.title, language, maintenance.id)}</a
                      >
                      <span class="badge">${t(`overview:maintenance.${phase}`)}</span>
                    </h3>
                    <p class="meta">
                      ${t('overview:maintenance.when', {
                        start: timeIn(maintenance.scheduledStart, language, zone),
                        end: timeIn(maintenance.scheduledEnd, language, zone),
                      })}
                    </p>
                  </li>`,
              )}
            </ul>`
      }
      ${
        overview.scheduledAnnouncements.length > 0
          ? html`<h3>${t('overview:maintenance.scheduled')}</h3>
              <ul>
                ${overview.scheduledAnnouncements.map(
                  (announcement) =>
                    html`<li>
                      ${t('overview:maintenance.announceAt', {
                        title: textIn(
                          announcement.maintenance['title'] as Record<string, string> | undefined,
                          language,
                          announcement.id,
                        ),
                        at: timeIn(announcement.at, language, zone),
                      })}
                    </li>`,
                )}
              </ul>`
          : nothing
      }
    </section>`;
  }

  #language(): string {
    return this.context?.language ?? 'en';
  }

  async #load(): Promise<void> {
    const context = this.context;
    if (!context) return;
    try {
      this.overview = await context.http.request<Overview>('GET', '/admin/overview');
      this.failure = undefined;
    } catch (error) {
      if (error instanceof ApiError && error.status === 0) this.unreachable = true;
      else this.failure = t('overview:failed', { reason: (error as Error).message });
    }
  }
}
