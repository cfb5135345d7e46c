import { LitElement, html, nothing, type TemplateResult } from 'lit';
import type { SessionInfo } from '../api/contract.js';
import { ApiError } from '../api/api-error.js';
import type { FeedHttp } from '../api/http.js';
import { currentLanguage, t } from '../i18n/i18n.js';
import { signInStyles } from './sign-in-screen.styles.js';

/** Why the operator is at the sign-in screen, as the shell passes it (`.reason`). */
export const SIGNED_OUT_REASON = 'signed-out';

/**
 * The sign-in screen: exchanges an authority's admin token for a session. The token is read from
 * the field once, sent in the POST body, and the field is cleared at once; it is never kept in
 * storage, a property or the URL.
 *
 * @fires signed-in - CustomEvent<SessionInfo>, bubbling and composed, after a session started.
 */
export class SignInScreen extends LitElement {
  static override styles = signInStyles;
  static override properties = {
    http: { attribute: false },
    reason: { attribute: false },
    problem: { state: true },
    busy: { state: true },
    attempted: { state: true },
  };

  /** The console's connection to the feed. */
  declare http: FeedHttp | undefined;
  /**
   * Why the operator must sign in: `signed-out`, or the feed's sentence (a session that expired
   * or ended), or nothing on arrival.
   */
  declare reason: string | undefined;
  declare problem: string | undefined;
  declare busy: boolean;
  /** Once the operator tried, the outcome replaces the reason they arrived with. */
  declare attempted: boolean;

  /** Re-renders when the console's language changes (the shell sets `<html lang>`). */
  readonly #languageObserver = new MutationObserver(() => {
    this.requestUpdate();
  });

  constructor() {
    super();
    this.http = undefined;
    this.reason = undefined;
    this.problem = undefined;
    this.busy = false;
    this.attempted = false;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.#languageObserver.observe(document.documentElement, {
      attributes: true,
      attributeFilter: ['lang'],
    });
  }

  override disconnectedCallback(): void {
    this.#languageObserver.disconnect();
    super.disconnectedCallback();
  }

  override render(): TemplateResult {
    const invalid = this.problem !== undefined;
    return html`
      <h1>${t('signIn:title')}</h1>
      ${this.#reason()} ${invalid ? this.#summary() : nothing}
      <p>${t('signIn:intro')}</p>
      <form method="post" novalidate @submit=${this.#submit}>
        <div class="field">
          <label for="token">${t('signIn:token.label')}</label>
          <p class="hint" id="token-hint">${t('signIn:token.hint')}</p>
          ${invalid ? html`<p class="error" id="token-error">${this.problem}</p>` : nothing}
          <input
            id="token"
            name="token"
            type="password"
            autocomplete="off"
            autocapitalize="off"
            spellcheck="false"
            required
            aria-describedby=${invalid ? 'token-error token-hint' : 'token-hint'}
            aria-invalid=${invalid ? 'true' : 'false'}
          />
        </div>
        <button type="submit" aria-disabled=${this.busy ? 'true' : 'false'}>
          ${this.busy ? t('signIn:signingIn') : t('signIn:submit')}
        </button>
      </form>
    `;
  }

  #reason(): TemplateResult | typeof nothing {
    const text = this.#reasonText();
    return text === undefined ? nothing : html`<p class="reason" role="status">${text}</p>`;
  }

  #reasonText(): string | undefined {
    const reason = this.reason;
    if (this.attempted || reason === undefined || reason === '') return undefined;
    // The first check of a fresh visit: nothing to explain.
    if (reason.startsWith('not signed in')) return undefined;
    if (reason === SIGNED_OUT_REASON) return t('signIn:reason.signedOut');
    const expired = /expired at (\S+?);/.exec(reason)?.[1];
    if (expired !== undefined && !Number.isNaN(Date.parse(expired))) {
      const time = new Intl.DateTimeFormat(currentLanguage(), {
        dateStyle: 'medium',
        timeStyle: 'short',
      }).format(new Date(expired));
      return t('signIn:reason.expired', { time });
    }
    if (/session/.test(reason)) return t('signIn:reason.ended');
    return reason;
  }

  #summary(): TemplateResult {
    return html`<div class="summary" role="alert" tabindex="-1">
      <h2>${t('signIn:errors.summary')}</h2>
      <ul>
        <li><a href="#token" @click=${this.#focusField}>${this.problem}</a></li>
      </ul>
    </div>`;
  }

  readonly #submit = async (event: Event): Promise<void> => {
    event.preventDefault();
    if (this.busy) return;
    const field = this.#field();
    const token = field?.value.trim() ?? '';
    // Cleared before anything else: the token lives only in this function from here on.
    if (field) field.value = '';
    this.attempted = true;
    if (token === '') {
      await this.#show(t('signIn:errors.empty'));
      return;
    }
    if (!this.http) return;
    this.busy = true;
    try {
      const session = await this.http.request<SessionInfo>('POST', '/admin/session', {
        body: { token },
      });
      this.problem = undefined;
      this.dispatchEvent(
        new CustomEvent<SessionInfo>('signed-in', {
          detail: session,
          bubbles: true,
          composed: true,
        }),
      );
    } catch (error) {
      await this.#show(this.#problemOf(error));
    } finally {
      this.busy = false;
    }
  };

  #problemOf(error: unknown): string {
    if (!(error instanceof ApiError)) return t('signIn:errors.other', { reason: String(error) });
    if (error.status === 0) return t('error.unreachable');
    if (error.status === 401) return t('signIn:errors.wrong');
    if (error.status === 400) return t('signIn:errors.empty');
    if (error.status === 429) {
      return error.retryAfterSeconds === undefined
        ? t('signIn:errors.tooManyNoTime')
        : t('signIn:errors.tooMany', { seconds: error.retryAfterSeconds });
    }
    return t('signIn:errors.other', { reason: error.message });
  }

  /** Shows `problem` next to the field and moves focus to the summary, which names it. */
  async #show(problem: string): Promise<void> {
    this.problem = problem;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('.summary')?.focus();
  }

  readonly #focusField = (event: Event): void => {
    event.preventDefault();
    this.#field()?.focus();
  };

  #field(): HTMLInputElement | null {
    return this.renderRoot.querySelector<HTMLInputElement>('#token');
  }
}

if (!customElements.get('sk-sign-in-screen')) {
  customElements.define('sk-sign-in-screen', SignInScreen);
}

declare global {
  interface HTMLElementTagNameMap {
    'sk-sign-in-screen': SignInScreen;
  }
}
