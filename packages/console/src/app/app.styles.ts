import { css } from 'lit';

export const appStyles = css`
  :host {
    display: block;
    color: var(--sk-text, #1a1a1a);
    background: var(--sk-page, #fff);
    font:
      1rem/1.5 system-ui,
      sans-serif;
  }
  .skip {
    position: absolute;
    left: -10000px;
  }
  .skip:focus {
    position: static;
    display: inline-block;
    padding: 0.5rem;
  }
  header {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem 1.5rem;
    align-items: center;
    padding: 0.75rem 1rem;
    border-bottom: 1px solid #595959;
  }
  .app-name {
    margin: 0;
    font-weight: 700;
  }
  nav ul {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25rem 1rem;
    margin: 0;
    padding: 0;
    list-style: none;
  }
  nav a {
    display: inline-block;
    padding: 0.5rem 0.25rem;
    color: #0b4f9c;
  }
  nav a[aria-current='page'] {
    font-weight: 700;
    text-decoration-thickness: 3px;
  }
  .who {
    margin: 0;
  }
  button,
  select {
    font: inherit;
    min-height: 2.75rem;
  }
  main {
    padding: 1rem;
    max-width: 72rem;
  }
  main:focus {
    outline: none;
  }
  a:focus-visible,
  button:focus-visible,
  select:focus-visible {
    outline: 3px solid #0b4f9c;
    outline-offset: 2px;
  }
  .announcer {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
`;
