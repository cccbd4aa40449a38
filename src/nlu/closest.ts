// The one closest word to a misspelt one, among known words, by Damerau-Levenshtein distance (natural's).
// Shared by the spelling corrector and the region matcher; each keeps its own cache of answers.
import distances from 'natural/lib/natural/distance/levenshtein_distance.js';

export class WordsByLength {
  private byLength = new Map<number, string[]>();

  add(word: string): void {
    const list = this.byLength.get(word.length) ?? [];
    list.push(word);
    this.byLength.set(word.length, list);
  }

  /**
   * The known word within `max` edits of `word`, if exactly one is closest. `plausible` cheaply rules
   * candidates out before the distance is computed (e.g. "starts with the same letter").
   */
  closest(word: string, max: number, plausible: (candidate: string) => boolean): string | null {
    let best: string | null = null;
    let bestD = max + 1;
    let tie = false;
    for (let len = word.length - max; len <= word.length + max; len++) {
      for (const cand of this.byLength.get(len) ?? []) {
        if (!plausible(cand)) continue;
        const d = distances.DamerauLevenshteinDistance(word, cand);
        if (d < bestD) { bestD = d; best = cand; tie = false; } else if (d === bestD && cand !== best) tie = true;
      }
    }
    return bestD <= max && !tie ? best : null;
  }
}
