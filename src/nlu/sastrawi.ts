// Indonesian stemming: Sastrawi (Nazief-Adriani confix stripping with the CS/ECS refinements), ported from
// natural 8.1.1 (lib/natural/stemmers/indonesian: stemmer_id.js, suffix_rules.js, prefix_rules.js) and kept
// output-identical to `stemmerId.stem(word)` for every string, quirks included: the same steps in the same
// order, the same 42 prefix rules tried in the same order, the same dictionary checks (except repeats of a
// check whose answer cannot have changed).
//
// Why not natural itself: per rule tried it builds a fresh array of closures and runs up to four regular
// expressions, walks its arrays with for...in, and checks the dictionary after every rule, applied or not:
// about 110 µs per word it has not seen. Here each rule is a few character tests and a slice, and only the
// rules for the word's first letter are tried: about 3 µs per word (`npm run bench:stemmer` times both and
// counts differing stems over a million distinct words; tests/unit/sastrawi.test.ts compares them).
//
// Quirks of natural kept on purpose (changing any of them changes some stem):
// - the list of removals is module state shared by the two halves of a plural ("buku-buku") and by the
//   retry with "me" in front, `removals.reverse()` reverses it in place, and a failed prefix-first attempt
//   replaces it with an empty one;
// - a disambiguation rule with several variants returns its last variant when none is a dictionary word,
//   even when the last one does not apply ("pengaxx": rule 30 removes nothing);
// - rules 3 and 5 are not anchored at the start of the word ("xberkaeroo" -> "kaeroo" is tried);
// - `.` in natural's patterns stops at line breaks: rules 2, 3 and 32 cut the word at the first one, the
//   others and the plural split do not apply to a word containing one;
// - rule 16's class is [g|h|q|k], so "meng|" is a prefix.
import { createRequire } from 'node:module';

// natural's root-word dictionary, loaded the way it loads it (without the empty entry).
const dictionary: ReadonlySet<string> = new Set(
  (createRequire(import.meta.url)('natural/lib/natural/stemmers/indonesian/data/kata-dasar.json') as string[]).filter(Boolean),
);

/** True for a root word of the dictionary (about 30,000 words). */
export function isRootWord(word: string): boolean {
  return dictionary.has(word);
}

let lastLookup = '';
let lastFound = false;
/** Whether `word` is a root word. natural often asks again about the word it just asked about: remembered. */
function find(word: string): boolean {
  if (word !== lastLookup) {
    lastLookup = word;
    lastFound = dictionary.has(word);
  }
  return lastFound;
}

/** One affix taken off: the word before, the word after, and (for suffixes) what was removed. */
interface Removal {
  readonly word: string;
  readonly result: string;
  /** The suffix removed; prefix removals ('DP') keep '' (natural's value for them is never read). */
  readonly removed: string;
  readonly type: 'P' | 'PP' | 'DS' | 'DP';
}

// natural's module-level state, reset the way it resets it.
let removals: Removal[] = [];
let original = '';
let current = '';
/** The lowercased input has no line break, so every `(.*)$` of natural's patterns matches. */
let oneLineInput = true;

/** The root natural's Sastrawi stemmer gives for `word` (lowercased; the word itself when none is found). */
export function stemIndonesian(word: string): string {
  const token = word.toLowerCase();
  oneLineInput = !hasLineBreak(token, 0);
  removals = [];
  return isPlural(token) ? stemPlural(token) : stemSingular(token);
}

/** Whether `word` has a character `.` does not match (\n, \r, U+2028, U+2029) at or after `from`. */
function hasLineBreak(word: string, from: number): boolean {
  for (let i = from; i < word.length; i++) {
    const c = word.charCodeAt(i);
    if (c === 10 || c === 13 || c === 0x2028 || c === 0x2029) return true;
  }
  return false;
}

/** Whether `.*$` matches `word` from `from` on. */
const oneLine = (word: string, from = 0): boolean => oneLineInput || !hasLineBreak(word, from);

