import { css } from 'lit';

export const previewPanelStyles = css`
  :host {
    display: block;
    min-width: 0;
  }
  h2,
  h3 {
    margin: 1rem 0 0.5rem;
  }
  .scroller {
    max-width: 100%;
    overflow-x: auto;
    border: 1px dashed #595959;
    margin-bottom: 1rem;
  }
  .frame {
    box-sizing: border-box;
    padding: 0.5rem;
    background: #fff;
  }
  .frame.phone {
    width: 320px;
  }
  .frame.desktop {
    width: 960px;
  }
  .widths label {
    display: inline-flex;
    gap: 0.375rem;
    align-items: center;
    margin-right: 1rem;
  }
  .widths input {
    width: auto;
  }
  .warning {
    border-left: 4px solid #8a5300;
    padding-left: 0.5rem;
  }
  ul {
    padding-left: 1.25rem;
  }
`;
