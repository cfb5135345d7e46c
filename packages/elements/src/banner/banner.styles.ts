import { css } from 'lit';

export const bannerStyles = css`
  .base {
    --_accent: var(--_info);
    --_background: var(--statuskit-info-background, light-dark(#eef4fb, #14283d));
    display: flex;
    gap: calc(var(--_space) * 0.75);
    align-items: flex-start;
    margin: 0 0 var(--statuskit-banner-margin, 1.5rem);
    padding: var(--_space);
    /* The transparent border is drawn in forced-colors mode, so the box keeps its outline. */
    border: 2px solid transparent;
    border-inline-start: 0.375rem solid var(--_accent);
    border-radius: var(--_radius);
    background: var(--_background);
    color: var(--statuskit-banner-text-color, light-dark(#1b1b1b, #f2f4f7));
    line-height: 1.5;
  }

  .base.warning {
    --_accent: var(--_warning);
    --_background: var(--statuskit-warning-background, light-dark(#fff5e1, #33270c));
  }

  .base.error {
    --_accent: var(--_error);
    --_background: var(--statuskit-error-background, light-dark(#fdeceb, #3d1715));
  }

  .base > .icon {
    color: var(--_accent);
    margin-block-start: 0.1em;
  }

  .content {
    flex: 1 1 auto;
    min-width: 0;
  }

  .notices > li + li {
    margin-block-start: calc(var(--_space) * 0.75);
    padding-block-start: calc(var(--_space) * 0.75);
    border-block-start: 1px solid var(--_line);
  }

  .type {
    font-weight: 700;
  }

  .close {
    flex: none;
    display: inline-flex;
    align-items: center;
    justify-content: center;
    /* WCAG 2.5.8: at least 24 by 24 CSS px; we give more. */
    min-inline-size: 2.75rem;
    min-block-size: 2.75rem;
    margin: calc(var(--_space) * -0.5) calc(var(--_space) * -0.5) 0 0;
    padding: 0.5rem;
    border: 2px solid transparent;
    border-radius: var(--_radius);
    background: transparent;
    cursor: pointer;
  }

  .close:hover {
    border-color: currentColor;
  }

  .close .icon {
    inline-size: 1.25rem;
    block-size: 1.25rem;
  }

  @media (forced-colors: active) {
    .base {
      border-color: CanvasText;
    }
    .close {
      border-color: ButtonText;
    }
  }
`;