/** Where `.*` starting at `from` stops: the first line break, or the end. */
function lineEnd(word: string, from: number): number {
  if (oneLineInput) return word.length;
  for (let i = from; i < word.length; i++) {
    const c = word.charCodeAt(i);
    if (c === 10 || c === 13 || c === 0x2028 || c === 0x2029) return i;
  }
  return word.length;
}

const SUFFIX_WORDS: ReadonlySet<string> = new Set(['ku', 'mu', 'nya', 'lah', 'kah', 'tah', 'pun']);

/** natural's isPlural: a dash, not counting one before a trailing particle or pronoun ("buku-nya"). */
function isPlural(token: string): boolean {
  const dash = token.lastIndexOf('-');
  if (dash === -1) return false;
  if (oneLineInput && SUFFIX_WORDS.has(token.slice(dash + 1))) return dash > 0 && token.lastIndexOf('-', dash - 1) !== -1;
  return true;
}

/** Both halves of "buku-buku" must stem alike ("berbalas-balasan" -> "balas", "meniru-nirukan" -> "tiru"). */
function stemPlural(plural: string): string {
  if (!oneLineInput) return plural;
  const dash = plural.lastIndexOf('-');
  let first = plural.slice(0, dash);
  let second = plural.slice(dash + 1);
  // malaikat-malaikat-nya -> malaikat, malaikat-nya
  const inner = first.lastIndexOf('-');
  if (inner !== -1 && SUFFIX_WORDS.has(second)) {
    second = `${first.slice(inner + 1)}-${second}`;
    first = first.slice(0, inner);
  }
  const root1 = stemSingular(first);
  let root2 = stemSingular(second);
  if (!find(second) && root2 === second) root2 = stemSingular(`me${second}`);
  return root1 === root2 ? root1 : plural;
}

function stemSingular(word: string): string {
  original = word;
  current = word;
  if (word.length > 3) stemmingProcess();
  return find(current) ? current : original;
}

/** Steps 2-5 of the algorithm, and the ECS loop that puts prefixes back. */
function stemmingProcess(): void {
  if (find(current)) return;
  if (prefixFirst(original)) {
    removePrefixes();
    if (find(current)) return;
    removeSuffixes();
    if (find(current)) return;
    current = original;
    removals = [];
  }
  removeSuffixes();
  if (find(current)) return;
  removePrefixes();
  if (find(current)) return;
  loopRestorePrefixes();
}

/** be...lah, be...an, me...i, di...i, pe...i, ter...i: take prefixes off before suffixes. */
function prefixFirst(w: string): boolean {
  if (!oneLine(w)) return false;
  if (w.startsWith('be')) return (w.length >= 5 && w.endsWith('lah')) || w.endsWith('an');
  if (!w.endsWith('i')) return false;
  return w.startsWith('me') || w.startsWith('di') || w.startsWith('pe') || (w.length >= 4 && w.startsWith('ter'));
}

// ---- Suffixes ----------------------------------------------------------------------------------------------

/** Where `word` would end without its trailing `-*(lah|kah|tah|pun)` (P) or `-*(ku|mu|nya)` (PP), or -1. */
function withoutClitic(word: string, possessive: boolean): number {
  const n = word.length;
  let j = -1;
  if (possessive) {
    if (word.endsWith('nya')) j = n - 3;
    else if (word.endsWith('ku') || word.endsWith('mu')) j = n - 2;
  } else if (word.endsWith('lah') || word.endsWith('kah') || word.endsWith('tah') || word.endsWith('pun')) j = n - 3;
  if (j === -1) return -1;
  while (j > 0 && word.charCodeAt(j - 1) === 45) j--;
  return j;
}

/** Where `word` would end without its derivational suffix (the longest of isasi, isme, kan, is, an, i), or -1. */
function withoutDerivational(word: string): number {
  const n = word.length;
  if (word.endsWith('isasi')) return n - 5;
  if (word.endsWith('isme')) return n - 4;
  if (word.endsWith('kan')) return n - 3;
  if (word.endsWith('is') || word.endsWith('an')) return n - 2;
  if (word.endsWith('i')) return n - 1;
  return -1;
}

