import { LitElement, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import type { SessionInfo } from '../api/contract.js';
import { ApiError } from '../api/api-error.js';
import { FeedHttp } from '../api/http.js';
import { currentLanguage, initialLanguage, setLanguage, t } from '../i18n/i18n.js';
import { UI_LANGUAGES, type UiLanguage } from '../locales/index.js';
import { appStyles } from './app.styles.js';
import type { ConsoleContext } from './context.js';
import { parseRoute, routeHref, type Route } from './routes.js';
import { SIGNED_OUT_REASON } from '../screens/sign-in-screen.js';

type SessionState =
  | { readonly kind: 'checking' }
  | { readonly kind: 'signed-out'; readonly reason?: string }
  | { readonly kind: 'signed-in'; readonly session: SessionInfo };

/**
 * The console's shell: checks the session, shows the sign-in screen or the screen the URL names,
 * and keeps the parts every screen shares (navigation, language, sign-out, announcements).
 */
export class ConsoleApp extends LitElement {
  static override styles = appStyles;
  static override properties = {
    sessionState: { state: true },
    route: { state: true },
    language: { state: true },
    message: { state: true },
  };

  declare sessionState: SessionState;
  declare route: Route;
  declare language: UiLanguage;
  declare message: string;

  readonly http = new FeedHttp({
    onSignedOut: (error) => {
      this.#signedOut(error.message);
    },
  });
  /** Where to go back to after signing in again. */
  #returnTo: Route | undefined;
  #focusMain = false;

  constructor() {
    super();
    this.sessionState = { kind: 'checking' };
    this.route = parseRoute(location.hash);
    this.language = initialLanguage();
    this.message = '';
  }

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('hashchange', this.#onHashChange);
    void setLanguage(this.language).then(() => {
      this.requestUpdate();
    });
    void this.#checkSession();
  }

  override disconnectedCallback(): void {
    window.removeEventListener('hashchange', this.#onHashChange);
    super.disconnectedCallback();
  }

  protected override updated(changed: PropertyValues): void {
    if (changed.has('route') || changed.has('sessionState')) {
      document.title = `${this.#screenTitle()} – ${t('appName')}`;
    }
    if (this.#focusMain) {
      this.#focusMain = false;
      // After navigation, focus goes to the new screen's heading, so screen readers announce it.
      void this.updateComplete.then(() => {
        this.#focusHeading();
      });
    }
  }

  override render(): TemplateResult {
    const state = this.sessionState;
    return html`
      <header>
        <!-- A button, inside the banner: axe cannot follow "#main" into the shadow root. -->
        <button type="button" class="skip" @click=${this.#skip}>${t('skipToContent')}</button>
        <p class="app-name">${t('appName')}</p>
        ${state.kind === 'signed-in' ? this.#navigation() : nothing} ${this.#languagePicker()}
        ${
          state.kind === 'signed-in'
            ? html`<p class="who">
                  ${t('signedInAs', {
                    authority: this.#authorityName(state.session),
                  })}
                </p>
                <button type="button" class="sign-out" @click=${this.#signOut}>
                  ${t('signOut')}
                </button>`
            : nothing
        }
      </header>
      <main id="main" tabindex="-1">${this.#screen()}</main>
      <div class="announcer" role="status" aria-live="polite">${this.message}</div>
    `;
  }

  #screen(): TemplateResult {
    const state = this.sessionState;
    if (state.kind === 'checking') return html`<p>${t('loading')}</p>`;
    if (state.kind === 'signed-out') {
      return html`<sk-sign-in-screen
        .http=${this.http}
        .reason=${state.reason}
        @signed-in=${this.#onSignedIn}
      ></sk-sign-in-screen>`;
    }
    const context = this.#context(state.session);
    switch (this.route.screen) {
      case 'incidents':
        return html`<sk-incidents-screen .context=${context}></sk-incidents-screen>`;
      case 'maintenance':
        return html`<sk-maintenance-screen .context=${context}></sk-maintenance-screen>`;
      default:
        return html`<sk-overview-screen .context=${context}></sk-overview-screen>`;
    }
  }

  #context(session: SessionInfo): ConsoleContext {
    return {
      http: this.http,
      session,
      route: this.route,
      language: this.language,
      navigate: (route) => {
        location.hash = routeHref(route);
      },
      announce: (message) => {
        this.#announce(message);
      },
    };
  }

  #navigation(): TemplateResult {
    const items: ['overview' | 'incidents' | 'maintenance', string][] = [
      ['overview', t('nav.overview')],
      ['incidents', t('nav.incidents')],
      ['maintenance', t('nav.maintenance')],
    ];
    return html`<nav aria-label=${t('nav.label')}>
      <ul>
        ${items.map(
          ([screen, label]) =>
            html`<li>
              <a
                href=${routeHref({ screen })}
                aria-current=${this.route.screen === screen ? 'page' : nothing}
                >${label}</a
              >
            </li>`,
        )}
      </ul>
    </nav>`;
  }

  #languagePicker(): TemplateResult {
    return html`<label class="language"
      >${t('language.label')}
      <select @change=${this.#onLanguage}>
        ${UI_LANGUAGES.map(
          (language) =>
            html`<option value=${language} ?selected=${language === this.language}>
              ${t(`language.${language}`)}
            </option>`,
        )}
      </select></label
    >`;
  }

  #authorityName(session: SessionInfo): string {
    return session.authorityName[this.language] ?? session.authority;
  }

  #screenTitle(): string {
    if (this.sessionState.kind !== 'signed-in') return t('signIn:title', { defaultValue: '' });
    return t(`nav.${this.route.screen}`);
  }

  async #checkSession(): Promise<void> {
    try {
      const session = await this.http.request<SessionInfo>('GET', '/admin/session');
      this.#signedIn(session);
    } catch (error) {
      // A 401 has already signed us out; anything else means the feed could not say.
      if (!(error instanceof ApiError) || error.status !== 401) {
        this.sessionState = {
          kind: 'signed-out',
          reason: error instanceof ApiError ? error.message : String(error),
        };
      }
    }
  }

  #signedIn(session: SessionInfo): void {
    this.http.csrfToken = session.csrfToken;
    this.sessionState = { kind: 'signed-in', session };
    if (this.#returnTo) {
      location.hash = routeHref(this.#returnTo);
      this.#returnTo = undefined;
    }
    this.#focusMain = true;
  }

  #signedOut(reason?: string): void {
    this.http.csrfToken = undefined;
    if (this.sessionState.kind === 'signed-in') this.#returnTo = this.route;
    // A refused sign-in leaves focus with the sign-in screen's error summary.
    if (this.sessionState.kind !== 'signed-out') this.#focusMain = true;
    this.sessionState = { kind: 'signed-out', ...(reason !== undefined && { reason }) };
  }

  readonly #onSignedIn = (event: CustomEvent<SessionInfo>): void => {
    this.#signedIn(event.detail);
  };

  readonly #signOut = async (): Promise<void> => {
    try {
      await this.http.request('DELETE', '/admin/session');
    } catch {
      // Signed out either way: the cookie is cleared or the session was already gone.
    }
    this.#returnTo = undefined;
    this.#signedOut(SIGNED_OUT_REASON);
  };

  readonly #onHashChange = (): void => {
    this.route = parseRoute(location.hash);
    this.#focusMain = true;
  };

  readonly #onLanguage = async (event: Event): Promise<void> => {
    const language = (event.target as HTMLSelectElement).value as UiLanguage;
    await setLanguage(language);
    this.language = currentLanguage();
  };

  readonly #skip = (event: Event): void => {
    event.preventDefault();
    this.#focusHeading();
  };

  #focusHeading(): void {
    const main = this.renderRoot.querySelector<HTMLElement>('main');
    const screen = main?.firstElementChild;
    const heading = screen?.shadowRoot?.querySelector<HTMLElement>('h1') ?? undefined;
    if (heading) {
      heading.tabIndex = -1;
      heading.focus();
    } else {
      main?.focus();
    }
  }

  #announce(message: string): void {
    // Cleared first, so the same sentence twice is announced twice.
    this.message = '';
    void this.updateComplete.then(() => {
      this.message = message;
    });
  }
}
