import { css } from 'lit';

/** What the incidents and overview screens share: sections, lists, badges, the error summary. */
export const screenStyles = css`
  :host {
    display: block;
    padding: 0 1rem 2rem;
    overflow-wrap: anywhere;
  }
  h1 {
    margin: 1rem 0;
    font-size: 1.75rem;
  }
  h2 {
    margin: 1.5rem 0 0.5rem;
    font-size: 1.35rem;
  }
  h3 {
    margin: 1rem 0 0.25rem;
    font-size: 1.1rem;
  }
  ul.plain {
    margin: 0;
    padding: 0;
    list-style: none;
  }
  ul.plain > li {
    margin: 0 0 0.75rem;
    padding: 0.5rem 0.75rem;
    border: 1px solid #767676;
  }
  .badge {
    display: inline-block;
    margin-left: 0.5rem;
    padding: 0 0.375rem;
    border: 1px solid currentColor;
    border-radius: 2px;
    font-size: 0.875rem;
  }
  .meta {
    margin: 0.25rem 0;
    color: #3d3d3d;
  }
  .alert {
    margin: 1rem 0;
    padding: 0.75rem;
    border: 3px solid #b3261e;
  }
  .alert:focus-visible,
  h1:focus-visible {
    outline: 3px solid #1d5fbf;
    outline-offset: 2px;
  }
  .notice {
    padding: 0.5rem 0.75rem;
    border-left: 4px solid #8a5300;
  }
  a {
    color: #1d4ed8;
  }
  button {
    font: inherit;
    padding: 0.375rem 0.875rem;
    border: 2px solid #1d5fbf;
    border-radius: 2px;
    background: #1d5fbf;
    color: #fff;
    cursor: pointer;
  }
  button.secondary {
    background: #fff;
    color: #1d5fbf;
  }
  a:focus-visible,
  button:focus-visible {
    outline: 3px solid #1d5fbf;
    outline-offset: 2px;
  }
  .columns {
    display: grid;
    gap: 1rem 2rem;
    grid-template-columns: minmax(0, 1fr);
  }
  @media (min-width: 60rem) {
    .columns {
      grid-template-columns: minmax(0, 1fr) minmax(0, 1fr);
    }
  }
`;
