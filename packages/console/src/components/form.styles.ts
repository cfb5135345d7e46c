import { css } from 'lit';

/** What every console form part shares: labelled fields, problems beside them, visible focus. */
export const formStyles = css`
  :host {
    display: block;
  }
  fieldset {
    margin: 0 0 1rem;
    padding: 0.5rem 0.75rem 0.75rem;
    border: 1px solid #595959;
    min-width: 0;
  }
  legend {
    padding: 0 0.25rem;
    font-weight: 700;
  }
  .field {
    display: flex;
    flex-direction: column;
    gap: 0.25rem;
    margin: 0.5rem 0;
  }
  input,
  textarea,
  select {
    box-sizing: border-box;
    width: 100%;
    max-width: 40rem;
    font: inherit;
    padding: 0.375rem 0.5rem;
    border: 1px solid #595959;
    border-radius: 2px;
    color: inherit;
    background: #fff;
  }
  input[type='checkbox'],
  input[type='radio'] {
    width: 1.25rem;
    height: 1.25rem;
    margin: 0 0.5rem 0 0;
    padding: 0;
    vertical-align: middle;
    accent-color: #1d5fbf;
  }
  textarea {
    min-height: 5rem;
    resize: vertical;
  }
  input:focus-visible,
  textarea:focus-visible,
  select:focus-visible,
  button:focus-visible,
  a:focus-visible {
    outline: 3px solid #1d5fbf;
    outline-offset: 2px;
  }
  [aria-invalid='true'] {
    border-color: #b3261e;
    border-width: 2px;
  }
  .problem {
    margin: 0;
    color: #b3261e;
    font-weight: 600;
  }
  @media (forced-colors: active) {
    [aria-invalid='true'] {
      border-color: Mark;
    }
  }
`;
