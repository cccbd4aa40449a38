// The understanding pipeline, built once per content snapshot: sanitise -> personal data -> normalise ->
// clauses -> tokens -> register (slang, regional words, affixes) -> regions -> typo correction -> features
// and cue labels -> intent ranking. It reads; deciding what the message asks is core/frame.ts's job.
import { sanitize, normalise, tokenize, hasWords, MAX_NLU_CHARS } from './text.js';
import { findPii, foldForPii, type PiiMatch } from './pii.js';
import { toFeatures, TypoCorrector, isDictionaryWord, stem } from './features.js';
import { IntentClassifier, type Classification, type Scored } from './classifier.js';
import { detectLanguage, type Lang } from './language.js';
import { REGION_TOKEN, NATIONAL_TOKEN, PLACE_TOKEN, KIND_WORDS, isMarker, type RegionIndex, type RegionKind, type RegionMention } from './regions.js';
import { STOPWORDS, ENGLISH_WORDS, INDONESIAN_WORDS } from './words.js';
import { Register, type AffixRule } from './register.js';
import { PhraseMatcher, AskIndex, askTerms, bagOf, type Bag } from './phrases.js';
import { segments, splitAtJoins } from './clauses.js';
import { LABEL } from './labels.js';
import { BoundedCache } from '../util/bounded-cache.js';
import { wordTable } from '../util/objects.js';

/** One question of a message (or the whole message): what it says, ready for framing. */
export interface Reading {
  /** Tokens after the register and typo correction; regions replaced by a marker. */
  tokens: string[];
  features: string[];
  regions: RegionMention[];
  national: boolean;
  /** A kind word with no name after it: "yang kabupaten?", "kalau kotanya?". */
  kinds: RegionKind[];
  /** A place named that is not an Indonesian region ("di Kuala Lumpur", "London"). */
  unknownPlace?: string;
  years: number[];
  /** Months named (1-12), for figures of a given date ("per 30 september 2024"). */
  months: number[];
  /** Cue labels found (aspects such as "when", scope words such as "jkn"). */
  labels: Set<string>;
  /** Words, stems and labels, for matching the `asks` of answer cases. */
  bag: Bag;
  /** It asks something (a question word, a question mark, an aspect); else it is a statement. */
  isQuestion: boolean;
  /** Share of the content words the bot knows from its examples (0..1). */
  knownShare: number;
}

export interface Understanding extends Reading, Classification {
  /** The sanitised message (personal data still in it: never log this). */
  text: string;
  lang: Lang;
  hasWords: boolean;
  pii: PiiMatch[];
  /** A bare menu number ("2", "no 2", "pilih 2"), if the message is one. */
  menuChoice?: number;
  /** The questions (and statements) of the message, in order; one for a simple message. */
  clauses: Reading[];
}

export interface LexiconOptions {
  /** Slang, regional words and English->Indonesian translations: one word -> standard word(s). */
  words: ReadonlyMap<string, string>;
  /** Words that count as (colloquial or regional) Indonesian for telling the language. */
  indonesianWords: ReadonlySet<string>;
  prefixes: readonly AffixRule[];
  suffixes: readonly string[];
  /** Word pairs read as one word ("terima kasih"). */
  compounds?: readonly string[];
}

export interface CueOptions {
  /** label -> phrases: aspects, scope words, follow-up words ... (data/understanding.yaml, data/scope.yaml). */
  phrases: Readonly<Record<string, readonly string[]>>;
  /** Words that join two questions ("dan", "terus", "and"). */
  joins: readonly string[];
  /** Words that make a clause a question ("apa", "berapa", "how"). */
  questionWords: readonly string[];
  /** Words after which an unknown word is read as a place name ("di", "untuk", "in"). */
  placeCues: readonly string[];
  /** Words that are never a place ("sana", "rumah") and names that are people, not places. */
  notPlaces: readonly string[];
}

