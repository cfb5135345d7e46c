/** One problem the feed found in a request, by field (`title.da`) and reason. */
export interface FieldProblem {
  readonly path: string;
  readonly message: string;
}

/**
 * A refused request: the feed's own sentence (`error`) and the problems by field, so a form can
 * put each next to its field. `status` 0 means the feed could not be reached at all.
 */
export class ApiError extends Error {
  override name = 'ApiError';
  constructor(
    readonly status: number,
    message: string,
    readonly problems: readonly FieldProblem[] = [],
    /** Seconds the feed asked us to wait (`Retry-After`), when it said. */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
  }
}
