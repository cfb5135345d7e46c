import { html, svg } from 'lit';
import type { SVGTemplateResult, TemplateResult } from 'lit';
import type { Status } from '@statuskit/model';

/**
 * Icon shapes that differ by outline, not only by colour (WCAG 1.4.1): an octagon for "not
 * working", a triangle for "problems", a calendar for planned work, a circle with a tick for
 * "working", a dashed circle for "unknown". Hidden from assistive technology: the text next to
 * each says the same. Stroked with `currentColor`, so forced-colors mode recolours them.
 */
function icon(content: SVGTemplateResult): TemplateResult {
  return html`<svg
    class="icon-svg"
    viewBox="0 0 24 24"
    aria-hidden="true"
    focusable="false"
    fill="none"
    stroke="currentColor"
    stroke-width="2"
    stroke-linecap="round"
    stroke-linejoin="round"
  >
    ${content}
  </svg>`;
}

export const outageIcon = icon(
  svg`<path d="M8.1 2.5h7.8l5.6 5.6v7.8l-5.6 5.6H8.1l-5.6-5.6V8.1z"/><path d="M9 9l6 6M15 9l-6 6"/>`,
);

export const problemIcon = icon(
  svg`<path d="M12 3 22 20.5H2z"/><path d="M12 10v4.5"/><path d="M12 17.6v.1"/>`,
);

export const plannedIcon = icon(
  svg`<rect x="3" y="5" width="18" height="16" rx="2"/><path d="M3 10h18M8 3v4M16 3v4"/><path d="M12 13.5v2.5l1.8 1.2"/>`,
);

export const workingIcon = icon(
  svg`<circle cx="12" cy="12" r="9.5"/><path d="m7.5 12.5 3 3 6-6.5"/>`,
);

export const unknownIcon = icon(
  svg`<circle cx="12" cy="12" r="9.5" stroke-dasharray="3 2.6"/><path d="M9.6 9.4a2.5 2.5 0 1 1 3.3 2.4c-.6.3-.9.8-.9 1.5v.5"/><path d="M12 16.8v.1"/>`,
);

export const closeIcon = icon(svg`<path d="M6 6l12 12M18 6 6 18"/>`);

/** The icon for a status. */
export function statusIcon(status: Status): TemplateResult {
  switch (status) {
    case 'operational':
      return workingIcon;
    case 'unknown':
      return unknownIcon;
    case 'maintenance':
      return plannedIcon;
    case 'major_outage':
      return outageIcon;
    case 'degraded':
    case 'partial_outage':
      return problemIcon;
  }
}
