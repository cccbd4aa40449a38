// Typo-tolerant lookup among known words: the one closest word to a misspelt one, by optimal string
// alignment distance (Levenshtein plus swaps of two neighbouring letters), bounded so that a candidate is
// given up as soon as it cannot come within reach. Shared by the spelling corrector and the region matcher.
//
// Why not a library: natural's DamerauLevenshteinDistance fills a full matrix per pair (49% of the time on
// distinct messages) and is wrong on some pairs ('mwkasih'/'makasihh' gives 1, the distance is 2);
// mnemonist's SymSpell keeps every deletion of every word (memory) and one fixed maximum distance, where
// this needs 1 or 2 by word length. `npm run bench:fuzzy` compares them.

/** Rows of the distance table, reused across calls (one message at a time, no allocation per pair). */
let rows = [new Int32Array(64), new Int32Array(64), new Int32Array(64)];

/**
 * The optimal string alignment distance of `a` and `b`, or `max + 1` when it is larger than `max`
 * (computed only in the band of cells that can still stay within `max`).
 */
export function boundedDistance(a: string, b: string, max: number): number {
  const n = a.length;
  const m = b.length;
  const far = max + 1;
  if (Math.abs(n - m) > max) return far;
  if (n === 0 || m === 0) return Math.min(far, Math.max(n, m));
  if (m + 2 > (rows[0]?.length ?? 0)) rows = [new Int32Array(m + 2), new Int32Array(m + 2), new Int32Array(m + 2)];
  let [before, prev, cur] = rows as [Int32Array, Int32Array, Int32Array];
  for (let j = 0; j <= m; j++) prev[j] = j <= max ? j : far;
  for (let i = 1; i <= n; i++) {
    const lo = Math.max(1, i - max);
    const hi = Math.min(m, i + max);
    cur[lo - 1] = lo === 1 && i <= max ? i : far;
    let rowMin = cur[lo - 1] as number;
    const ca = a.charCodeAt(i - 1);
    for (let j = lo; j <= hi; j++) {
      const cb = b.charCodeAt(j - 1);
      let v = (prev[j - 1] as number) + (ca === cb ? 0 : 1);
      const del = (prev[j] as number) + 1;
      const ins = (cur[j - 1] as number) + 1;
      if (del < v) v = del;
      if (ins < v) v = ins;
      if (i > 1 && j > 1 && ca === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === cb) {
        const swap = (before[j - 2] as number) + 1;
        if (swap < v) v = swap;
      }
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (hi < m) cur[hi + 1] = far;
    if (rowMin > max) return far;
    [before, prev, cur] = [prev, cur, before];
  }
  const d = prev[m] as number;
  return d > max ? far : d;
}

/** Which letters a-z a word has, as bits: one edit changes at most two bits, so far-off words are skipped cheaply. */
function letterMask(word: string): number {
  let m = 0;
  for (let i = 0; i < word.length; i++) {
    const c = word.charCodeAt(i) - 97;
    m |= c >= 0 && c < 26 ? 1 << c : 1 << 26;
  }
  return m;
}

function bitCount(x: number): number {
  let n = 0;
  for (let v = x; v; v &= v - 1) n++;
  return n;
}

interface Bucket { words: string[]; masks: number[] }

/** Known words by first letter and length: a misspelt word is compared only with words it could be. */
export class FuzzyIndex {
  private byFirst = new Map<number, Bucket[]>();

  add(word: string): void {
    if (!word) return;
    const first = word.charCodeAt(0);
    let byLength = this.byFirst.get(first);
    if (!byLength) this.byFirst.set(first, (byLength = []));
    const bucket = (byLength[word.length] ??= { words: [], masks: [] });
    bucket.words.push(word);
    bucket.masks.push(letterMask(word));
  }

  /**
   * The known word within `max` edits of `word` that starts with the same letter, if exactly one is
   * closest (a tie is no answer: the bot does not guess between two words).
   */
  closest(word: string, max: number): string | null {
    const byLength = this.byFirst.get(word.charCodeAt(0));
    if (!byLength) return null;
    const mask = letterMask(word);
    let best: string | null = null;
    let bestD = max + 1;
    let tie = false;
    for (let len = Math.max(1, word.length - max); len <= word.length + max; len++) {
      const bucket = byLength[len];
      if (!bucket) continue;
      const { words, masks } = bucket;
      for (let k = 0; k < words.length; k++) {
        // Each edit adds or removes at most one letter kind (a swap none): more differing kinds, out of reach.
        if (bitCount(mask ^ (masks[k] as number)) > 2 * bestD) continue;
        const cand = words[k] as string;
        const d = boundedDistance(word, cand, bestD);
        if (d < bestD) { bestD = d; best = cand; tie = false; } else if (d === bestD && cand !== best) tie = true;
      }
    }
    return bestD <= max && !tie ? best : null;
  }
}
