import { html, nothing, svg } from 'lit';
import type { PropertyValues, SVGTemplateResult, TemplateResult } from 'lit';
import type { LocalizedText, ViewSla } from '@statuskit/model';
import { baseStyles } from '../base.styles.js';
import {
  capitalize,
  formatClock,
  formatDate,
  formatDateTime,
  isTimeZone,
  userTimeZone,
} from '../format/time.js';
import type { TimeStyle } from '../format/time.js';
import { feedText, heading, subheading } from '../fragments.js';
import { problemIcon, unknownIcon, workingIcon } from '../icons.js';
import { baseLanguage } from '../language/languages.js';
import type { Translate } from '../language/translator.js';
import { ServiceViewElement } from '../service-view-element.js';
import type { FeedText } from '../statuskit-element.js';
import { availabilityStyles } from './availability.styles.js';
import { AvailabilityController, DEFAULT_DAYS } from './availability-controller.js';
import { formatPercent } from './availability-report.js';
import type { AvailabilityDay, AvailabilityReport } from './availability-report.js';
import { pickReportText } from './report-text.js';

const HOUR_MINUTES = 60;

/** Noon UTC of a calendar day (`2026-03-14`): an instant that is that day in UTC. */
function noonOf(date: string): number {
  return Date.parse(`${date}T12:00:00Z`);
}

/** `4 hours`, `90 minutes`, `5 days` in the reader's language (`Intl.NumberFormat` units). */
function formatUnit(value: number, unit: 'minute' | 'hour' | 'day', locale: string): string {
  try {
    return new Intl.NumberFormat(locale, { style: 'unit', unit, unitDisplay: 'long' }).format(
      value,
    );
  } catch {
    return `${String(value)} ${unit}s`;
  }
}

function formatCount(value: number, locale: string): string {
  try {
    return new Intl.NumberFormat(locale).format(value);
  } catch {
    return String(value);
  }
}

function formatMinutes(minutes: number, locale: string): string {
  return minutes >= HOUR_MINUTES && minutes % HOUR_MINUTES === 0
    ? formatUnit(minutes / HOUR_MINUTES, 'hour', locale)
    : formatUnit(minutes, 'minute', locale);
}

/** How a day's bar looks; the table says the same in words. */
function barClass(day: AvailabilityDay): string {
  const { availability, availabilityExcludingPlanned: excluding } = day;
  if (availability === null) return 'no-data';
  const kind =
    availability >= 100 ? 'ok' : excluding === null || excluding >= 100 ? 'planned' : 'impaired';
  // Observed only from when history began: its figure must not read as a day-long one.
  return day.historyBegan === null ? kind : `partial ${kind}`;
}

/** The declared service levels as shown: from the view, or from the report of an older feed. */
interface Levels {
  readonly availabilityTarget: number | undefined;
  readonly supportHours: FeedText | undefined;
  readonly maxOutageMinutes: number | undefined;
  readonly noticePeriodDays: number | undefined;
}

