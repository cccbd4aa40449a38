// Finding the word lists of the content files in a message: aspects ("kapan", "siapa yang menerima"),
// scope words ("bpjs", "kartu atm"), follow-up words, and the `asks` of answer cases. A phrase is one or more
// words; a word written as a root ("terima") also matches its inflections ("menerima", "penerima",
// "diterima"), a word written inflected ("sebelumnya") only itself.

export type Stem = (word: string) => string;

interface Word { text: string; root: boolean }

/** What a clause offers to phrase matching: its words as written (after the register) and their stems. */
export interface Bag {
  words: ReadonlySet<string>;
  stems: ReadonlySet<string>;
  /** Labels found by a PhraseMatcher (aspects), for `@aspect` terms. */
  labels: ReadonlySet<string>;
}

export function bagOf(tokens: readonly string[], stem: Stem, labels: ReadonlySet<string> = new Set()): Bag {
  return { words: new Set(tokens), stems: new Set(tokens.map(stem)), labels };
}

function compileWord(w: string, stem: Stem): Word {
  return { text: w, root: stem(w) === w };
}

const wordMatches = (w: Word, token: string, tokenStem: string) => token === w.text || (w.root && tokenStem === w.text);

export class PhraseMatcher {
  /** First word of a phrase -> the phrases starting with it. */
  private byFirst = new Map<string, Array<{ label: string; words: Word[] }>>();
  private rootsFirst: Array<{ label: string; words: Word[] }> = [];

  constructor(lists: Readonly<Record<string, readonly string[]>>, private readonly stem: Stem, split: (phrase: string) => string[]) {
    for (const [label, phrases] of Object.entries(lists)) {
      for (const phrase of phrases) {
        const words = split(phrase).map((w) => compileWord(w, stem));
        const first = words[0];
        if (!first) continue;
        const entry = { label, words };
        const list = this.byFirst.get(first.text) ?? [];
        list.push(entry);
        this.byFirst.set(first.text, list);
        if (first.root) this.rootsFirst.push(entry);
      }
    }
  }

  /** Every label whose phrase occurs in the tokens, with the position where it starts. */
  find(tokens: readonly string[]): Array<{ label: string; at: number; length: number }> {
    const out: Array<{ label: string; at: number; length: number }> = [];
    this.each(tokens, (e, at) => out.push({ label: e.label, at, length: e.words.length }));
    return out;
  }

  /** The labels of the phrases found (what `find` finds, without the positions: it runs on every clause). */
  labels(tokens: readonly string[]): Set<string> {
    const out = new Set<string>();
    this.each(tokens, (e) => out.add(e.label));
    return out;
  }

  private each(tokens: readonly string[], found: (e: { label: string; words: Word[] }, at: number) => void): void {
    const stems = tokens.map(this.stem);
    const tryAt = (i: number, e: { label: string; words: Word[] }) => {
      if (e.words.every((w, k) => wordMatches(w, tokens[i + k] ?? '', stems[i + k] ?? ''))) found(e, i);
    };
    for (let i = 0; i < tokens.length; i++) {
      const t = tokens[i] ?? '';
      const s = stems[i] ?? '';
      // Phrases that start with the word itself, then those whose first word is a root the word's stem matches.
      for (const e of this.byFirst.get(t) ?? []) tryAt(i, e);
      if (s !== t) for (const e of this.byFirst.get(s) ?? []) if (e.words[0]?.root) tryAt(i, e);
    }
  }
}

/** A term of an `asks` alternative as an editor writes it: "aktif", "@when", "!bayi", "!@place". */
export interface WrittenTerm { text: string; aspect: boolean; not: boolean }

/** The terms of one `asks` alternative ("@when aktif !bayi"), in the order written. */
export function askTerms(alternative: string): WrittenTerm[] {
  return alternative.trim().split(/\s+/).filter(Boolean).map((raw) => {
    const not = raw.startsWith('!');
    const term = not ? raw.slice(1) : raw;
    return term.startsWith('@') ? { text: term.slice(1), aspect: true, not } : { text: term, aspect: false, not };
  });
}

/** One `asks` alternative: every term must be in the clause (a "!word" must not be). A term is a word or an @aspect. */
type Term = { aspect: string; not?: boolean } | { word: Word; not?: boolean };

export interface AskCase { intent: string; caseName: string; alternatives: Term[][] }
export interface AskMatch {
  intent: string;
  caseName: string;
  /** Terms matched by the best alternative. */
  score: number;
  /** Of those, words (not @aspects): "pandawa" says more about the topic than "@when". */
  words: number;
}

function has(bag: Bag, t: Term): boolean {
  return 'aspect' in t ? bag.labels.has(t.aspect) : bag.words.has(t.word.text) || (t.word.root && bag.stems.has(t.word.text));
}

/** The `asks` of every answer case: which cases a clause's words ask for, most specific first. */
export class AskIndex {
  private cases: AskCase[] = [];
  /**
   * Each alternative under one of its terms (a word if it has one, else an aspect), so a clause only checks
   * the alternatives one of its words or aspects can start: [case index, alternative index].
   */
  private byWord = new Map<string, Array<[number, number]>>();
  private byAspect = new Map<string, Array<[number, number]>>();

  constructor(private readonly stem: Stem, private readonly split: (phrase: string) => string[]) {}

  add(intent: string, caseName: string, asks: readonly string[]): void {
    const alternatives = asks.map((a) => askTerms(a).flatMap(({ text, aspect, not }): Term[] =>
      (aspect ? [{ aspect: text, not }] : this.split(text).map((w) => ({ word: compileWord(w, this.stem), not }))))).filter((a) => a.some((t) => !t.not));
    const ci = this.cases.push({ intent, caseName, alternatives }) - 1;
    alternatives.forEach((alt, ai) => {
      const key = alt.find((t): t is Extract<Term, { word: Word }> => !t.not && 'word' in t) ?? alt.find((t) => !t.not);
      if (!key) return;
      const [map, name] = 'word' in key ? [this.byWord, key.word.text] : [this.byAspect, key.aspect];
      map.set(name, [...(map.get(name) ?? []), [ci, ai]]);
    });
  }

  /** Cases asked for by the bag, best (most terms matched) first; `only` limits them to some intents. */
  match(bag: Bag, only?: (intent: string) => boolean): AskMatch[] {
    const candidates = new Set<number>();
    const collect = (list: Array<[number, number]> | undefined) => { for (const [c, a] of list ?? []) candidates.add(c * 1000 + a); };
    for (const w of bag.words) collect(this.byWord.get(w));
    for (const w of bag.stems) collect(this.byWord.get(w));
    for (const l of bag.labels) collect(this.byAspect.get(l));
    const best = new Map<number, { score: number; words: number }>();
    for (const key of candidates) {
      const ci = Math.floor(key / 1000);
      const c = this.cases[ci];
      const alt = c?.alternatives[key % 1000];
      if (!c || !alt || (only && !only(c.intent))) continue;
      if (!alt.every((t) => has(bag, t) !== !!t.not)) continue;
      let score = 0;
      let words = 0;
      for (const t of alt) if (!t.not) { score += 1; if ('word' in t) words += 1; }
      const b = best.get(ci);
      if (!b || score > b.score || (score === b.score && words > b.words)) best.set(ci, { score, words });
    }
    const out: AskMatch[] = [];
    for (const [ci, b] of [...best].sort((x, y) => x[0] - y[0])) {
      const c = this.cases[ci];
      if (c) out.push({ intent: c.intent, caseName: c.caseName, score: b.score, words: b.words });
    }
    return out.sort((a, b) => b.score - a.score);
  }
}
