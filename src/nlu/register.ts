// Everyday register -> standard Indonesian, ahead of stemming: slang and abbreviations ("gmn", "brp"),
// Javanese and Sundanese function words ("piye", "kumaha", "sinten"), English words the examples teach
// in Indonesian, and colloquial affixes ("ngaktifin", "nyerahke", "ngaktifkeun", "carane") stripped back to
// a root the bot knows. All word lists and affix rules come from data/lexicon.yaml.

export interface AffixRule {
  /** Colloquial prefix ("ng", "ny", "nge"); "" for none. */
  prefix: string;
  /** What the prefix stood for in the root: "" (ngaktif -> aktif) or a consonant ("ny" + erah -> serah). */
  restores: string[];
}

export interface RegisterOptions {
  /** One word -> one or more standard words. */
  words: ReadonlyMap<string, string>;
  prefixes: readonly AffixRule[];
  /** Colloquial suffixes stripped from a word ("in", "ke", "keun", "ne", "e", "na", "ipun"). */
  suffixes: readonly string[];
  /** Word pairs read as one word ("terima kasih" -> "terimakasih", so thanks is not "receive"). */
  compounds?: readonly string[];
  /** True for a word the bot can use as it is (its own vocabulary, or an Indonesian dictionary word). */
  isKnown: (word: string) => boolean;
}

import { BoundedCache } from '../util/bounded-cache.js';

export class Register {
  private cache = new BoundedCache<string, string | null>(20_000);
  private readonly suffixes: string[];
  /** First word of a compound -> its second words. */
  private compounds = new Map<string, Set<string>>();

  constructor(private readonly o: RegisterOptions) {
    // Longest suffix first, so "keun" is tried before "ke" and "e".
    this.suffixes = [...o.suffixes].sort((a, b) => b.length - a.length);
    for (const c of o.compounds ?? []) {
      const [a, b] = c.split(' ');
      if (a && b) this.compounds.set(a, (this.compounds.get(a) ?? new Set()).add(b));
    }
  }

  /** The standard form of each token; unknown tokens that no rule explains are kept as they are. */
  normalise(tokens: readonly string[]): string[] {
    const out: string[] = [];
    for (const t of tokens) {
      const rep = this.o.words.get(t) ?? this.unaffixed(t);
      if (rep === undefined) out.push(t);
      else for (const w of rep.split(' ')) if (w) out.push(w);
    }
    return this.compounds.size ? this.join(out) : out;
  }

  private join(tokens: string[]): string[] {
    const out: string[] = [];
    for (let i = 0; i < tokens.length; i++) {
      const t = tokens[i] ?? '';
      const next = tokens[i + 1];
      if (next && this.compounds.get(t)?.has(next)) { out.push(t + next); i += 1; } else out.push(t);
    }
    return out;
  }

  /** "ngaktifin" -> "aktif", "nyerahke" -> "serah", "dibayarin" -> "bayar", "penilaiane" -> "penilaian". */
  private unaffixed(word: string): string | undefined {
    if (word.length < 5 || /\d/.test(word) || this.o.isKnown(word)) return undefined;
    const hit = this.cache.get(word);
    if (hit !== undefined) return hit ?? undefined;
    const found = this.search(word);
    this.cache.set(word, found ?? null);
    return found;
  }

  private search(word: string): string | undefined {
    // The word, and the word without one or two colloquial suffixes ("ngidupinnya" -> "ngidupin" -> "ngidup").
    const strip = (w: string) => this.suffixes.filter((s) => w.endsWith(s) && w.length - s.length >= 3).map((s) => w.slice(0, -s.length));
    const once = strip(word);
    const stems = [word, ...once, ...once.flatMap(strip)];
    // Fewest changes first: a suffix alone, then a prefix alone, then both.
    for (const stem of stems.slice(1)) {
      const root = this.rootOf(stem);
      if (root) return root;
    }
    for (const stem of stems) {
      for (const rule of this.o.prefixes) {
        if (!rule.prefix || !stem.startsWith(rule.prefix) || stem.length - rule.prefix.length < 3) continue;
        const rest = stem.slice(rule.prefix.length);
        for (const r of rule.restores) {
          const root = this.rootOf(r + rest);
          if (root) return root;
        }
      }
    }
    return undefined;
  }

  /** The word itself when known, or its standard form when the word list has it ("daptar" -> "daftar"). */
  private rootOf(candidate: string): string | undefined {
    const mapped = this.o.words.get(candidate);
    if (mapped) return mapped;
    return this.o.isKnown(candidate) ? candidate : undefined;
  }
}
