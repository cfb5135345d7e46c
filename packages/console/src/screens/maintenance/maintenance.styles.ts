import { css } from 'lit';

/** Tables that scroll on their own at 320 px, and a print layout for the evaluation. */
export const maintenanceStyles = css`
  .table-scroll {
    max-width: 100%;
    overflow-x: auto;
  }
  .table-scroll:focus-visible {
    outline: 3px solid #1d5fbf;
    outline-offset: 2px;
  }
  table {
    border-collapse: collapse;
  }
  caption {
    text-align: start;
    font-weight: 700;
    padding: 0.25rem 0;
  }
  th,
  td {
    padding: 0.25rem 0.5rem;
    border: 1px solid #767676;
    text-align: start;
    vertical-align: top;
  }
  ul.warnings {
    padding: 0;
    list-style: none;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
    align-items: end;
  }
  button:focus-visible,
  input:focus-visible,
  select:focus-visible {
    outline: 3px solid #1d5fbf;
    outline-offset: 2px;
  }
  @media print {
    .no-print {
      display: none;
    }
  }
`;