export interface NluOptions {
  intents: Array<{ name: string; examples: string[] }>;
  lexicon: LexiconOptions;
  cues: CueOptions;
  regions: RegionIndex;
  /** The `asks` of answer cases (responses/), matched against each question. */
  asks?: Array<{ intent: string; caseName: string; asks: readonly string[] }>;
  /** How many recent understandings to keep for identical messages ("halo", "1", "cek status bpjs"); 0 = none. */
  cacheSize?: number;
}

const YEAR = /^(19|20)\d{2}$/;
/** Messages up to this length are kept for reuse by `understand`. */
const MAX_CACHED_CHARS = 300;
const MONTHS: Readonly<Record<string, number>> = wordTable(Object.fromEntries([
  ['januari', 'january', 'jan'], ['februari', 'february', 'feb', 'pebruari'], ['maret', 'march', 'mar'], ['april', 'apr'], ['mei'],
  ['juni', 'june', 'jun'], ['juli', 'july', 'jul'], ['agustus', 'august', 'agu', 'aug', 'agt'], ['september', 'sep', 'sept'],
  ['oktober', 'october', 'okt', 'oct'], ['november', 'nov', 'nopember'], ['desember', 'december', 'des', 'dec'],
].flatMap((names, i) => names.map((n) => [n, i + 1]))));

export class Nlu {
  readonly classifier: IntentClassifier;
  readonly register: Register;
  readonly cues: PhraseMatcher;
  readonly asks: AskIndex;
  private corrector: TypoCorrector;
  private readonly cache: BoundedCache<string, Understanding>;
  /** Texts seen once lately: the second time, their understanding is kept. */
  private readonly seenOnce: BoundedCache<string, true>;
  private readonly joins: ReadonlySet<string>;
  private readonly questionWords: ReadonlySet<string>;
  private readonly placeCues: ReadonlySet<string>;
  private readonly notPlaces: ReadonlySet<string>;

  constructor(readonly opts: NluOptions) {
    const lx = opts.lexicon;
    this.cache = new BoundedCache(opts.cacheSize ?? 500, true);
    this.seenOnce = new BoundedCache(this.cache.max * 4);
    const vocabulary = new Set<string>([...lx.words.keys(), ...STOPWORDS]);
    for (const v of lx.words.values()) for (const w of v.split(' ')) vocabulary.add(w);
    const plain = new Register({ words: lx.words, prefixes: [], suffixes: [], compounds: lx.compounds, isKnown: () => true });
    for (const intent of opts.intents) for (const ex of intent.examples) for (const t of plain.normalise(tokenize(normalise(ex)))) vocabulary.add(t);
    this.corrector = new TypoCorrector(vocabulary);
    this.register = new Register({ words: lx.words, prefixes: lx.prefixes, suffixes: lx.suffixes, compounds: lx.compounds,
      isKnown: (w) => this.corrector.has(w) || isDictionaryWord(w) });
    // Cue words as a message would give them; a root an editor wrote stays a root ("tunggak", which the
    // lexicon turns into "menunggak"), so it still matches all its forms ("tunggakan", "menunggak").
    const split = (phrase: string) => tokenize(normalise(phrase)).flatMap((w) => {
      const n = this.register.normalise([w]);
      return n.length === 1 && n[0] !== w && stem(n[0] ?? '') === w ? [w] : n;
    });
    // The words of the cue lists and of the answers' `asks` are the bot's vocabulary too: never a typo, never a place.
    for (const list of Object.values(opts.cues.phrases)) for (const p of list) for (const w of split(p)) this.corrector.add(w);
    for (const a of opts.asks ?? []) for (const alt of a.asks) for (const t of askTerms(alt)) if (!t.aspect) for (const w of split(t.text)) this.corrector.add(w);
    this.cues = new PhraseMatcher(opts.cues.phrases, stem, split);
    const words = (list: readonly string[]) => new Set(list.flatMap(split));
    this.joins = words(opts.cues.joins);
    this.questionWords = words(opts.cues.questionWords);
    this.placeCues = words(opts.cues.placeCues);
    this.notPlaces = new Set(opts.cues.notPlaces.flatMap((p) => tokenize(normalise(p))));
    this.asks = new AskIndex(stem, split);
    for (const a of opts.asks ?? []) this.asks.add(a.intent, a.caseName, a.asks);
    const prepared = opts.intents.flatMap((intent) => intent.examples.map((ex) => ({ intent: intent.name, features: this.readClause(normalise(ex), new Set()).features })));
    this.classifier = new IntentClassifier(prepared);
  }

