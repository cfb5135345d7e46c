/**
 * The known ids closest to a mistyped one, closest first: for messages such as
 * `unknown service "tax-retrun" (did you mean "tax-return"?)`. A candidate counts as close when
 * its edit distance is at most a third of the longer id's length (at least 2), or when one id
 * starts with the other.
 */
export function closestIds(id: string, candidates: Iterable<string>, most = 3): string[] {
  const scored: { readonly candidate: string; readonly distance: number }[] = [];
  for (const candidate of new Set(candidates)) {
    if (candidate === id) continue;
    const distance = editDistance(id, candidate);
    const allowed = Math.max(2, Math.floor(Math.max(id.length, candidate.length) / 3));
    const prefix = id.length >= 3 && (candidate.startsWith(id) || id.startsWith(candidate));
    if (distance <= allowed || prefix) scored.push({ candidate, distance });
  }
  scored.sort((a, b) => a.distance - b.distance || a.candidate.localeCompare(b.candidate));
  return scored.slice(0, most).map(({ candidate }) => candidate);
}

/** Levenshtein distance with adjacent transpositions counted as one edit ("retrun" → "return"). */
export function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const columns = b.length + 1;
  const table = new Array<number>(rows * columns).fill(0);
  const at = (i: number, j: number): number => table[i * columns + j] ?? 0;
  for (let i = 0; i < rows; i += 1) table[i * columns] = i;
  for (let j = 0; j < columns; j += 1) table[j] = j;
  for (let i = 1; i < rows; i += 1) {
    for (let j = 1; j < columns; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        best = Math.min(best, at(i - 2, j - 2) + 1);
      }
      table[i * columns + j] = best;
    }
  }
  return at(a.length, b.length);
}

/** `"a", "b" or "c"`: the suggestion part of a message, empty when there is none. */
export function didYouMean(suggestions: readonly string[]): string {
  if (suggestions.length === 0) return '';
  const quoted = suggestions.map((id) => `"${id}"`);
  const last = quoted.pop() ?? '';
  return ` (did you mean ${quoted.length > 0 ? `${quoted.join(', ')} or ${last}` : last}?)`;
}
