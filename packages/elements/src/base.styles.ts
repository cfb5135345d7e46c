import { css } from 'lit';

/**
 * Shared by every element. Public custom properties (`--statuskit-…`) are the theming API and
 * documented in the README; private ones (`--_…`) are internal. Colours come as `light-dark()`
 * pairs that follow the page's `color-scheme`; each pair meets 4.5:1 for text and 3:1 for icons
 * and borders against its background, in both schemes.
 */
export const baseStyles = css`
  :host {
    display: block;
    font: inherit;
    --_space: var(--statuskit-space, 1rem);
    --_radius: var(--statuskit-border-radius, 0.25rem);
    --_focus: var(--statuskit-focus-color, currentColor);
    --_info: var(--statuskit-info-color, light-dark(#1d5fa8, #8cc4ff));
    --_warning: var(--statuskit-warning-color, light-dark(#8a5300, #ffc65c));
    --_error: var(--statuskit-error-color, light-dark(#b3261e, #ff8a80));
    --_success: var(--statuskit-success-color, light-dark(#1e6b35, #7bd88f));
    --_line: var(--statuskit-border-color, color-mix(in srgb, currentColor 45%, transparent));
  }

  :host([hidden]) {
    display: none !important;
  }

  *,
  *::before,
  *::after {
    box-sizing: border-box;
  }

  /* No fixed heights or widths anywhere: text can grow to 200% and take the WCAG 1.4.12 text
     spacing overrides, and everything reflows at 320 CSS px (WCAG 1.4.4, 1.4.10, 1.4.12). */
  .base {
    overflow-wrap: break-word;
    min-width: 0;
  }

  h1,
  h2,
  h3,
  h4,
  h5,
  h6 {
    margin: 0;
    font: inherit;
    font-size: var(--statuskit-heading-font-size, 1.125em);
    font-weight: 700;
    line-height: 1.3;
  }

  .subheading {
    font-size: 1em;
    margin-block-start: calc(var(--_space) * 0.75);
  }

  p {
    margin: 0;
  }

  ul {
    margin: 0;
    padding: 0;
    list-style: none;
  }

  .stack > * + * {
    margin-block-start: calc(var(--_space) * 0.5);
  }

  a {
    color: inherit;
    text-decoration: underline;
    text-underline-offset: 0.15em;
  }

  a:hover {
    text-decoration-thickness: 0.15em;
  }

  a:focus-visible,
  button:focus-visible {
    outline: 3px solid var(--_focus);
    outline-offset: 2px;
  }

  button {
    font: inherit;
    color: inherit;
  }

  .icon {
    display: inline-flex;
    flex: none;
    inline-size: 1.5em;
    block-size: 1.5em;
  }

  .icon-svg {
    inline-size: 100%;
    block-size: 100%;
  }

  .visually-hidden {
    position: absolute;
    inline-size: 1px;
    block-size: 1px;
    margin: -1px;
    padding: 0;
    border: 0;
    overflow: hidden;
    clip: rect(0 0 0 0);
    clip-path: inset(50%);
    white-space: nowrap;
  }

  .updates {
    font-size: 0.875em;
  }

  /* Nothing here moves. The rule states it for anyone adding to these styles. */
  @media (prefers-reduced-motion: reduce) {
    * {
      animation: none !important;
      transition: none !important;
    }
  }

  @media (forced-colors: active) {
    .icon-svg {
      forced-color-adjust: auto;
      color: CanvasText;
    }
  }
`;