/** natural's removeSuffixes: particle, then possessive pronoun, then derivational suffix. */
function removeSuffixes(): void {
  for (let step = 0; step < 3; step++) {
    const end = step === 2 ? withoutDerivational(current) : withoutClitic(current, step === 1);
    if (end !== -1) {
      const result = current.slice(0, end);
      removals.push({ word: current, result, removed: current.slice(end), type: step === 0 ? 'P' : step === 1 ? 'PP' : 'DS' });
      current = result;
    }
    if (find(current)) return;
  }
}

// ---- Prefixes ----------------------------------------------------------------------------------------------

/** Up to three prefixes, one rule at a time. */
function removePrefixes(): void {
  for (let i = 0; i < 3; i++) {
    // natural tries again after a pass that removed nothing; that pass would find nothing either.
    if (!checkPrefixRules()) return;
    if (find(current)) return;
  }
}

/**
 * natural's checkPrefixRules: the first rule that applies removes one prefix (true when one did). A rule that
 * does not apply leaves the word as it is, so natural's dictionary check after each rule is the same check
 * every time: done once, after the plain prefixes as natural first does it. Only the rules that can apply to
 * a word with the word's first letter are tried.
 */
function checkPrefixRules(): boolean {
  const word = current;
  let result = plainPrefix(word);
  if (result === undefined) {
    if (find(word)) return false;
    const rules = RULES_BY_FIRST[Math.min(word.charCodeAt(0), 128)] ?? (RULES_BY_FIRST[128] as readonly Rule[]);
    for (let j = 0; j < rules.length && result === undefined; j++) result = (rules[j] as Rule)(word);
    if (result === undefined) return false;
  }
  removals.push({ word, result, removed: '', type: 'DP' });
  current = result;
  return true;
}

/** Rule 0: di-, ke-, se-. */
const plainPrefix = (w: string): string | undefined =>
  w.startsWith('di') || w.startsWith('ke') || w.startsWith('se') ? w.slice(2) : undefined;

const A = 97, E = 101, I = 105, O = 111, U = 117, R = 114;
const isVowel = (c: number): boolean => c === A || c === I || c === U || c === E || c === O;
/** [bcdfghjklmnpqrstvwxyz] */
const isConsonant = (c: number): boolean => c > A && c <= 122 && c !== E && c !== I && c !== O && c !== U;
/** [a-z] */
const isLetter = (c: number): boolean => c >= A && c <= 122;
/** [bcdfghjkpqstvxz]: a consonant other than l, m, n, r, w, y (rules 35 and 36). */
const isHardConsonant = (c: number): boolean => isConsonant(c) && !isIn('lmnrwy', c);
/** Whether character code `c` is one of the letters of `set` (a-z and '|'). */
const isIn = (set: string, c: number): boolean => set.indexOf(String.fromCharCode(c)) !== -1;

/** A disambiguation rule: the word without its prefix, or undefined when the rule removes nothing. */
type Rule = (w: string) => string | undefined;

/** natural's two-variant rules: the first variant if it is a root word, else the second. */
const either = (a: string, b: string): string => (find(a) ? a : b);

/** Rules 37-40: C + "er"/"el"/"em"/"in" + V: the word itself if it is a root, else without the infix. */
const infixRule = (infix: string): Rule => (w) =>
  isConsonant(w.charCodeAt(0)) && w.startsWith(infix, 1) && isVowel(w.charCodeAt(3)) && oneLine(w)
    ? either(w, w.charAt(0) + w.slice(3))
    : undefined;

/** A rule that can apply whatever the word starts with (rules 3 and 5 look anywhere in the word). */
const ANY = null;
const CONSONANTS = 'bcdfghjklmnpqrstvwxyz';

/**
 * The disambiguation rules 1-42 of prefix_rules.js, in natural's order (there are no rules 22 and 33), each
 * with the letters a word it applies to can start with.
 */
