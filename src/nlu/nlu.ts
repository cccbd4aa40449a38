// The understanding pipeline: sanitise -> personal data -> normalise -> tokens -> slang -> regions ->
// typo correction -> features -> intent ranking, language and entities. Built once per content snapshot.
import { sanitize, normalise, tokenize, hasWords, MAX_NLU_CHARS } from './text.js';
import { findPii, type PiiMatch } from './pii.js';
import { expandSlang, toFeatures, TypoCorrector, isDictionaryWord } from './features.js';
import { IntentClassifier, type Scored } from './classifier.js';
import { detectLanguage, type Lang } from './language.js';
import { REGION_TOKEN, NATIONAL_TOKEN, type RegionIndex, type RegionMention } from './regions.js';
import { STOPWORDS, ENGLISH_WORDS, INDONESIAN_WORDS } from './words.js';

export interface Understanding {
  /** The sanitised message (personal data still in it: never log this). */
  text: string;
  /** Tokens after slang expansion and typo correction, regions replaced by a marker. */
  tokens: string[];
  features: string[];
  lang: Lang;
  hasWords: boolean;
  regions: RegionMention[];
  national: boolean;
  pii: PiiMatch[];
  /** A bare menu number ("2", "no 2", "pilih 2"), if the message is one. */
  menuChoice?: number;
  ranking: Scored[];
  similarity: number;
  confidence: number;
  /** Share of the content words the bot knows from its examples (0..1). */
  knownShare: number;
  /** The message uses a word from the lexicon's out_of_scope_words. */
  outOfScope: boolean;
  /** A place named after "di"/"in"/"kota" that is not an Indonesian region ("di Kuala Lumpur"). */
  unknownPlace?: string;
}

const PLACE_CUE = new Set(['di', 'in', 'kota', 'kabupaten', 'provinsi', 'city', 'daerah', 'wilayah', 'warga', 'at']);
const NOT_A_PLACE = new Set(['sana', 'sini', 'situ', 'mana', 'rumah', 'kampung', 'desa', 'kelurahan', 'kecamatan', 'tempat', 'daerah',
  'wilayah', 'kota', 'kabupaten', 'indonesia', 'total', 'semua', 'seluruh', 'general', 'my', 'our', 'all', 'the']);

export interface NluOptions {
  intents: Array<{ name: string; examples: string[] }>;
  slang: ReadonlyMap<string, string>;
  /** English words mapped to the Indonesian ones, so both languages share what the examples teach. */
  translations?: ReadonlyMap<string, string>;
  /** Words that mark a message as outside this bot's scope (other programmes, gambling). */
  outOfScope?: ReadonlySet<string>;
  regions: RegionIndex;
  temperature?: number;
  smoothing?: number;
  /** How many recent understandings to keep for identical messages ("halo", "1", "cek status bpjs"); 0 = none. */
  cacheSize?: number;
}

export class Nlu {
  readonly classifier: IntentClassifier;
  private corrector: TypoCorrector;
  private slangKeys: ReadonlySet<string>;
  private lexicon: ReadonlyMap<string, string>;
  private cache = new Map<string, Understanding>();
  private readonly cacheSize: number;

  constructor(private readonly opts: NluOptions) {
    this.slangKeys = new Set(opts.slang.keys());
    this.lexicon = new Map([...(opts.translations ?? []), ...opts.slang]);
    this.cacheSize = opts.cacheSize ?? 10_000;
    const vocabulary = new Set<string>([...this.slangKeys, ...(opts.translations?.keys() ?? []), ...STOPWORDS]);
    const prepared = opts.intents.flatMap((intent) => intent.examples.map((ex) => {
      const tokens = opts.regions.scan(expandSlang(tokenize(normalise(ex)), this.lexicon), () => true).tokens;
      for (const t of tokens) vocabulary.add(t);
      return { intent: intent.name, tokens };
    }));
    this.corrector = new TypoCorrector(vocabulary);
    this.classifier = new IntentClassifier(
      prepared.map((p) => ({ intent: p.intent, features: toFeatures(p.tokens) })),
      { temperature: opts.temperature ?? 1.5, smoothing: opts.smoothing ?? 0.2 },
    );
  }