/**
 * Three answers to "how available was it?" side by side: the declared service levels (the
 * availability target, support hours, the longest single outage allowed and the notice given for
 * planned work, each only when declared); availability as the feed's automatic checks measured it
 * (successful checks over all checks, how many ran and when they began), or a sentence saying no
 * automatic check watches the service; and the availability implied by the status the service
 * declared, as users experienced it and not counting planned maintenance, with whether the target
 * was met, in words and with an icon shape. Below, one bar per day (decoration, hidden from
 * assistive technology) and the same figures as a real table behind a disclosure button: dates
 * are calendar days in the service's time zone. The day measuring began is observed only from
 * then on, so its figures say so ("… from 22:15, when measuring began") and its bar is drawn full
 * height and faint rather than as a low day.
 *
 * The service's name and declared levels come from its view (`status.json?view=`, derived by
 * the feed); the element loads neither the status model nor the document client. Unlike the
 * other elements it also fetches: the history is not in the view. See `AvailabilityController`.
 *
 * @tagname status-availability
 *
 * @csspart base - The labelled region (`<section>`).
 * @csspart heading - The heading.
 * @csspart levels - The declared service levels.
 * @csspart checks - Availability measured by automatic checks, or why there is none.
 * @csspart figures - Availability implied by the declared status, and the verdict.
 * @csspart verdict - Whether the target was met, in words with an icon.
 * @csspart chart - The bar chart (an SVG hidden from assistive technology).
 * @csspart table-button - The button that shows or hides the table.
 * @csspart table - The table of figures per day.
 * @csspart record-link - Below the table, a link to the signed record of each outage that is over.
 *
 * @cssprop [--statuskit-success-color=light-dark(#1e6b35, #7bd88f)] - Full days and "target met".
 * @cssprop [--statuskit-warning-color=light-dark(#8a5300, #ffc65c)] - Days with problems and "target not met".
 * @cssprop [--statuskit-info-color=light-dark(#1d5fa8, #8cc4ff)] - Days with planned maintenance only.
 * @cssprop [--statuskit-border-color=color-mix(in srgb, currentColor 45%, transparent)] - Table lines and days without data.
 * @cssprop [--statuskit-space=1rem] - Spacing unit.
 * @cssprop [--statuskit-border-radius=0.25rem] - Corner radius of the button.
 * @cssprop [--statuskit-focus-color=currentColor] - Focus outline.
 * @cssprop [--statuskit-heading-font-size=1.125em] - Heading size.
 */
export class StatusAvailability extends ServiceViewElement {
  static override styles = [baseStyles, availabilityStyles];

  static override properties = {
    ...ServiceViewElement.properties,
    days: { type: Number },
    tableOpen: { state: true },
  };

  /** How many days back, today included (1–366). Default 90. */
  declare days: number;
  declare private tableOpen: boolean;

  private readonly history = new AvailabilityController(this);

  constructor() {
    super();
    this.days = DEFAULT_DAYS;
    this.tableOpen = false;
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    this.history.sync(this.viewSource()?.view?.revision);
  }

  override render(): TemplateResult | typeof nothing {
    const wording = this.wording;
    const service = this.serviceId();
    const load = this.history.load;
    const source = this.viewSource();
    if (!wording || service === undefined || load.status === 'idle') return nothing;
    // A mistyped id: the console says so once; citizens get nothing untrue.
    if (load.status === 'unknown-service' || source?.error?.kind === 'unknown-service') {
      return nothing;
    }
    const { t } = wording;
    const view = source?.view;
    const name = view === undefined ? service : view.name.text || service;
    // The service's name comes from its view: wait a moment for it rather than show the id,
    // unless the shared client cannot get it (then the id it is).
    const naming =
      view === undefined &&
      (source === undefined || (source.connection === 'connecting' && !source.error));
    const loading = load.status === 'loading' || (load.status === 'ready' && naming);
    return html`
      <section part="base" class="base stack" aria-labelledby="heading" lang=${wording.language}>
        ${heading(this.headingLevel, 'heading', t('availability.heading', { service: name }))}
        ${
          loading
            ? html`<p class="note">${t('availability.loading')}</p>`
            : load.status === 'error'
              ? html`<p class="note">
                  <span class="icon">${unknownIcon}</span><span>${t('availability.error')}</span>
                </p>`
              : this.renderReport(load.report, t)
        }
      </section>
    `;
  }

  private renderReport(report: AvailabilityReport, t: Translate): TemplateResult {
    const locale = this.wording?.intlLocale ?? 'en-GB';
    const style: TimeStyle = {
      locale,
      timeZone: isTimeZone(report.timeZone) ? report.timeZone : 'UTC',
      userTimeZone: userTimeZone(),
      t,
    };
    const measured = report.daily.filter((day) => day.availability !== null);
    const empty = measured.length === 0;
    const since = report.historySince === null ? Number.NaN : Date.parse(report.historySince);
    const now = Date.parse(report.to);
    const partial = !empty && measured.length < report.daily.length && !Number.isNaN(since);
    return html`
      <div class="panels">
        ${this.renderLevels(this.levels(report), locale, t)} ${this.renderChecks(report, style)}
        ${this.renderFigures(report, this.levels(report).availabilityTarget, locale, t)}
      </div>
      ${
        partial
          ? html`<p class="updates">
              ${t('availability.since', {
                date: formatDate(since, style, Number.isNaN(now) ? Date.now() : now),
              })}
            </p>`
          : nothing
      }
      ${
        empty
          ? html`<p class="note">${t('availability.empty')}</p>`
          : html`${this.renderChart(report, style)} ${this.renderTable(report, style)}`
      }
    `;
  }

