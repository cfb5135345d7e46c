import type { IncomingMessage, ServerResponse } from 'node:http';

export interface RouteContext {
  readonly req: IncomingMessage;
  readonly res: ServerResponse;
  readonly url: URL;
  /** Decoded `{name}` segments of the path pattern. */
  readonly params: Readonly<Record<string, string>>;
}

export type RouteHandler = (context: RouteContext) => void | Promise<void>;

interface Route {
  readonly method: string;
  readonly segments: readonly string[];
  readonly handler: RouteHandler;
}

export type RouteMatch =
  | {
      readonly kind: 'found';
      readonly handler: RouteHandler;
      readonly params: Record<string, string>;
    }
  | { readonly kind: 'method-not-allowed'; readonly allowed: readonly string[] }
  | { readonly kind: 'not-found' };

/**
 * A tiny path router: `/v1/admin/incidents/{id}/updates`. HEAD falls back to GET (Node then sends
 * the headers and drops the body; a handler whose body bypasses `res` must check for HEAD).
 * Paths are matched as given, so give it only canonical ones (see `parseRequestTarget`).
 */
export class Router {
  readonly #routes: Route[] = [];

  on(method: string, pattern: string, handler: RouteHandler): this {
    this.#routes.push({ method, segments: pattern.split('/'), handler });
    return this;
  }

  /** Every method some route accepts at this path (for CORS preflights). */
  allowedMethods(pathname: string): string[] {
    const segments = pathname.split('/');
    const methods = this.#routes
      .filter((route) => matchSegments(route.segments, segments))
      .map((route) => route.method);
    return [...new Set(methods)];
  }

  match(method: string, pathname: string): RouteMatch {
    const segments = pathname.split('/');
    const allowed: string[] = [];
    for (const route of this.#routes) {
      const params = matchSegments(route.segments, segments);
      if (!params) continue;
      if (route.method === method || (method === 'HEAD' && route.method === 'GET')) {
        return { kind: 'found', handler: route.handler, params };
      }
      allowed.push(route.method);
    }
    return allowed.length > 0 ? { kind: 'method-not-allowed', allowed } : { kind: 'not-found' };
  }
}

function matchSegments(
  pattern: readonly string[],
  actual: readonly string[],
): Record<string, string> | undefined {
  if (pattern.length !== actual.length) return undefined;
  const params: Record<string, string> = {};
  for (const [index, part] of pattern.entries()) {
    const value = actual[index] ?? '';
    if (part.startsWith('{') && part.endsWith('}')) {
      if (value === '') return undefined;
      try {
        params[part.slice(1, -1)] = decodeURIComponent(value);
      } catch {
        return undefined;
      }
    } else if (part !== value) {
      return undefined;
    }
  }
  return params;
}