  /** Words after a place cue that the bot does not know at all: a place outside its list. */
  private unknownPlace(tokens: string[]): { start: number; end: number; name: string } | undefined {
    const unknown = (w: string | undefined) => !!w && w.length >= 3 && !/\d/.test(w) && !STOPWORDS.has(w) && !NOT_A_PLACE.has(w)
      && !INDONESIAN_WORDS.has(w) && !ENGLISH_WORDS.has(w) && !this.corrector.has(w) && this.corrector.correct(w) === w;
    for (let i = 0; i < tokens.length - 1; i++) {
      if (!PLACE_CUE.has(tokens[i] ?? '') || !unknown(tokens[i + 1])) continue;
      const end = unknown(tokens[i + 2]) ? i + 3 : i + 2;
      const name = tokens.slice(i + 1, end).map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join(' ');
      return { start: i + 1, end, name };
    }
    return undefined;
  }

  /**
   * Understanding depends only on the text and the conversation's language, so identical messages reuse it
   * (bounded, least recently used first out; never for messages with personal data in them).
   * The result is shared: treat it as read-only.
   */
  understand(raw: unknown, previousLang: Lang = 'id'): Understanding {
    if (!this.cacheSize || typeof raw !== 'string' || raw.length > 1000) return this.compute(raw, previousLang);
    const key = `${previousLang}\u0000${raw}`;
    const hit = this.cache.get(key);
    if (hit) {
      this.cache.delete(key);
      this.cache.set(key, hit);
      return hit;
    }
    const u = this.compute(raw, previousLang);
    if (u.pii.length === 0) {
      this.cache.set(key, u);
      if (this.cache.size > this.cacheSize) this.cache.delete(this.cache.keys().next().value as string);
    }
    return u;
  }

  private compute(raw: unknown, previousLang: Lang): Understanding {
    const text = sanitize(raw);
    const pii = findPii(text);
    let scrubbed = text;
    for (const m of [...pii].reverse()) scrubbed = scrubbed.slice(0, m.start) + ' ' + scrubbed.slice(m.end);
    const norm = normalise(scrubbed.slice(0, MAX_NLU_CHARS));
    const surface = tokenize(norm);
    const expanded = expandSlang(surface, this.lexicon);
    const scan = this.opts.regions.scan(expanded, (t) => this.corrector.has(t) || isDictionaryWord(t));
    const place = scan.regions.length || scan.national ? undefined : this.unknownPlace(scan.tokens);
    const located = place ? [...scan.tokens.slice(0, place.start), REGION_TOKEN, ...scan.tokens.slice(place.end)] : scan.tokens;
    const corrected = expandSlang(located.map((t) => (t === REGION_TOKEN || t === NATIONAL_TOKEN ? t : this.corrector.correct(t))), this.lexicon);
    const features = toFeatures(corrected);
    const content = features.filter((f) => f !== REGION_TOKEN && f !== NATIONAL_TOKEN && !/^\d+$/.test(f));
    const known = content.filter((f) => this.classifier.knows(f)).length;
    const { ranking, similarity, confidence: base } = this.classifier.classify(features);
    // Words the bot has never seen make any intent less likely: "kapan lebaran" is not an award question.
    const knownShare = content.length ? known / content.length : 0;
    const confidence = base * (content.length ? knownShare : 1);
    const lang = detectLanguage(surface, this.slangKeys, previousLang);
    const menu = /^(?:(?:no|nomor|nomer|pilih|pilihan|menu|option|number)\s*)?([1-9])\s*[.)]?$/.exec(norm);
    return {
      text, tokens: corrected, features, lang, hasWords: hasWords(norm), regions: scan.regions, national: scan.national, pii,
      menuChoice: menu?.[1] ? Number(menu[1]) : undefined,
      ranking, similarity, confidence, knownShare,
      unknownPlace: place?.name,
      outOfScope: surface.some((t) => this.opts.outOfScope?.has(t)) || corrected.some((t) => this.opts.outOfScope?.has(t)),
    };
  }
}