  /** The declared levels: the view's (worded for the reader), else the report's. */
  private levels(report: AvailabilityReport): Levels {
    const sla: ViewSla | undefined = this.viewSource()?.view?.sla;
    if (sla !== undefined) {
      return {
        availabilityTarget: sla.availabilityTarget,
        supportHours:
          sla.supportHours === undefined
            ? undefined
            : { text: sla.supportHours.text, lang: sla.supportHours.lang },
        maxOutageMinutes: sla.maxOutageMinutes,
        noticePeriodDays: sla.noticePeriodDays,
      };
    }
    const declared = report.sla;
    return {
      availabilityTarget: declared?.availabilityTarget,
      supportHours:
        declared?.supportHours === undefined ? undefined : this.text(declared.supportHours),
      maxOutageMinutes: declared?.maxOutageMinutes,
      noticePeriodDays: declared?.noticePeriodDays,
    };
  }

  private renderLevels(sla: Levels, locale: string, t: Translate): TemplateResult {
    const rows: [string, TemplateResult | string][] = [];
    if (sla.availabilityTarget !== undefined) {
      rows.push([
        t('availability.levels.target'),
        formatPercent(sla.availabilityTarget, locale, 3),
      ]);
    }
    const hours = sla.supportHours;
    if (hours && hours.text !== '') {
      rows.push([t('availability.levels.supportHours'), feedText(hours)]);
    }
    if (sla.maxOutageMinutes !== undefined) {
      rows.push([t('availability.levels.maxOutage'), formatMinutes(sla.maxOutageMinutes, locale)]);
    }
    if (sla.noticePeriodDays !== undefined) {
      rows.push([t('availability.levels.notice'), formatUnit(sla.noticePeriodDays, 'day', locale)]);
    }
    return html`
      <div part="levels" class="panel stack">
        ${subheading(this.headingLevel, t('availability.levels.heading'))}
        ${
          rows.length === 0
            ? html`<p>${t('availability.levels.none')}</p>`
            : html`<dl>
                ${rows.map(
                  ([term, value]) =>
                    html`<div>
                      <dt>${term}</dt>
                      <dd>${value}</dd>
                    </div>`,
                )}
              </dl>`
        }
      </div>
    `;
  }

  /**
   * Availability as the feed's own probes measured it, or a sentence saying why there is no
   * such figure: never a number for a service nobody checks.
   */
  private renderChecks(
    report: AvailabilityReport,
    style: TimeStyle,
  ): TemplateResult | typeof nothing {
    const { measured, measuredReason } = report.summary;
    if (measured === undefined) return nothing;
    const { t, locale } = style;
    const heading = subheading(
      this.headingLevel,
      t('availability.checks.heading', {
        period: formatUnit(report.daily.length || report.days, 'day', locale),
      }),
    );
    let body: TemplateResult;
    if (measured === null) {
      body =
        measuredReason === 'probe results unavailable'
          ? html`<p class="note">
              <span class="icon">${unknownIcon}</span
              ><span>${t('availability.checks.unavailable')}</span>
            </p>`
          : html`<p>${t('availability.checks.noProbe')}</p>`;
    } else if (measured.availability === null) {
      body = html`<p>${t('availability.checks.none')}</p>`;
    } else {
      const now = Date.parse(report.to);
      const since = measured.since === null ? Number.NaN : Date.parse(measured.since);
      body = html`<dl>
        <div>
          <dt>${t('availability.checks.figure')}</dt>
          <dd>${formatPercent(measured.availability, locale)}</dd>
        </div>
        <div>
          <dt>${t('availability.checks.count')}</dt>
          <dd>${formatCount(measured.checks, locale)}</dd>
        </div>
        ${
          Number.isNaN(since)
            ? nothing
            : html`<div>
                <dt>${t('availability.checks.began')}</dt>
                <dd>${formatDateTime(since, style, Number.isNaN(now) ? Date.now() : now)}</dd>
              </div>`
        }
      </dl>`;
    }
    return html`<div part="checks" class="panel stack">${heading} ${body}</div>`;
  }

