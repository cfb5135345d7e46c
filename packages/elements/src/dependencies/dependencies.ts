import { html, nothing } from 'lit';
import type { PropertyValues, TemplateResult } from 'lit';
import type { ServiceView, Status, ViewDependency } from '@statuskit/model';
import { announce, prepareAnnouncer } from '../announcer.js';
import { baseStyles } from '../base.styles.js';
import { causeSentence } from '../format/causes.js';
import { feedHref } from '../format/links.js';
import { formatDateTime, formatEnd, formatMoment } from '../format/time.js';
import type { TimeStyle } from '../format/time.js';
import { feedText, heading, subheading, updatesNote } from '../fragments.js';
import { statusIcon, unknownIcon } from '../icons.js';
import type { Wording } from '../localized-element.js';
import { ServiceViewElement } from '../service-view-element.js';
import type { ViewSource } from '../service-view-element.js';
import { dependenciesStyles } from './dependencies.styles.js';
import { dependencyGroups, dependencyStatuses, hasProblem, refName } from './dependency-groups.js';

/**
 * The shared services a service depends on, directly or through others, and how each is doing:
 * those affecting the user now first, with the impact in plain words, then the rest. Each has
 * its status as a word and a shape, and a disclosure with since when, the expected end, when the
 * data was last confirmed, and a link to the source's own news. When the feed cannot be reached
 * it says "status unknown", never "all working".
 *
 * It renders one service's view, derived and worded by the feed (`status.json?view=`), and loads
 * neither the status model nor the document client. Live updates can be paused (WCAG 2.2.2);
 * changes between successive views are announced politely, once, through the page's live region.
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
export class StatusDependencies extends ServiceViewElement {
  static override styles = [baseStyles, dependenciesStyles];

  static override properties = {
    ...ServiceViewElement.properties,
    paused: { type: Boolean, reflect: true },
  };

  /** Whether live updates are paused: the element keeps showing the view it had. */
  declare paused: boolean;

  /** What is on screen: the latest view, or while paused the one shown when pausing. */
  private shown: ViewSource | undefined;
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
    super.willUpdate(changed);
    const latest = this.viewSource();
    // Paused, the element keeps what it shows (WCAG 2.2.2); the latest view is taken on resume.
    if (!this.paused || this.shown?.view === undefined) this.shown = latest;
  }

  override render(): TemplateResult | typeof nothing {
    const wording = this.wording;
    if (!wording) return nothing;
    const { t } = wording;
    const source = this.shown;
    // A mistyped id: the console says so once; citizens get nothing untrue ("status unknown").
    if (source?.error?.kind === 'unknown-service') return nothing;
    const view = source?.view;
    if (!source || view === undefined) return this.renderWithoutData(source, wording);
    const now = Date.now();
    const style = this.timeStyle(view, t);
    const { all, problems, others } = dependencyGroups(view);
    const name = view.name.text || view.service;
    return html`
      <section part="base" class="base stack" aria-labelledby="heading" lang=${wording.language}>
        ${heading(this.headingLevel, 'heading', t('dependencies.heading', { service: name }))}
        <p part="summary" class="summary">${this.summary(all, name, t)}</p>
        ${all.length === 0 ? nothing : this.renderPause(source, style, now)}
        ${
          problems.length === 0
            ? nothing
            : html`${subheading(this.headingLevel, t('dependencies.affecting'))}
                <ul part="list" class="list">
                  ${problems.map((row) => this.renderRow(row, view, source, style, now))}
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
                  ${others.map((row) => this.renderRow(row, view, source, style, now))}
                </ul>`
        }
        ${updatesNote(source, style, now)}
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
  private renderWithoutData(source: ViewSource | undefined, wording: Wording): TemplateResult {
    const { t } = wording;
    const waiting =
      source !== undefined &&
      source.error === undefined &&
      (source.connection === 'connecting' || source.connection === 'live');
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

  private summary(rows: readonly ViewDependency[], service: string, t: Wording['t']): string {
    const total = rows.length;
    const problems = rows.filter((row) => hasProblem(row.status)).length;
    if (total === 0) return t('dependencies.summary.none', { service });
    if (problems > 0) return t('dependencies.summary.problems', { count: problems, total });
    if (rows.some((row) => row.status === 'unknown')) return t('dependencies.summary.someUnknown');
    return t('dependencies.summary.ok', { count: total });
  }

  private renderPause(source: ViewSource, style: TimeStyle, now: number): TemplateResult {
    const { t } = style;
    const since = source.lastUpdated;
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
    row: ViewDependency,
    view: ServiceView,
    source: ViewSource,
    style: TimeStyle,
    now: number,
  ): TemplateResult {
    const { t } = style;
    const { id } = row;
    const open = this.expanded.has(id);
    const shownName = row.name.text || id;
    const root = view.name.text || view.service;
    const problem = hasProblem(row.status);
    const names = new Map([
      [view.service, root],
      [id, shownName],
    ]);
    const impact = problem
      ? causeSentence(
          {
            chain: [view.service, id],
            optional: row.optional,
            phase: 'active',
            originStatus: row.status,
          },
          (serviceId) => names.get(serviceId) ?? serviceId,
          t,
        )
      : undefined;
    const via = row.via.map(refName);
    const link = feedHref(row.url);
    const since = row.since === undefined ? Number.NaN : Date.parse(row.since);
    const until = row.until === undefined ? Number.NaN : Date.parse(row.until);
    return html`
      <li part="item" class="item status-${row.status}">
        <div class="row">
          <span class="label">
            <span class="icon">${statusIcon(row.status)}</span>
            <span class="text">
              <span class="name">${feedText({ text: shownName, lang: row.name.lang })}</span
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
            source.lastUpdated === undefined
              ? nothing
              : html`<p>
                  ${t('updates.updated', { time: formatMoment(source.lastUpdated, style, now) })}
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

  /** Each dependency whose status changed since the last view shown, in one polite message. */
  private announceChanges(): void {
    const source = this.shown;
    const view = source?.view;
    const wording = this.wording;
    if (!source || view === undefined || !wording) return;
    if (!this.known) {
      this.known = this.seed(source, view);
      if (!this.known) return;
    }
    const names = new Map(dependencyGroups(view).all.map((row) => [row.id, refName(row)]));
    const changes: string[] = [];
    for (const [id, status] of dependencyStatuses(view)) {
      if (this.known.get(id) === status) continue;
      this.known.set(id, status);
      changes.push(
        wording.t('dependencies.changed', {
          name: names.get(id) ?? id,
          status: wording.t(`status.${status}`),
        }),
      );
    }
    if (changes.length > 0) announce(changes.join(' '));
  }

  /**
   * What the user already saw: the first view the feed confirmed (a cached copy may be older).
   * The script-tag entry loads this element's code at once, so nothing came before it.
   */
  private seed(source: ViewSource, view: ServiceView): Map<string, Status> | undefined {
    return source.confirmed ? dependencyStatuses(view) : undefined;
  }
}
