import { css } from 'lit';

export const alternativesEditorStyles = css`
  :host {
    display: block;
  }
  fieldset {
    margin: 0 0 1rem;
    padding: 0.75rem;
    border: 1px solid #595959;
    min-width: 0;
  }
  legend {
    font-weight: 700;
  }
  .field {
    display: flex;
    flex-direction: column;
    gap: 0.25rem;
    margin-bottom: 0.75rem;
  }
  input,
  select {
    font: inherit;
    max-width: 100%;
    box-sizing: border-box;
    padding: 0.25rem;
    border: 1px solid #595959;
  }
  input:focus-visible,
  select:focus-visible,
  button:focus-visible {
    outline: 3px solid #1d4ed8;
    outline-offset: 2px;
  }
  .problem {
    color: #a00;
    margin: 0;
  }
  button {
    font: inherit;
    padding: 0.25rem 0.75rem;
  }
  @media (forced-colors: active) {
    input:focus-visible,
    select:focus-visible,
    button:focus-visible {
      outline-color: Highlight;
    }
  }
`;
