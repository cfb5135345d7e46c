import { html, nothing } from 'lit';
import type { PropertyValues, TemplateResult } from 'lit';
import type { FeedState } from '@statuskit/client';
import { effectiveStatus } from '@statuskit/model';
import type { Status, StatusDocument } from '@statuskit/model';
import { announce, prepareAnnouncer } from '../announcer.js';
import { baseStyles } from '../base.styles.js';
import { feedBaseline, wasPresentAtLoad } from '../feed/feed-clients.js';
import { isUnknownService } from '../feed/unknown-services.js';
import { causeSentence } from '../format/causes.js';
import { feedHref } from '../format/links.js';
import { formatDateTime, formatEnd, formatMoment } from '../format/time.js';
import type { TimeStyle } from '../format/time.js';
import { feedText, heading, subheading, updatesNote } from '../fragments.js';
import { statusIcon, unknownIcon } from '../icons.js';
import { StatuskitElement } from '../statuskit-element.js';
import type { Wording } from '../statuskit-element.js';
import { dependenciesStyles } from './dependencies.styles.js';
import { dependencyRows, hasProblem } from './dependency-list.js';
import type { DependencyRow } from './dependency-list.js';

/**
 * The shared services a service depends on, directly or through others, and how each is doing:
 * those affecting the user now first, with the impact in plain words, then the rest. Each has
 * its status as a word and a shape, and a disclosure with since when, the expected end, when the
 * data was last confirmed, and a link to the source's own news. When the feed cannot be reached
 * it says "status unknown", never "all working".
 *
 * Live updates can be paused (WCAG 2.2.2); changes are announced politely, once, through the
 * page's live region.
 *
 * @tagname status-dependencies
 *
 * @csspart base - The labelled region (`<section>`).
 * @csspart heading - The heading.
 * @csspart summary - The one-line summary ("2 of 5 shared services have problems").
 * @csspart pause-button - The toggle button that pauses live updates.
 * @csspart paused - The note shown while paused.
 * @csspart list - Each group's list.
 * @csspart item - One service.
 * @csspart details-button - The button that shows a service's details.
 * @csspart details - A service's details.
 * @csspart updates - "Last updated" and the note when the data may be out of date.
 *
 * @cssprop [--statuskit-error-color=light-dark(#b3261e, #ff8a80)] - Icon colour for "down".
 * @cssprop [--statuskit-warning-color=light-dark(#8a5300, #ffc65c)] - Icon colour for problems.
 * @cssprop [--statuskit-info-color=light-dark(#1d5fa8, #8cc4ff)] - Icon colour for maintenance.
 * @cssprop [--statuskit-success-color=light-dark(#1e6b35, #7bd88f)] - Icon colour for "working".
 * @cssprop [--statuskit-border-color=color-mix(in srgb, currentColor 45%, transparent)] - Lines between services.
 * @cssprop [--statuskit-space=1rem] - Spacing unit.
 * @cssprop [--statuskit-border-radius=0.25rem] - Corner radius of buttons.
 * @cssprop [--statuskit-focus-color=currentColor] - Focus outline.
 * @cssprop [--statuskit-heading-font-size=1.125em] - Heading size.
 */
export class StatusDependencies extends StatuskitElement {
  static override styles = [baseStyles, dependenciesStyles];

  static override properties = {
    ...StatuskitElement.properties,
    paused: { type: Boolean, reflect: true },
  };

  /** Whether live updates are paused: the element keeps showing the state it had. */
  declare paused: boolean;

  private readonly expanded = new Set<string>();
  /** Status per dependency the user has been told about (or saw at load). */
  private known: Map<string, Status> | undefined;

  constructor() {
    super();
    this.paused = false;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    prepareAnnouncer();
  }

  protected override willUpdate(changed: PropertyValues): void {
    if (changed.has('paused')) this.feedController.setPaused(this.paused);
    super.willUpdate(changed);
  }