  private renderFigures(
    report: AvailabilityReport,
    target: number | undefined,
    locale: string,
    t: Translate,
  ): TemplateResult {
    const { summary } = report;
    const shown = (value: number | null): string =>
      value === null ? t('availability.noData') : formatPercent(value, locale);
    let verdict: TemplateResult | typeof nothing = nothing;
    if (summary.verdict === 'met' || summary.verdict === 'not met') {
      const met = summary.verdict === 'met';
      verdict = html`<p part="verdict" class="verdict ${met ? 'verdict-met' : 'verdict-not-met'}">
        <span class="icon">${met ? workingIcon : problemIcon}</span>
        <span
          >${t(met ? 'availability.verdict.met' : 'availability.verdict.notMet', {
            target: target === undefined ? '' : formatPercent(target, locale, 3),
          })}</span
        >
      </p>`;
    } else if (summary.verdict === 'no data' && target !== undefined) {
      verdict = html`<p part="verdict" class="verdict verdict-unknown">
        <span class="icon">${unknownIcon}</span><span>${t('availability.verdict.noData')}</span>
      </p>`;
    }
    return html`
      <div part="figures" class="panel stack">
        ${subheading(
          this.headingLevel,
          t('availability.measured.heading', {
            period: formatUnit(report.daily.length || report.days, 'day', locale),
          }),
        )}
        <dl>
          <div>
            <dt>${t('availability.measured.experienced')}</dt>
            <dd>${shown(summary.availability)}</dd>
          </div>
          <div>
            <dt>${t('availability.measured.excludingPlanned')}</dt>
            <dd>${shown(summary.availabilityExcludingPlanned)}</dd>
          </div>
        </dl>
        ${verdict}
      </div>
    `;
  }

  /** One bar per day, height = availability; days without data are a dashed outline. */
  private renderChart(report: AvailabilityReport, style: TimeStyle): TemplateResult {
    const { daily } = report;
    const step = 4;
    const bars: SVGTemplateResult[] = daily.map((day, index) => {
      const x = index * step;
      if (day.availability === null) {
        return svg`<rect class="bar no-data" x=${x + 0.5} y="0.5" width=${step - 1.5} height="99"
          vector-effect="non-scaling-stroke"></rect>`;
      }
      const height = day.historyBegan === null ? Math.max(day.availability, 2) : 100;
      return svg`<rect class="bar ${barClass(day)}" x=${x} y=${100 - height} width=${step - 1}
        height=${height}></rect>`;
    });
    const first = daily[0];
    const last = daily.at(-1);
    const dayStyle = this.dayStyle(style);
    const today = last === undefined ? Date.now() : noonOf(last.date);
    return html`
      <svg
        part="chart"
        class="chart"
        viewBox="0 0 ${Math.max(daily.length * step, step)} 100"
        preserveAspectRatio="none"
        aria-hidden="true"
        focusable="false"
      >
        ${bars}
      </svg>
      ${
        first === undefined || last === undefined
          ? nothing
          : html`<p class="axis" aria-hidden="true">
              <span
                >${capitalize(formatDate(noonOf(first.date), dayStyle, today), style.locale)}</span
              >
              <span
                >${capitalize(formatDate(noonOf(last.date), dayStyle, today), style.locale)}</span
              >
            </p>`
      }
    `;
  }