const RULES: ReadonlyArray<readonly [first: string | null, rule: Rule]> = [
  // 1: berV -> ber-V | be-rV
  ['b', (w) => (w.startsWith('ber') && isVowel(w.charCodeAt(3)) && oneLine(w) ? either(w.slice(3), `r${w.slice(3)}`) : undefined)],
  // 2: berCAP -> ber-CAP where P != 'er' (natural's pattern has no $: the word stops at a line break)
  ['b', (w) => {
    if (!(w.startsWith('ber') && isConsonant(w.charCodeAt(3)) && isLetter(w.charCodeAt(4)))) return undefined;
    return w.startsWith('er', 5) ? undefined : w.slice(3, lineEnd(w, 5));
  }],
  // 3: berCAerV -> ber-CAerV where C != 'r', anywhere in the word (natural's pattern has neither ^ nor $)
  [ANY, (w) => {
    for (let i = w.indexOf('ber'); i !== -1; i = w.indexOf('ber', i + 1)) {
      const c = w.charCodeAt(i + 3);
      if (isConsonant(c) && isLetter(w.charCodeAt(i + 4)) && w.startsWith('er', i + 5) && isVowel(w.charCodeAt(i + 7))) {
        return c === R ? undefined : w.slice(i + 3, lineEnd(w, i + 8));
      }
    }
    return undefined;
  }],
  // 4: belajar -> ajar
  ['b', (w) => (w === 'belajar' ? 'ajar' : undefined)],
  // 5: beC1erC2 -> be-C1erC2 where C1 != 'r', anywhere in the word (no ^)
  [ANY, (w) => {
    for (let i = w.indexOf('be'); i !== -1; i = w.indexOf('be', i + 1)) {
      const c = w.charCodeAt(i + 2);
      if (isConsonant(c) && c !== R && w.startsWith('er', i + 3) && isConsonant(w.charCodeAt(i + 5)) && oneLine(w, i + 6)) return w.slice(i + 2);
    }
    return undefined;
  }],
  // 6: terV -> ter-V | te-rV
  ['t', (w) => (w.startsWith('ter') && isVowel(w.charCodeAt(3)) && oneLine(w) ? either(w.slice(3), `r${w.slice(3)}`) : undefined)],
  // 7: terCerV -> ter-CerV where C != 'r'
  ['t', (w) => {
    const c = w.charCodeAt(3);
    if (!(w.startsWith('ter') && isConsonant(c) && w.startsWith('er', 4) && isVowel(w.charCodeAt(6)) && oneLine(w))) return undefined;
    return c === R ? undefined : w.slice(3);
  }],
  // 8: terCP -> ter-CP where C != 'r' and P != 'er'
  ['t', (w) => {
    const c = w.charCodeAt(3);
    if (!(w.startsWith('ter') && isConsonant(c) && oneLine(w))) return undefined;
    return c === R || w.startsWith('er', 4) ? undefined : w.slice(3);
  }],
  // 9: teC1erC2 -> te-C1erC2 where C1 != 'r'
  ['t', (w) => {
    const c = w.charCodeAt(2);
    if (!(w.startsWith('te') && isConsonant(c) && w.startsWith('er', 3) && isConsonant(w.charCodeAt(5)) && oneLine(w))) return undefined;
    return c === R ? undefined : w.slice(2);
  }],
  // 10: me{l|r|w|y}V -> me-{l|r|w|y}V
  ['m', (w) => (w.startsWith('me') && isIn('lrwy', w.charCodeAt(2)) && isVowel(w.charCodeAt(3)) && oneLine(w) ? w.slice(2) : undefined)],
  // 11: mem{b|f|v} -> mem-{b|f|v}
  ['m', (w) => (w.startsWith('mem') && isIn('bfv', w.charCodeAt(3)) && oneLine(w) ? w.slice(3) : undefined)],
  // 12: mempe -> mem-pe
  ['m', (w) => (w.startsWith('mempe') && oneLine(w) ? w.slice(3) : undefined)],
  // 13: memV -> me-mV | me-pV
  ['m', (w) => (w.startsWith('mem') && isVowel(w.charCodeAt(3)) && oneLine(w) ? either(`m${w.slice(3)}`, `p${w.slice(3)}`) : undefined)],
  // 14: men{c|d|j|s|t|z} -> men-{c|d|j|s|t|z}
  ['m', (w) => (w.startsWith('men') && isIn('cdjstz', w.charCodeAt(3)) && oneLine(w) ? w.slice(3) : undefined)],
  // 15: menV -> me-nV | me-tV
  ['m', (w) => (w.startsWith('men') && isVowel(w.charCodeAt(3)) && oneLine(w) ? either(`n${w.slice(3)}`, `t${w.slice(3)}`) : undefined)],
  // 16: meng{g|h|q|k} -> meng-{g|h|q|k} (natural's class [g|h|q|k] also takes '|')
  ['m', (w) => (w.startsWith('meng') && isIn('g|hqk', w.charCodeAt(4)) && oneLine(w) ? w.slice(4) : undefined)],
  // 17: mengV -> meng-V | meng-kV | (mengeV) menge-V | me-ngV
  ['m', (w) => {
    if (!(w.startsWith('meng') && isVowel(w.charCodeAt(4)) && oneLine(w))) return undefined;
    const rest = w.slice(4);
    if (find(rest)) return rest;
    if (find(`k${rest}`)) return `k${rest}`;
    if (w.charCodeAt(4) === E && find(w.slice(5))) return w.slice(5);
    return `ng${rest}`;
  }],
  // 18: menyV -> me-nyV | meny-sV
  ['m', (w) => (w.startsWith('meny') && isVowel(w.charCodeAt(4)) && oneLine(w) ? either(`ny${w.slice(4)}`, `s${w.slice(4)}`) : undefined)],
  // 19: mempA -> mem-pA where A is neither 'e' nor 'n'
  ['m', (w) => (w.startsWith('memp') && isLetter(w.charCodeAt(4)) && !isIn('en', w.charCodeAt(4)) && oneLine(w) ? w.slice(3) : undefined)],
  // 20: pe{w|y}V -> pe-{w|y}V
  ['p', (w) => (w.startsWith('pe') && isIn('wy', w.charCodeAt(2)) && isVowel(w.charCodeAt(3)) && oneLine(w) ? w.slice(2) : undefined)],
  // 21: perV -> per-V | pe-rV
  ['p', (w) => (w.startsWith('per') && isVowel(w.charCodeAt(3)) && oneLine(w) ? either(w.slice(3), w.slice(2)) : undefined)],
  // 23: perCAP -> per-CAP where P != 'er'
  ['p', (w) => {
    if (!(w.startsWith('per') && isConsonant(w.charCodeAt(3)) && isLetter(w.charCodeAt(4)) && oneLine(w))) return undefined;
    return w.startsWith('er', 5) ? undefined : w.slice(3);
  }],
  // 24: perCAerV -> per-CAerV where C != 'r'
  ['p', (w) => {
    const c = w.charCodeAt(3);
    if (!(w.startsWith('per') && isConsonant(c) && isLetter(w.charCodeAt(4)) && w.startsWith('er', 5) && isVowel(w.charCodeAt(7)) && oneLine(w))) {
      return undefined;
    }
    return c === R ? undefined : w.slice(3);
  }],
  // 25: pem{b|f|v} -> pem-{b|f|v}
  ['p', (w) => (w.startsWith('pem') && isIn('bfv', w.charCodeAt(3)) && oneLine(w) ? w.slice(3) : undefined)],
  // 26: pemV -> pe-mV | pe-pV
  ['p', (w) => (w.startsWith('pem') && isVowel(w.charCodeAt(3)) && oneLine(w) ? either(`m${w.slice(3)}`, `p${w.slice(3)}`) : undefined)],
  // 27: pen{c|d|j|s|t|z} -> pen-{c|d|j|s|t|z}
  ['p', (w) => (w.startsWith('pen') && isIn('cdjstz', w.charCodeAt(3)) && oneLine(w) ? w.slice(3) : undefined)],
  // 28: penV -> pe-nV | pe-tV
  ['p', (w) => (w.startsWith('pen') && isVowel(w.charCodeAt(3)) && oneLine(w) ? either(`n${w.slice(3)}`, `t${w.slice(3)}`) : undefined)],
  // 29: pengC -> peng-C
  ['p', (w) => (w.startsWith('peng') && isConsonant(w.charCodeAt(4)) && oneLine(w) ? w.slice(4) : undefined)],
  // 30: pengV -> peng-V | peng-kV | (pengeV) penge-V; without "penge" the last variant fails: nothing removed
  ['p', (w) => {
    if (!(w.startsWith('peng') && isVowel(w.charCodeAt(4)) && oneLine(w))) return undefined;
    const rest = w.slice(4);
    if (find(rest)) return rest;
    if (find(`k${rest}`)) return `k${rest}`;
    return w.charCodeAt(4) === E ? w.slice(5) : undefined;
  }],
  // 31: penyV -> pe-nyV | peny-sV
  ['p', (w) => (w.startsWith('peny') && isVowel(w.charCodeAt(4)) && oneLine(w) ? either(`ny${w.slice(4)}`, `s${w.slice(4)}`) : undefined)],
  // 32: pelajar -> ajar; pelV -> pe-lV (no $: the word stops at a line break)
  ['p', (w) => {
    if (w === 'pelajar') return 'ajar';
    return w.startsWith('pel') && isVowel(w.charCodeAt(3)) ? w.slice(2, lineEnd(w, 4)) : undefined;
  }],
  // 34: peCP -> pe-CP where P != 'er'
  ['p', (w) => {
    if (!(w.startsWith('pe') && isConsonant(w.charCodeAt(2)) && oneLine(w))) return undefined;
    return w.startsWith('er', 3) ? undefined : w.slice(2);
  }],
  // 35: terC1erC2 -> ter-C1erC2 where C1 is not r, w, y, l, m, n
  ['t', (w) => (w.startsWith('ter') && isHardConsonant(w.charCodeAt(3)) && w.startsWith('er', 4) && isConsonant(w.charCodeAt(6)) && oneLine(w) ? w.slice(3) : undefined)],
  // 36: peC1erC2 -> pe-C1erC2 where C1 is not r, w, y, l, m, n
  ['p', (w) => (w.startsWith('pe') && isHardConsonant(w.charCodeAt(2)) && w.startsWith('er', 3) && isConsonant(w.charCodeAt(5)) && oneLine(w) ? w.slice(2) : undefined)],
  // 37-40: CerV, CelV, CemV, CinV -> the word | CV
  [CONSONANTS, infixRule('er')],
  [CONSONANTS, infixRule('el')],
  [CONSONANTS, infixRule('em')],
  [CONSONANTS, infixRule('in')],
  // 41: kuA -> ku-A
  ['k', (w) => (w.startsWith('ku') && oneLine(w) ? w.slice(2) : undefined)],
  // 42: kauA -> kau-A
  ['k', (w) => (w.startsWith('kau') && oneLine(w) ? w.slice(3) : undefined)],
];