  override render(): TemplateResult | typeof nothing {
    const wording = this.wording;
    if (!wording) return nothing;
    const { t } = wording;
    const state = this.feedController.state;
    const service = this.serviceId();
    const document = state?.document;
    // A mistyped id: the console says so once; citizens get nothing untrue ("status unknown").
    if (isUnknownService(state, service)) return nothing;
    const known = document?.services.some((candidate) => candidate.id === service) === true;
    if (!state || !document || service === undefined || !known) {
      return this.renderWithoutData(state, wording, document !== undefined);
    }
    const now = Date.now();
    const style = this.timeStyle(document, service, t);
    const rows = dependencyRows(document, state.effective, service, now);
    const problems = rows.filter((row) => hasProblem(row.status));
    const others = rows.filter((row) => !hasProblem(row.status));
    const name = this.serviceName(document, service);
    return html`
      <section part="base" class="base stack" aria-labelledby="heading" lang=${wording.language}>
        ${heading(this.headingLevel, 'heading', t('dependencies.heading', { service: name }))}
        <p part="summary" class="summary">${this.summary(rows, name, t)}</p>
        ${rows.length === 0 ? nothing : this.renderPause(state, style, now)}
        ${
          problems.length === 0
            ? nothing
            : html`${subheading(this.headingLevel, t('dependencies.affecting'))}
                <ul part="list" class="list">
                  ${problems.map((row) => this.renderRow(row, document, state, style, now))}
                </ul>`
        }
        ${
          others.length === 0
            ? nothing
            : html`${
                  problems.length === 0
                    ? nothing
                    : subheading(this.headingLevel, t('dependencies.others'))
                }
                <ul part="list" class="list">
                  ${others.map((row) => this.renderRow(row, document, state, style, now))}
                </ul>`
        }
        ${updatesNote(state, style, now)}
      </section>
    `;
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    try {
      this.announceChanges();
    } catch {
      // Announcing never breaks the page.
    }
  }

  /** "Checking the status…" while connecting; "Status unknown" once the feed cannot be reached. */
  private renderWithoutData(
    state: FeedState | undefined,
    wording: Wording,
    hasDocument: boolean,
  ): TemplateResult {
    const { t } = wording;
    const waiting =
      state !== undefined &&
      !hasDocument &&
      state.error === undefined &&
      (state.connection === 'connecting' || state.connection === 'live');
    return html`
      <section part="base" class="base stack" aria-labelledby="heading" lang=${wording.language}>
        ${heading(this.headingLevel, 'heading', t('dependencies.headingUnknown'))}
        <p part="summary" class="summary">
          ${
            waiting
              ? t('dependencies.summary.loading')
              : html`<span class="icon status-unknown">${unknownIcon}</span>
                  <span>${t('dependencies.summary.unknown')}</span>`
          }
        </p>
      </section>
    `;
  }

  private summary(rows: readonly DependencyRow[], service: string, t: Wording['t']): string {
    const total = rows.length;
    const problems = rows.filter((row) => hasProblem(row.status)).length;
    if (total === 0) return t('dependencies.summary.none', { service });
    if (problems > 0) return t('dependencies.summary.problems', { count: problems, total });
    if (rows.some((row) => row.status === 'unknown')) return t('dependencies.summary.someUnknown');
    return t('dependencies.summary.ok', { count: total });
  }

  private renderPause(state: FeedState, style: TimeStyle, now: number): TemplateResult {
    const { t } = style;
    const since = state.lastUpdated;
    return html`
      <div class="controls">
        <button
          part="pause-button"
          class="pause"
          type="button"
          aria-pressed=${this.paused ? 'true' : 'false'}
          @click=${this.onPause}
        >
          ${t('dependencies.pause')}
        </button>
        ${
          this.paused
            ? html`<p part="paused" class="paused">
                ${t('dependencies.paused', {
                  time: since === undefined ? '' : formatMoment(since, style, now),
                })}
              </p>`
            : nothing
        }
      </div>
    `;
  }