  /** True when the word occurs in the bot's vocabulary (examples, lexicon). */
  knows(word: string): boolean {
    return this.corrector.has(word);
  }

  /**
   * Understanding depends only on the text and the conversation's language, so a message that comes again
   * in the same words ("halo", "1", "makasih kak", a copied question) reuses it: bounded, least recently used
   * first out, never for messages with personal data in them. A text is kept only from its second time:
   * most messages never come again, and keeping each one would only fill the heap with understandings
   * nobody asks for (on distinct messages that churn was most of the garbage collector's work).
   * The result is shared: treat it as read-only.
   */
  understand(raw: unknown, previousLang: Lang = 'id'): Understanding {
    if (!this.cache.max || typeof raw !== 'string' || raw.length > MAX_CACHED_CHARS) return this.compute(raw, previousLang);
    const key = `${previousLang}\u0000${raw}`;
    const hit = this.cache.get(key);
    if (hit) return hit;
    const u = this.compute(raw, previousLang);
    if (u.pii.length) return u;
    if (this.seenOnce.get(key)) return this.cache.set(key, u);
    this.seenOnce.set(key, true);
    return u;
  }

  /** The classifier features of a word or phrase, as a message would give them. */
  featuresOf(text: string): string[] {
    return toFeatures(this.register.normalise(tokenize(normalise(text))));
  }

  /** Several readings (clauses) as one: a question together with the statements around it. */
  merge(readings: Reading[]): Reading {
    return merge(readings, stem);
  }

  /** The classifier's view of one reading (a clause, or a clause with its statements). */
  classify(r: Pick<Reading, 'features' | 'knownShare'>): Classification {
    const c = this.classifier.classify(r.features);
    return { ...c, confidence: c.confidence * this.knownFactor(r) };
  }

  /** The confidence of one intent's score for a reading, as `classify` gives it for the top one. */
  confidenceOf(r: Pick<Reading, 'features' | 'knownShare'>, scored: Scored): number {
    return this.classifier.confidenceOf(r.features, scored) * this.knownFactor(r);
  }

  /** Words the bot has never seen lower the confidence. */
  private knownFactor(r: Pick<Reading, 'features' | 'knownShare'>): number {
    return r.features.length ? r.knownShare : 1;
  }