/**
 * The rules that can apply to a word, by its first character code (0-127; the last list for any other):
 * in natural's order, so the first that applies is the one natural would apply.
 */
const RULES_BY_FIRST: ReadonlyArray<readonly Rule[]> = Array.from({ length: 129 }, (_, c) =>
  RULES.filter(([first]) => first === ANY || (c < 128 && first.includes(String.fromCharCode(c)))).map(([, rule]) => rule));

// ---- Putting prefixes back (ECS) ----------------------------------------------------------------------------

/** natural's loopRestorePrefixes: with the prefixes back on, undo one suffix at a time and strip prefixes again. */
function loopRestorePrefixes(): void {
  restorePrefix();
  const reversed = removals.reverse();
  const before = current;
  // natural walks it with for...in, which does not visit the removals the prefix stripping below appends
  const n = reversed.length;
  for (let i = 0; i < n; i++) {
    const removal = reversed[i] as Removal;
    if (removal.type === 'DP') continue;
    if (removal.removed === 'kan') {
      current = `${removal.result}k`;
      removePrefixes();
      if (find(current)) return;
      current = `${removal.result}kan`;
    } else {
      current = removal.word;
    }
    removePrefixes();
    if (find(current)) return;
    current = before;
  }
}

/** The word before the last removal (of this word or, in a plural, of an earlier half); prefix removals dropped. */
function restorePrefix(): void {
  const last = removals[removals.length - 1];
  if (last !== undefined) current = last.word;
  let kept = 0;
  for (const removal of removals) if (removal.type !== 'DP') removals[kept++] = removal;
  removals.length = kept;
}