  private renderRow(
    row: DependencyRow,
    document: StatusDocument,
    state: FeedState,
    style: TimeStyle,
    now: number,
  ): TemplateResult {
    const { t } = style;
    const id = row.service.id;
    const open = this.expanded.has(id);
    const name = this.feedText(row.service.name, document);
    const shownName = name.text || id;
    const root = this.serviceName(document, row.chain[0] ?? id);
    const problem = hasProblem(row.status);
    const impact = problem
      ? causeSentence(
          {
            chain: [row.chain[0] ?? id, id],
            optional: row.optional,
            phase: 'active',
            originStatus: row.status,
          },
          (serviceId) => this.serviceName(document, serviceId),
          t,
        )
      : undefined;
    const via = row.chain.slice(1, -1).map((serviceId) => this.serviceName(document, serviceId));
    const link = feedHref(row.service.url);
    const since = row.since === undefined ? Number.NaN : Date.parse(row.since);
    const until = row.until === undefined ? Number.NaN : Date.parse(row.until);
    return html`
      <li part="item" class="item status-${row.status}">
        <div class="row">
          <span class="label">
            <span class="icon">${statusIcon(row.status)}</span>
            <span class="text">
              <span class="name">${feedText({ text: shownName, lang: name.lang })}</span
              ><span class="visually-hidden">: </span>
              <span class="status">${t(`status.${row.status}`)}</span>
            </span>
          </span>
          <button
            part="details-button"
            class="toggle"
            type="button"
            aria-expanded=${open ? 'true' : 'false'}
            aria-controls="details-${id}"
            @click=${() => {
              this.toggle(id);
            }}
          >
            ${t('dependencies.details')}<span class="visually-hidden">
              ${t('dependencies.detailsHidden', { name: shownName })}</span
            >
          </button>
        </div>
        ${impact === undefined ? nothing : html`<p class="impact">${impact}</p>`}
        <div part="details" class="details stack" id="details-${id}" ?hidden=${!open}>
          <p>
            ${t(row.optional ? 'dependencies.optional' : 'dependencies.required', {
              service: root,
            })}
            ${via.length === 0 ? nothing : t('dependencies.via', { via: via.join(', ') })}
          </p>
          ${
            Number.isNaN(since)
              ? nothing
              : html`<p>${t('dependencies.since', { time: formatDateTime(since, style, now) })}</p>`
          }
          ${
            !problem
              ? nothing
              : html`<p>
                  ${
                    Number.isNaN(until) || until <= now
                      ? t('dependencies.untilUnknown')
                      : t('dependencies.until', { time: formatEnd(until, style, now) })
                  }
                </p>`
          }
          ${
            state.lastUpdated === undefined
              ? nothing
              : html`<p>
                  ${t('updates.updated', { time: formatMoment(state.lastUpdated, style, now) })}
                </p>`
          }
          ${
            link === undefined
              ? nothing
              : html`<p><a href=${link}>${t('dependencies.link', { name: shownName })}</a></p>`
          }
        </div>
      </li>
    `;
  }

  private toggle(id: string): void {
    if (this.expanded.has(id)) this.expanded.delete(id);
    else this.expanded.add(id);
    this.requestUpdate();
  }

  private readonly onPause = (): void => {
    this.paused = !this.paused;
  };

  /** Each dependency whose status changed after load, in one polite message. */
  private announceChanges(): void {
    const state = this.feedController.state;
    const service = this.serviceId();
    const wording = this.wording;
    if (!state?.document || service === undefined || !wording) return;
    const current = new Map(
      dependencyRows(state.document, state.effective, service, Date.now()).map((row) => [
        row.service.id,
        row.status,
      ]),
    );
    if (!this.known) {
      this.known = this.seed(state, service);
      if (!this.known) return;
    }
    const changes: string[] = [];
    for (const [id, status] of current) {
      if (this.known.get(id) === status) continue;
      this.known.set(id, status);
      changes.push(
        wording.t('dependencies.changed', {
          name: this.serviceName(state.document, id),
          status: wording.t(`status.${status}`),
        }),
      );
    }
    if (changes.length > 0) announce(changes.join(' '));
  }

  private seed(state: FeedState, service: string): Map<string, Status> | undefined {
    const feedUrl = this.client ? undefined : this.feedUrl();
    const baseline = feedUrl === undefined ? undefined : feedBaseline(feedUrl);
    const statuses = (
      document: StatusDocument,
      effective: FeedState['effective'],
      at: number,
    ): Map<string, Status> =>
      new Map(
        dependencyRows(document, effective, service, at).map((row) => [row.service.id, row.status]),
      );
    if (baseline && wasPresentAtLoad(this)) {
      return statuses(
        baseline.document,
        effectiveStatus(baseline.document, baseline.at),
        baseline.at,
      );
    }
    if (state.source !== 'feed' || !state.document) return undefined;
    return statuses(state.document, state.effective, Date.now());
  }
}
