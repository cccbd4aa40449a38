// The reference the typo lookup (src/nlu/fuzzy.ts) is checked against, in tests/unit/fuzzy.test.ts and in
// npm run bench:fuzzy: the textbook full-table distance, and a scan of every word with the lookup's rule.

/** Optimal string alignment distance (Levenshtein plus swaps of neighbouring letters), the full table. */
export function referenceDistance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      let v = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, d[i - 2]![j - 2]! + 1);
      d[i]![j] = v;
    }
  }
  return d[a.length]![b.length]!;
}

/** The lookup's rule by brute force: the one word within `max` edits with the same first letter, no tie. */
export function closestByScan(words: readonly string[], w: string, max: number,
  distance: (a: string, b: string) => number = referenceDistance): string | null {
  const ds = words.filter((c) => c[0] === w[0] && Math.abs(c.length - w.length) <= max).map((c) => [c, distance(w, c)] as const)
    .filter(([, d]) => d <= max);
  const best = Math.min(...ds.map(([, d]) => d));
  const at = ds.filter(([, d]) => d === best);
  return at.length === 1 ? (at[0]?.[0] ?? null) : null;
}