  private compute(raw: unknown, previousLang: Lang): Understanding {
    // Folded first (fullwidth digits, zero-width characters, odd spaces), so personal data cannot hide from findPii.
    const text = foldForPii(sanitize(raw));
    const pii = findPii(text);
    let scrubbed = text;
    for (const m of [...pii].reverse()) scrubbed = scrubbed.slice(0, m.start) + ' ' + scrubbed.slice(m.end);
    const clipped = scrubbed.slice(0, MAX_NLU_CHARS);
    const norm = normalise(clipped);
    const capitalised = capitalisedWords(clipped);
    const clauses: Reading[] = [];
    for (const seg of segments(norm)) {
      const reading = this.readClause(seg.text, capitalised, seg.asked);
      const ranges = splitAtJoins(reading.tokens, this.joinAt(reading.tokens), (t) => this.questionWords.has(t));
      if (ranges.length === 1) clauses.push(reading);
      else for (const [s, e] of ranges) clauses.push(this.subReading(reading, s, e, seg.asked && e === reading.tokens.length));
    }
    const whole = clauses.length === 1 && clauses[0] ? clauses[0] : merge(clauses, stem);
    const c = this.classify(whole);
    const lang = detectLanguage(tokenize(norm), this.opts.lexicon.indonesianWords, previousLang);
    const menu = /^(?:(?:no|nomor|nomer|pilih|pilihan|menu|option|number)\s*)?([1-9])\s*[.)]?$/.exec(norm);
    // Field by field (a copy of this many fields costs 1.7 µs through Object.assign, a literal a tenth of that).
    return {
      tokens: whole.tokens, features: whole.features, regions: whole.regions, national: whole.national, kinds: whole.kinds,
      unknownPlace: whole.unknownPlace, years: whole.years, months: whole.months, labels: whole.labels, bag: whole.bag,
      isQuestion: whole.isQuestion, knownShare: whole.knownShare, ranking: c.ranking, confidence: c.confidence,
      text, lang, hasWords: hasWords(norm), pii, menuChoice: menu?.[1] ? Number(menu[1]) : undefined, clauses: clauses.length ? clauses : [whole],
    };
  }

  /** One clause's text -> tokens, regions, features and cue labels. */
  private readClause(text: string, capitalised: ReadonlySet<string>, asked = false): Reading {
    const expanded = this.register.normalise(tokenize(text));
    const scan = this.opts.regions.scan(expanded, (t) => this.corrector.has(t) || isDictionaryWord(t), (t) => capitalised.has(t),
      (t) => this.corrector.has(t) || STOPWORDS.has(t));
    const corrected = this.register.normalise(scan.tokens.map((t) => (isMarker(t) ? t : this.corrector.correct(t))));
    // Cue words are found before an unknown place takes its words: "penghargaan Kalpataru" is foreign, not a place.
    const labels = this.cues.labels(corrected);
    const place = scan.regions.length || scan.national ? undefined : this.unknownPlace(corrected, capitalised, labels);
    const tokens = place ? [...corrected.slice(0, place.start), PLACE_TOKEN, ...corrected.slice(place.end)] : corrected;
    return this.reading(tokens, scan.regions, scan.national, place?.name, asked, labels);
  }

  private reading(tokens: string[], regions: RegionMention[], national: boolean, unknownPlace: string | undefined, asked: boolean,
    found?: Set<string>): Reading {
    // An unknown place counts as a place for the classifier: "cakupan di London" is a coverage question.
    const features = toFeatures(tokens.map((t) => (t === PLACE_TOKEN ? REGION_TOKEN : t)));
    // Content words (not markers, not numbers), and how many of them the classifier was taught.
    let content = 0;
    let known = 0;
    for (const f of features) {
      if (f === REGION_TOKEN || f === NATIONAL_TOKEN || /^\d+$/.test(f)) continue;
      content += 1;
      if (this.classifier?.knows(f) ?? true) known += 1;
    }
    // (The set readClause found is its own: labels are added to it, not to a copy.)
    const labels = found ?? this.cues.labels(tokens);
    // Places as aspects too, so an answer's `asks` can say "!@place" (only when no place is named).
    if (tokens.includes(REGION_TOKEN) || tokens.includes(PLACE_TOKEN)) labels.add(LABEL.place);
    if (tokens.includes(NATIONAL_TOKEN)) labels.add(LABEL.national);
    const kinds: RegionKind[] = [];
    const years: number[] = [];
    const months: number[] = [];
    for (const t of tokens) {
      const kind = KIND_WORDS[t];
      if (kind) kinds.push(kind);
      if (YEAR.test(t)) years.push(Number(t));
      const month = MONTHS[t];
      if (month) months.push(month);
    }
    return {
      tokens, features, regions, national, kinds, unknownPlace, years, months, labels,
      bag: bagOf(tokens, stem, labels),
      isQuestion: asked || tokens.some((t) => this.questionWords.has(t)),
      knownShare: content ? known / content : 0,
    };
  }

  /**
   * Whether the word at a position joins two questions: a join word, not inside a cue phrase ("tahun lalu"
   * is last year, not "tahun" then a question). Phrases are looked up only when a join word is there.
   */
  private joinAt(tokens: readonly string[]): (t: string, at: number) => boolean {
    if (!tokens.some((t) => this.joins.has(t))) return () => false;
    const inside = new Set<number>();
    for (const f of this.cues.find(tokens)) for (let k = f.at + 1; k < f.at + f.length; k++) inside.add(k);
    return (t, at) => this.joins.has(t) && !inside.has(at);
  }

  /** A part of a segment split at a joining word, with the regions that fall inside it. */
  private subReading(r: Reading, start: number, end: number, asked: boolean): Reading {
    // Token positions after the scan differ from the mentions' own (a mention is one marker token), so
    // regions are handed out in order, one per marker.
    const markersBefore = r.tokens.slice(0, start).filter((t) => t === REGION_TOKEN).length;
    const markersIn = r.tokens.slice(start, end).filter((t) => t === REGION_TOKEN).length;
    const tokens = r.tokens.slice(start, end);
    return this.reading(tokens, r.regions.slice(markersBefore, markersBefore + markersIn), tokens.includes(NATIONAL_TOKEN),
      tokens.includes(PLACE_TOKEN) ? r.unknownPlace : undefined, asked);
  }

  /** Words the bot does not know after a place cue, or written with a capital: a place outside its list. */
  private unknownPlace(tokens: string[], capitalised: ReadonlySet<string>, labels: ReadonlySet<string>): { start: number; end: number; name: string } | undefined {
    // A message with something foreign in it names no place of ours: "Kalpataru", "Prudential" are not places.
    if ([...labels].some((l) => l.startsWith(LABEL.foreign))) return undefined;
    const candidate = (w: string | undefined, cued: boolean) => !!w && w.length >= 3 && !/\d/.test(w) && !STOPWORDS.has(w)
      && !this.notPlaces.has(w) && !KIND_WORDS[w] && !isMarker(w) && !this.corrector.has(w)
      && !INDONESIAN_WORDS.has(w) && !ENGLISH_WORDS.has(w) && this.corrector.correct(w) === w
      && (capitalised.has(w) || (cued && !isDictionaryWord(w)));
    // After a place cue, two words the bot has never seen are a name too, even if each is a word ("di kuala lumpur").
    const strange = (w: string | undefined) => !!w && w.length >= 3 && !/\d/.test(w) && !STOPWORDS.has(w) && !this.notPlaces.has(w)
      && !this.corrector.has(w) && !KIND_WORDS[w];
    const place = (start: number, end: number) =>
      ({ start, end, name: tokens.slice(start, end).map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join(' ') });
    for (let i = 0; i < tokens.length; i++) {
      const cued = i > 0 && (this.placeCues.has(tokens[i - 1] ?? '') || !!KIND_WORDS[tokens[i - 1] ?? '']);
      if (cued && strange(tokens[i]) && strange(tokens[i + 1])) return place(i, i + 2);
      if (candidate(tokens[i], cued)) return place(i, candidate(tokens[i + 1], true) ? i + 2 : i + 1);
    }
    return undefined;
  }
}

