import { HttpError } from './http-error.js';

/** A request target this feed accepts: a canonical path and its query. */
export interface RequestTarget {
  /** As sent, e.g. `/v1/admin/incidents`: never rewritten, so what is routed is what a proxy saw. */
  readonly path: string;
  /** The path and query for handlers (`url.searchParams`); its origin means nothing. */
  readonly url: URL;
}

/** Paths of folders served as pages (the console's index): their trailing `/` is canonical. */
const FOLDER_PATHS: ReadonlySet<string> = new Set(['/console/']);

/** The origin of `RequestTarget.url`: the request's Host header is never trusted for anything. */
const BASE = 'http://feed.invalid';

/**
 * Reads the request line's target strictly (RFC 9112 section 3.2). Only origin-form is accepted,
 * and only a canonical path: `new URL()` would resolve `/v1/../v1/admin`, `/v1/%2e/admin` or
 * `/v1\admin` to `/v1/admin`, and take `//x/v1/admin` as a host, so a proxy rule on `/v1/admin`
 * could be walked around. Such targets are refused here instead of normalized.
 */
export function parseRequestTarget(target: string): RequestTarget {
  if (!target.startsWith('/')) {
    throw new HttpError(
      400,
      /^[a-z][a-z0-9+.-]*:\/\//i.test(target)
        ? 'send only the path, e.g. "/v1/status.json": this feed is not a proxy'
        : `the request target must be a path starting with "/" (got ${quoteTarget(target)})`,
    );
  }
  if (target.includes('#')) {
    throw new HttpError(
      400,
      `the request target must not have a fragment (${quoteTarget(target)})`,
    );
  }
  const queryStart = target.indexOf('?');
  const path = queryStart < 0 ? target : target.slice(0, queryStart);
  if (path.includes('\\')) {
    throw new HttpError(400, `the path must not contain "\\" (at ${quoteTarget(path)})`);
  }
  // `/` alone is canonical: it has no segments; so is a folder the feed serves as a page.
  const segments = path === '/' ? [] : path.slice(1).split('/');
  if (FOLDER_PATHS.has(path)) segments.pop();
  for (const segment of segments) {
    const decoded = decodeSegment(segment, path);
    if (decoded === '' || decoded === '.' || decoded === '..') {
      throw new HttpError(
        400,
        `the path must be canonical: no empty, "." or ".." segments (at ${quoteTarget(path)})`,
      );
    }
    if (decoded.includes('/') || decoded.includes('\\')) {
      throw new HttpError(
        400,
        `the path must not hide "/" or "\\" in percent-encoding (at ${quoteTarget(path)})`,
      );
    }
  }
  // Safe now: with no dot or empty segments and no backslash, URL keeps the path as it is.
  return { path, url: new URL(target, BASE) };
}

function decodeSegment(segment: string, path: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw new HttpError(400, `the path has broken percent-encoding (at ${quoteTarget(path)})`);
  }
}

function quoteTarget(text: string): string {
  return JSON.stringify(text.length > 200 ? `${text.slice(0, 200)}…` : text);
}
