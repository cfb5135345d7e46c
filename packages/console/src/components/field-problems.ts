import type { FieldProblem } from '../api/api-error.js';

/** The problems about `path` itself or anything under it (`title` covers `title.da`). */
export function problemsUnder(
  problems: readonly FieldProblem[],
  path: string,
): readonly FieldProblem[] {
  return problems.filter(
    (problem) =>
      problem.path === path ||
      problem.path.startsWith(`${path}.`) ||
      problem.path.startsWith(`${path}[`),
  );
}