/** Words written with a capital and then lower case ("Kuala", "London", "Kajen"), lower-cased. */
function capitalisedWords(text: string): Set<string> {
  const out = new Set<string>();
  for (const w of text.split(/[^\p{L}]+/u)) {
    if (w.length >= 3 && w[0] !== w[0]?.toLowerCase() && w.slice(1) === w.slice(1).toLowerCase()) out.add(w.toLowerCase());
  }
  return out;
}

/** The whole message as one reading: every clause's tokens, regions and labels together. */
function merge(clauses: Reading[], stemOf: (w: string) => string): Reading {
  const tokens = clauses.flatMap((c) => c.tokens);
  const features = [...new Set(clauses.flatMap((c) => c.features))];
  const labels = new Set(clauses.flatMap((c) => [...c.labels]));
  const shares = clauses.filter((c) => c.features.length);
  return {
    tokens, features, labels,
    regions: clauses.flatMap((c) => c.regions),
    national: clauses.some((c) => c.national),
    kinds: clauses.flatMap((c) => c.kinds),
    unknownPlace: clauses.find((c) => c.unknownPlace)?.unknownPlace,
    years: clauses.flatMap((c) => c.years),
    months: clauses.flatMap((c) => c.months),
    bag: bagOf(tokens, stemOf, labels),
    isQuestion: clauses.some((c) => c.isQuestion),
    knownShare: shares.length ? shares.reduce((a, c) => a + c.knownShare * c.features.length, 0) / shares.reduce((a, c) => a + c.features.length, 0) : 0,
  };
}

export type { Scored };
