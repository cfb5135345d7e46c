import { html, nothing } from 'lit';
import type { TemplateResult } from 'lit';
import type { ViewMaintenance, ViewServiceRef } from '@statuskit/model';
import { baseStyles } from '../base.styles.js';
import { capitalize, formatEnd, formatRange, formatStartsIn } from '../format/time.js';
import type { TimeStyle } from '../format/time.js';
import { feedText, heading, updatesNote } from '../fragments.js';
import { plannedIcon } from '../icons.js';
import { ServiceViewElement } from '../service-view-element.js';
import { maintenanceStyles } from './maintenance.styles.js';
import { maintenanceOf } from './view-maintenance.js';

const LANGUAGE_TAG = /^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$/;

/** A service's name as the view gives it, or its id. */
function nameOf(ref: ViewServiceRef | undefined): string {
  return ref === undefined ? '' : ref.name.text || ref.id;
}

/**
 * Planned maintenance of the service and of everything it depends on, going on now or still to
 * come: when ("Saturday 14 March, 22.00–02.00", in the service's time zone), how soon ("in 3
 * days"), what it affects and whether answers are kept, with a link that adds the windows to the
 * reader's calendar (the feed's `maintenance.ics`, in their language). Renders nothing when no
 * maintenance is planned.
 *
 * It renders one service's view, derived and worded by the feed (`status.json?view=`), and loads
 * neither the status model nor the document client.
 *
 * @tagname status-maintenance
 *
 * @csspart base - The labelled region (`<section>`).
 * @csspart heading - The heading.
 * @csspart list - The list of windows.
 * @csspart item - One window.
 * @csspart actions - The paragraph with the calendar link.
 * @csspart updates - "Last updated" and the note when the data may be out of date.
 *
 * @cssprop [--statuskit-info-color=light-dark(#1d5fa8, #8cc4ff)] - Icon colour.
 * @cssprop [--statuskit-border-color=color-mix(in srgb, currentColor 45%, transparent)] - Lines between windows.
 * @cssprop [--statuskit-space=1rem] - Spacing unit.
 * @cssprop [--statuskit-focus-color=currentColor] - Focus outline.
 * @cssprop [--statuskit-heading-font-size=1.125em] - Heading size.
 */
export class StatusMaintenance extends ServiceViewElement {
  static override styles = [baseStyles, maintenanceStyles];

  override render(): TemplateResult | typeof nothing {
    const wording = this.wording;
    const source = this.viewSource();
    const view = source?.view;
    if (!wording || !source || view === undefined) return nothing;
    const now = Date.now();
    const items = maintenanceOf(view, now);
    for (const item of items) {
      this.clock.wakeAt(Date.parse(item.phase === 'upcoming' ? item.start : item.end));
    }
    if (items.length === 0) return nothing;
    // "In 3 hours" must not go stale while the page is open.
    this.clock.wakeIn(60_000);
    const style = this.timeStyle(view, wording.t);
    const calendar = this.calendarUrl(view.service);
    return html`
      <section part="base" class="base stack" aria-labelledby="heading" lang=${wording.language}>
        ${heading(this.headingLevel, 'heading', wording.t('maintenance.heading'))}
        <ul part="list" class="list">
          ${items.map((item) => this.renderItem(item, style, now))}
        </ul>
        ${
          calendar === undefined
            ? nothing
            : html`<p part="actions">
                <a href=${calendar}>${wording.t('maintenance.calendar')}</a>
              </p>`
        }
        ${updatesNote(source, style, now)}
      </section>
    `;
  }

  private renderItem(item: ViewMaintenance, style: TimeStyle, now: number): TemplateResult {
    const { t } = style;
    const { chain, optional, phase, title, message } = item;
    const start = Date.parse(item.start);
    const end = Date.parse(item.end);
    const startsIn = phase === 'upcoming' ? formatStartsIn(start, now, style) : undefined;
    const origin = chain.at(-1);
    return html`
      <li part="item" class="item">
        <span class="icon">${plannedIcon}</span>
        <div class="stack">
          <p class="title">${feedText({ text: title.text, lang: title.lang })}</p>
          <p>
            <time datetime=${new Date(start).toISOString()}
              >${capitalize(formatRange(start, end, style, now), style.locale)}</time
            >${startsIn === undefined ? nothing : `, ${startsIn}`}
          </p>
          ${
            phase === 'in_progress'
              ? html`<p>${t('maintenance.inProgress', { time: formatEnd(end, style, now) })}</p>`
              : nothing
          }
          ${
            chain.length > 1 && origin !== undefined
              ? html`<p>
                  ${t(optional ? 'maintenance.affectsOptional' : 'maintenance.affects', {
                    service: nameOf(chain[0] ?? origin),
                    origin: nameOf(origin),
                  })}
                </p>`
              : nothing
          }
          ${
            message.text === ''
              ? nothing
              : html`<p>${feedText({ text: message.text, lang: message.lang })}</p>`
          }
          ${
            item.keepsWork === undefined
              ? nothing
              : html`<p>
                  ${t(
                    item.keepsWork
                      ? 'work.kept'
                      : phase === 'upcoming'
                        ? 'work.saveNow'
                        : 'work.lost',
                  )}
                </p>`
          }
        </div>
      </li>
    `;
  }

  /** The feed's calendar of this service's maintenance, in the reader's language. */
  private calendarUrl(service: string): string | undefined {
    const base = this.viewFeedUrl();
    if (base === undefined) return undefined;
    const requested = this.wording?.requested;
    const lang =
      requested !== undefined && LANGUAGE_TAG.test(requested)
        ? requested
        : (this.wording?.language ?? 'en');
    const params = new URLSearchParams({ services: service, lang });
    return `${base.replace(/\/+$/, '')}/maintenance.ics?${params.toString()}`;
  }
}
