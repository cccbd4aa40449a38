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
    const stems = tokens.map(this.stem);
    const out: Array<{ label: string; at: number; length: number }> = [];
    for (let i = 0; i < tokens.length; i++) {
      const t = tokens[i] ?? '';
      const s = stems[i] ?? '';
      const candidates = [...(this.byFirst.get(t) ?? []), ...(s !== t ? this.byFirst.get(s)?.filter((e) => e.words[0]?.root) ?? [] : [])];
      for (const e of candidates) {
        if (e.words.every((w, k) => wordMatches(w, tokens[i + k] ?? '', stems[i + k] ?? ''))) out.push({ label: e.label, at: i, length: e.words.length });
      }
    }
    return out;
  }

  labels(tokens: readonly string[]): Set<string> {
    return new Set(this.find(tokens).map((f) => f.label));
  }
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

  constructor(private readonly stem: Stem, private readonly split: (phrase: string) => string[]) {}

  add(intent: string, caseName: string, asks: readonly string[]): void {
    const alternatives = asks.map((a) => a.trim().split(/\s+/).flatMap((raw): Term[] => {
      const not = raw.startsWith('!');
      const term = not ? raw.slice(1) : raw;
      return term.startsWith('@') ? [{ aspect: term.slice(1), not }] : this.split(term).map((w) => ({ word: compileWord(w, this.stem), not }));
    }));
    this.cases.push({ intent, caseName, alternatives: alternatives.filter((a) => a.length > 0) });
  }

  get size(): number {
    return this.cases.length;
  }

  /** Cases asked for by the bag, best (most terms matched) first; `only` limits them to some intents. */
  match(bag: Bag, only?: (intent: string) => boolean): AskMatch[] {
    const out: AskMatch[] = [];
    for (const c of this.cases) {
      if (only && !only(c.intent)) continue;
      let best = 0;
      let words = 0;
      for (const alt of c.alternatives) {
        const terms = alt.filter((t) => !t.not);
        const w = terms.filter((t) => 'word' in t).length;
        if ((terms.length > best || (terms.length === best && w > words)) && alt.every((t) => has(bag, t) !== !!t.not)) { best = terms.length; words = w; }
      }
      if (best > 0) out.push({ intent: c.intent, caseName: c.caseName, score: best, words });
    }
    return out.sort((a, b) => b.score - a.score);
  }
}
