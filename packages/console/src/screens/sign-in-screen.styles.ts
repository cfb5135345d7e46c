import { css } from 'lit';

export const signInStyles = css`
  :host {
    display: block;
    max-width: 36rem;
  }
  h1 {
    font-size: 1.75rem;
    line-height: 1.2;
    margin: 0 0 1rem;
  }
  h1:focus {
    outline: none;
  }
  .reason {
    padding: 0.75rem 1rem;
    border-left: 4px solid #0b4f9c;
    background: #eef4fb;
  }
  .summary {
    padding: 0.75rem 1rem;
    border: 3px solid #b00020;
    margin-bottom: 1rem;
  }
  .summary h2 {
    font-size: 1.125rem;
    margin: 0 0 0.5rem;
  }
  .summary ul {
    margin: 0;
    padding-left: 1.25rem;
  }
  .summary a {
    color: #b00020;
  }
  .field {
    display: grid;
    gap: 0.25rem;
    margin-bottom: 1rem;
  }
  label {
    font-weight: 700;
  }
  .hint {
    margin: 0;
    color: #4a4a4a;
  }
  .error {
    margin: 0;
    color: #b00020;
    font-weight: 700;
  }
  input {
    font: inherit;
    min-height: 2.75rem;
    padding: 0.25rem 0.5rem;
    border: 2px solid #595959;
    border-radius: 0.25rem;
    width: 100%;
    box-sizing: border-box;
  }
  input[aria-invalid='true'] {
    border-color: #b00020;
  }
  button {
    font: inherit;
    min-height: 2.75rem;
    padding: 0.25rem 1.25rem;
    border: 2px solid #0b4f9c;
    border-radius: 0.25rem;
    background: #0b4f9c;
    color: #fff;
    cursor: pointer;
  }
  button[aria-disabled='true'] {
    opacity: 0.7;
    cursor: progress;
  }
  a:focus-visible,
  button:focus-visible,
  input:focus-visible,
  .summary:focus-visible {
    outline: 3px solid #0b4f9c;
    outline-offset: 2px;
  }
  .summary:focus {
    outline: 3px solid #0b4f9c;
  }
  @media (forced-colors: active) {
    .reason,
    .summary,
    button {
      border: 2px solid CanvasText;
    }
  }
`;
