import { css } from 'lit';

export const alternativesStyles = css`
  .base {
    line-height: 1.5;
  }

  .list > .item {
    padding-block: calc(var(--_space) * 0.625);
    border-block-end: 1px solid var(--_line);
  }

  .list > .item > * + * {
    margin-block-start: 0.25em;
  }

  .kind {
    font-size: 0.875em;
    font-weight: 700;
    text-transform: none;
  }

  .label {
    font-size: 1.0625em;
  }

  /* Phone numbers stay in one piece when the line wraps. */
  .number {
    white-space: nowrap;
  }
`;
