import { css } from 'lit';

export const dependenciesStyles = css`
  .base {
    line-height: 1.5;
  }

  .summary {
    display: flex;
    gap: 0.5em;
    align-items: flex-start;
    font-weight: 700;
  }

  .controls {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5em 1em;
    align-items: center;
  }

  .pause,
  .toggle {
    min-block-size: 2.75rem;
    padding: 0.375em 0.875em;
    border: 2px solid currentColor;
    border-radius: var(--_radius);
    background: transparent;
    cursor: pointer;
  }

  /* The pressed state shows in the shape too, not only to assistive technology. */
  .pause[aria-pressed='true'] {
    border-style: double;
    border-width: 4px;
    font-weight: 700;
  }

  .list > .item {
    padding-block: calc(var(--_space) * 0.5);
    border-block-end: 1px solid var(--_line);
  }

  /*
   * The icon in a column of its own, beside the name and status: a long name (a Finnish
   * compound) wraps inside its column and never leaves the icon on a line by itself. The label
   * is centred against the 2.75rem button; the icon stays on the name's first line.
   */
  .row {
    display: grid;
    grid-template-columns: minmax(0, 1fr) auto;
    gap: 0.25em 0.75em;
    align-items: center;
  }

  .label {
    display: grid;
    grid-template-columns: auto minmax(0, 1fr);
    gap: 0.75em;
    align-items: start;
  }

  .text {
    display: flex;
    flex-wrap: wrap;
    gap: 0 0.75em;
    min-inline-size: 0;
  }

  .name {
    font-weight: 700;
    min-inline-size: 0;
    overflow-wrap: anywhere;
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

  .impact,
  .details {
    margin-block-start: 0.375em;
    /* Under the name, past the icon. */
    padding-inline-start: 2.25em;
  }

  .subheading {
    margin-block-start: var(--_space);
  }

  .details[hidden] {
    display: none;
  }

  .status-operational .icon {
    color: var(--_success);
  }
  .status-degraded .icon,
  .status-partial_outage .icon {
    color: var(--_warning);
  }
  .status-maintenance .icon {
    color: var(--_info);
  }
  .status-major_outage .icon {
    color: var(--_error);
  }

  @media (forced-colors: active) {
    .pause,
    .toggle {
      border-color: ButtonText;
    }
    .pause[aria-pressed='true'] {
      border-color: Highlight;
    }
  }
`;
