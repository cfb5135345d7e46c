import type { ValidationIssue } from '@statuskit/model';

/** An error a client caused; the router turns it into a JSON response with this status. */
export class HttpError extends Error {
  override name = 'HttpError';
  constructor(
    readonly status: number,
    message: string,
    readonly errors?: readonly ValidationIssue[],
    readonly headers?: Readonly<Record<string, string>>,
  ) {
    super(message);
  }
}

export function badRequest(errors: readonly ValidationIssue[]): HttpError {
  const first = errors[0];
  const summary = first
    ? first.path
      ? `${first.path}: ${first.message}`
      : first.message
    : 'invalid request';
  return new HttpError(
    400,
    errors.length > 1 ? `${summary} (and ${errors.length - 1} more)` : summary,
    errors,
  );
}
