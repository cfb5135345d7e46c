import { ApiError, type FieldProblem } from './api-error.js';

/** What the feed sends with every refusal (see the feed README, "Errors"). */
interface ErrorBody {
  readonly error?: unknown;
  readonly errors?: unknown;
}

export interface RequestOptions {
  /** JSON to send; a `Blob` or `File` is sent as it is (access logs). */
  readonly body?: unknown;
  readonly query?: Readonly<Record<string, string | number | undefined>>;
  readonly headers?: Readonly<Record<string, string>>;
}

/**
 * The console's only way to the feed: same origin, the session cookie sent by the browser, the
 * session's CSRF token on every write. A 401 tells `onSignedOut`, so the app can ask to sign in
 * again without losing the form the operator was filling in.
 */
export class FeedHttp {
  #csrfToken: string | undefined;
  readonly #base: string;
  readonly #onSignedOut: (error: ApiError) => void;

  constructor(options: { base?: string; onSignedOut?: (error: ApiError) => void } = {}) {
    this.#base = options.base ?? '/v1';
    this.#onSignedOut = options.onSignedOut ?? (() => undefined);
  }

  /** Set by the session on sign-in (and cleared on sign-out). */
  set csrfToken(token: string | undefined) {
    this.#csrfToken = token;
  }

  async request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
    const url = new URL(`${this.#base}${path}`, location.origin);
    for (const [name, value] of Object.entries(options.query ?? {})) {
      if (value !== undefined) url.searchParams.set(name, String(value));
    }
    const headers: Record<string, string> = { accept: 'application/json', ...options.headers };
    if (method !== 'GET' && method !== 'HEAD' && this.#csrfToken !== undefined) {
      headers['x-csrf-token'] = this.#csrfToken;
    }
    let body: BodyInit | null = null;
    if (options.body instanceof Blob) {
      body = options.body;
      headers['content-type'] ??= options.body.type || 'application/octet-stream';
    } else if (options.body !== undefined) {
      body = JSON.stringify(options.body);
      headers['content-type'] = 'application/json';
    }
    let response: Response;
    try {
      response = await fetch(url, { method, headers, body, credentials: 'same-origin' });
    } catch {
      throw new ApiError(0, 'unreachable');
    }
    const answer: unknown = await response.json().catch(() => undefined);
    if (response.ok) return answer as T;
    const error = toApiError(response, answer as ErrorBody | undefined);
    if (response.status === 401) this.#onSignedOut(error);
    throw error;
  }
}

function toApiError(response: Response, body: ErrorBody | undefined): ApiError {
  const message = typeof body?.error === 'string' ? body.error : response.statusText;
  const problems = Array.isArray(body?.errors)
    ? body.errors.filter(
        (item): item is FieldProblem =>
          typeof item === 'object' &&
          item !== null &&
          typeof (item as FieldProblem).path === 'string' &&
          typeof (item as FieldProblem).message === 'string',
      )
    : [];
  const retry = Number(response.headers.get('retry-after'));
  return new ApiError(
    response.status,
    message,
    problems,
    Number.isFinite(retry) && retry > 0 ? retry : undefined,
  );
}