  /**
   * The chart's text equivalent, newest day first, behind a disclosure button: ninety rows
   * would push everything after the element far down the page, and the summary above already
   * says what most readers need. The button keeps the rows one keystroke away, and says whether
   * they are shown (`aria-expanded`).
   */
  private renderTable(report: AvailabilityReport, style: TimeStyle): TemplateResult {
    const { t } = style;
    const { daily } = report;
    const dayStyle = this.dayStyle(style);
    const last = daily.at(-1);
    const today = last === undefined ? Date.now() : noonOf(last.date);
    const dateOf = (day: AvailabilityDay): string =>
      capitalize(formatDate(noonOf(day.date), dayStyle, today), style.locale);
    const titles = (ids: readonly string[]): TemplateResult | string => {
      if (ids.length === 0) return t('availability.table.none');
      return html`${ids.map((id, index) => {
        const title = report.titles.get(id);
        const text = title === undefined ? { text: id, lang: undefined } : this.text(title);
        return html`${index > 0 ? '; ' : ''}${feedText(text.text === '' ? { ...text, text: id } : text)}`;
      })}`;
    };
    const probed = report.summary.measured != null;
    /** A figure, labelled with the time measuring began when that was on its day. */
    const figure = (value: number, began: string | null): string => {
      const shown = formatPercent(value, style.locale);
      const time = began === null ? Number.NaN : Date.parse(began);
      return Number.isNaN(time)
        ? shown
        : t('availability.table.partial', { figure: shown, time: formatClock(time, style) });
    };
    const open = this.tableOpen;
    const lang = this.wording?.language ?? 'en';
    const records = report.finished.flatMap((id) => {
      const href = this.history.recordUrl(id, lang);
      return href === undefined
        ? []
        : html`<li>
            ${titles([id])}:
            <a part="record-link" href=${href}>${t('availability.records.link')}</a>
          </li>`;
    });
    return html`
      <button
        part="table-button"
        class="toggle"
        type="button"
        aria-expanded=${open ? 'true' : 'false'}
        aria-controls="days"
        @click=${this.onToggle}
      >
        ${t('availability.table.show')}
      </button>
      <div class="days" id="days" ?hidden=${!open}>
        <table part="table">
          <caption>
            ${t('availability.table.caption', {
              from: first(daily, dateOf),
              to: last === undefined ? '' : dateOf(last),
            })}
          </caption>
          <thead>
            <tr>
              <th scope="col">${t('availability.table.date')}</th>
              <th scope="col">${t('availability.table.availability')}</th>
              ${probed ? html`<th scope="col">${t('availability.table.checks')}</th>` : nothing}
              <th scope="col">${t('availability.table.incidents')}</th>
              <th scope="col">${t('availability.table.maintenance')}</th>
            </tr>
          </thead>
          <tbody>
            ${[...daily].reverse().map(
              (day) =>
                html`<tr>
                  <th scope="row"><time datetime=${day.date}>${dateOf(day)}</time></th>
                  <td>
                    ${
                      day.availability === null
                        ? t('availability.noData')
                        : figure(day.availability, day.historyBegan)
                    }
                  </td>
                  ${
                    probed
                      ? html`<td>
                          ${
                            day.measured?.availability == null
                              ? t('availability.table.noChecks')
                              : figure(day.measured.availability, day.measured.began)
                          }
                        </td>`
                      : nothing
                  }
                  <td>${titles(day.incidents)}</td>
                  <td>${titles(day.maintenance)}</td>
                </tr>`,
            )}
          </tbody>
        </table>
        ${
          // A link to the signed record of each outage that is over: proof, e.g. for a deadline.
          records.length > 0
            ? html`<ul>
                ${records}
              </ul>`
            : nothing
        }
      </div>
    `;
  }

  private readonly onToggle = (): void => {
    this.tableOpen = !this.tableOpen;
  };

  /**
   * The feed has already cut the period into calendar days in the service's time zone; each
   * `date` is formatted as that day (noon UTC, read in UTC), so no zone shift can move it.
   */
  private dayStyle(style: TimeStyle): TimeStyle {
    return { ...style, timeZone: 'UTC', userTimeZone: 'UTC' };
  }

  /** Feed text from the report, for the reader: their language, else the view's, else any. */
  private text(text: LocalizedText): FeedText {
    const wording = this.wording;
    const locales = [wording?.requested, wording?.language, this.viewSource()?.view?.lang].filter(
      (tag): tag is string => tag !== undefined,
    );
    const key = pickReportText(text, locales);
    if (key === undefined) return { text: '', lang: undefined };
    const differs = wording !== undefined && baseLanguage(key) !== baseLanguage(wording.language);
    return { text: text[key] ?? '', lang: differs ? key : undefined };
  }
}

function first(
  daily: readonly AvailabilityDay[],
  dateOf: (day: AvailabilityDay) => string,
): string {
  const day = daily[0];
  return day === undefined ? '' : dateOf(day);
}
