/** One reason the input was rejected, at a JSON path such as `services[2].dependsOn[0]`. */
export interface ValidationIssue {
  /** `''` for the input as a whole. */
  readonly path: string;
  readonly message: string;
  /** Set when a size limit, not a malformed value, caused the issue: the setting's name. */
  readonly limit?: string;
}

export type Validation<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly errors: readonly ValidationIssue[] };

/** One `path: message` line per issue; an issue about the whole input is just its message. */
export function formatIssues(errors: readonly ValidationIssue[]): string {
  return errors
    .map(({ path, message }) => (path === '' ? message : `${path}: ${message}`))
    .join('\n');
}

/** For callers that prefer to throw: carries every issue, not only the first. */
export class StatusValidationError extends Error {
  override readonly name = 'StatusValidationError';
  readonly errors: readonly ValidationIssue[];

  constructor(errors: readonly ValidationIssue[]) {
    super(formatIssues(errors));
    this.errors = [...errors];
  }
}

/**
 * Turns what a reader produced into a result. Readers return `undefined` only after recording an
 * issue; the fallback issue guards against a reader that forgot to, so a gap can never pass as ok.
 */
export function toValidation<T>(
  value: T | undefined,
  issues: readonly ValidationIssue[],
): Validation<T> {
  if (issues.length > 0) return { ok: false, errors: [...issues] };
  if (value === undefined) return { ok: false, errors: [{ path: '', message: 'is invalid' }] };
  return { ok: true, value };
}
