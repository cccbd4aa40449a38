// From tokens to classifier features: typo correction against the known vocabulary, function-word
// removal and stemming (Sastrawi for Indonesian, as natural has it; then natural's Porter for English words).
import porter from 'natural/lib/natural/stemmers/porter_stemmer.js';
import { FuzzyIndex } from './fuzzy.js';
import { isRootWord, stemIndonesian } from './sastrawi.js';
import { STOPWORDS } from './words.js';
import { BoundedCache } from '../util/bounded-cache.js';
import { REGION_TOKEN, NATIONAL_TOKEN } from './regions.js';

const stemCache = new BoundedCache<string, string>(50_000);
/** Longer tokens are not words: no stemming or spelling correction. */
export const MAX_WORD = 30;

/** One stem for a word in either language: Indonesian affixes first; a word Sastrawi leaves alone gets Porter. */
export function stem(word: string): string {
  let s = stemCache.get(word);
  if (s !== undefined) return s;
  // Not a word (a region marker, a number, or a 600-letter run): stemmers are slow on those and gain nothing.
  if (word === REGION_TOKEN || word === NATIONAL_TOKEN || /\d/.test(word) || word.length > MAX_WORD) s = word;
  else {
    const id = stemIndonesian(word);
    s = id !== word ? id : porter.stem(word);
  }
  return stemCache.set(word, s);
}

/**
 * True for a real Indonesian word (a root, or a word whose stem is one: "pelayanan" -> "layan"). Such words
 * are never "corrected" into another word, nor read as a misspelt place ("pelayanan" is not "Pelalawan").
 */
export function isDictionaryWord(word: string): boolean {
  if (isRootWord(word)) return true;
  const s = stem(word);
  return s !== word && isRootWord(s);
}

/** Spelling correction limited to the bot's own vocabulary: the closest known word, if it is unambiguous. */
export class TypoCorrector {
  private words = new FuzzyIndex();
  private cache = new BoundedCache<string, string | null>(20_000);
  constructor(private readonly vocabulary: Set<string>) {
    for (const w of vocabulary) if (w.length >= 4 && !/\d/.test(w)) this.words.add(w);
  }

  has(word: string): boolean {
    return this.vocabulary.has(word);
  }

  /** Marks a word as known (from the cue lists): never corrected, nor a place; but not a correction target. */
  add(word: string): void {
    this.vocabulary.add(word);
  }

  correct(word: string): string {
    if (word.length < 4 || word.length > MAX_WORD || this.vocabulary.has(word) || /\d/.test(word) || isDictionaryWord(word)) return word;
    const cached = this.cache.get(word);
    if (cached !== undefined) return cached ?? word;
    // Clitics on words the stemmer's dictionary does not hold: "bpjsku", "jknnya", "kisnya".
    const clitic = /^(.{3,}?)(nya|ku|mu|lah|kah)$/.exec(word);
    if (clitic?.[1] && this.vocabulary.has(clitic[1])) {
      this.cache.set(word, clitic[1]);
      return clitic[1];
    }
    const result = this.words.closest(word, word.length >= 8 ? 2 : 1);
    this.cache.set(word, result);
    return result ?? word;
  }
}

/** Classifier features for a token list: function words out, the rest stemmed, duplicates kept once. */
export function toFeatures(tokens: string[]): string[] {
  const out: string[] = [];
  for (const t of tokens) {
    if (STOPWORDS.has(t)) continue;
    const s = stem(t);
    if (s && !out.includes(s)) out.push(s);
  }
  return out;
}
