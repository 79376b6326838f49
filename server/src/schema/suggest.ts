// Did-you-mean suggestions by edit distance (optimal string alignment, i.e. Damerau-Levenshtein where a
// swap of two neighbours costs one), with a cutoff that grows with the word so short words only match
// close names. The distance work is bounded: a row-minimum check abandons hopeless candidates early.

/** Largest distance worth suggesting for a word of this length: 1 up to 4 chars, then about a third. */
export function maxSuggestDistance(length: number): number {
  if (length <= 4) return 1;
  return Math.min(3, Math.ceil(length / 4));
}

/**
 * Edit distance between a and b counting insertions, deletions, substitutions and adjacent swaps.
 * Returns `limit + 1` as soon as the distance is known to exceed `limit`.
 */
export function editDistance(a: string, b: string, limit = Infinity): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  const n = b.length;
  let prev2 = new Array<number>(n + 1).fill(0);
  let prev = new Array<number>(n + 1);
  let cur = new Array<number>(n + 1);
  for (let j = 0; j <= n; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    let rowMin = cur[0];
    for (let j = 1; j <= n; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      let v = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, prev2[j - 2] + 1);
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > limit) return limit + 1;
    [prev2, prev, cur] = [prev, cur, prev2];
  }
  return prev[n];
}

/**
 * Up to `max` candidates closest to `word`, best first (ties by name), within the cutoff. Case is
 * ignored for the comparison; an exact match is not a suggestion.
 */
export function suggest(word: string, candidates: Iterable<string>, max = 3): string[] {
  const w = word.toLowerCase();
  const limit = maxSuggestDistance(w.length);
  const scored: { name: string; d: number }[] = [];
  const seen = new Set<string>();
  for (const c of candidates) {
    if (seen.has(c)) continue;
    seen.add(c);
    const lc = c.toLowerCase();
    if (lc === w) continue;
    const d = editDistance(w, lc, limit);
    if (d <= limit) scored.push({ name: c, d });
  }
  scored.sort((x, y) => x.d - y.d || (x.name < y.name ? -1 : x.name > y.name ? 1 : 0));
  return scored.slice(0, Math.max(0, max)).map((s) => s.name);
}
