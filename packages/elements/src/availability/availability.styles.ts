import { css } from 'lit';

export const availabilityStyles = css`
  .base {
    line-height: 1.5;
  }

  .panels {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space) calc(var(--_space) * 2);
  }

  .panel {
    flex: 1 1 14em;
    min-width: 0;
  }

  .panel > .subheading {
    margin-block-start: 0;
  }

  dl {
    margin: 0;
  }

  dl > div + div {
    margin-block-start: 0.25em;
  }

  dt {
    font-weight: 700;
  }

  dd {
    margin: 0;
  }

  .verdict,
  .note {
    display: flex;
    gap: 0.5em;
    align-items: flex-start;
  }

  .verdict {
    font-weight: 700;
  }

  .verdict-met .icon {
    color: var(--_success);
  }
  .verdict-not-met .icon {
    color: var(--_warning);
  }

  .chart {
    display: block;
    inline-size: 100%;
    block-size: 4em;
    margin-block-start: var(--_space);
  }

  .bar {
    fill: var(--_success);
  }
  .bar.impaired {
    fill: var(--_warning);
  }
  .bar.planned {
    fill: var(--_info);
  }
  .bar.down {
    fill: var(--_error);
  }
  .bar.no-data {
    fill: none;
    stroke: var(--_line);
    stroke-width: 1px;
    stroke-dasharray: 2 2;
  }
  /* The day history began: full height, faint, so a few observed hours never read as a low day. */
  .bar.partial {
    fill-opacity: 0.4;
  }

  .axis {
    display: flex;
    flex-wrap: wrap;
    justify-content: space-between;
    gap: 0 1em;
    font-size: 0.875em;
  }

  .toggle {
    min-block-size: 2.75rem;
    padding: 0.375em 0.875em;
    border: 2px solid currentColor;
    border-radius: var(--_radius);
    background: transparent;
    cursor: pointer;
    text-align: start;
  }

  .toggle::after {
    content: '';
    display: inline-block;
    inline-size: 0.45em;
    block-size: 0.45em;
    margin-inline-start: 0.5em;
    border-inline-end: 2px solid currentColor;
    border-block-end: 2px solid currentColor;
    transform: translateY(-0.15em) rotate(45deg);
  }

  .toggle[aria-expanded='true']::after {
    transform: translateY(0.1em) rotate(-135deg);
  }

  .days[hidden] {
    display: none;
  }

  /* Four columns that share the width and wrap their words: no sideways scrolling at 320 px. */
  table {
    inline-size: 100%;
    table-layout: fixed;
    border-collapse: collapse;
    overflow-wrap: anywhere;
  }

  caption {
    text-align: start;
    font-weight: 700;
    padding-block-end: 0.25em;
  }

  th,
  td {
    text-align: start;
    vertical-align: top;
    padding: 0.25em 0.5em 0.25em 0;
    border-block-end: 1px solid var(--_line);
  }

  thead th {
    font-weight: 700;
  }

  tbody th {
    font-weight: 400;
  }

  .updates {
    font-size: 0.875em;
  }

  @media (forced-colors: active) {
    .toggle {
      border-color: ButtonText;
    }
    .bar {
      fill: CanvasText;
    }
    .bar.no-data {
      fill: none;
      stroke: GrayText;
    }
    .bar.partial {
      fill: GrayText;
    }
  }
`;
