import { css } from 'lit';

export const maintenanceStyles = css`
  .base {
    line-height: 1.5;
  }

  .list > .item {
    display: flex;
    gap: 0.75em;
    align-items: flex-start;
    padding-block: calc(var(--_space) * 0.625);
    border-block-end: 1px solid var(--_line);
  }

  .item > .icon {
    color: var(--_info);
    margin-block-start: 0.1em;
  }

  .item > .stack {
    min-width: 0;
    flex: 1 1 auto;
  }

  .title {
    font-weight: 700;
  }
`;
