// Loads intents/, responses/ and data/ into one immutable, checked snapshot, with the NLU trained on it.
// Every problem in every file is collected and reported together (ContentError); nothing half-loaded escapes.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ContentError, type ContentIssue } from '../errors.js';
import { isSeq } from 'yaml';
import { readYaml, validate, issueAt, issueAtText, locate, type YamlFile } from './yaml.js';
import type { ParseCache } from './parse-cache.js';
import {
  intentsFileSchema, responsesFileSchema, DATA_FILES,
  type AwardsFile, type ChannelsFile, type CoverageFile, type CoverageEntry, type FactsFile, type LexiconFile, type RegionsFile, type MenuFile,
  type UnderstandingFile, type ScopeFile,
} from './schema.js';
import { RegionIndex, loadOfficialAreas, type Region } from '../nlu/regions.js';
import { Nlu } from '../nlu/nlu.js';
import { isDictionaryWord } from '../nlu/features.js';
import { INDONESIAN_WORDS } from '../nlu/words.js';
import { LABEL } from '../nlu/labels.js';
import { askTerms } from '../nlu/phrases.js';
import { placeholdersOf } from './render.js';
import { commonPlaceholders } from './common.js';
import { unknownPlaceholderHint } from './messages.js';

export type Variants = { id: string[]; en: string[]; asks?: string[] };
export type AwardResult = AwardsFile['results'][number] & { resolved: Region };
export type RegionCoverage = CoverageEntry & { region: string; resolved: Region; together?: Region[]; programme?: { id: string; en: string } };
export type UhcStatus = CoverageFile['uhc_status'][number] & { resolved: Region };

/** What a handler fills in for each answer case; checked against the templates at load. */
export type ResponseSpec = ReadonlyMap<string, Readonly<Record<string, readonly string[]>>>;

export interface Snapshot {
  version: string;
  loadedAt: Date;
  files: string[];
  intents: Array<{ name: string; examples: string[]; file: string; line: number }>;
  responses: ReadonlyMap<string, ReadonlyMap<string, Variants>>;
  coverage: {
    national: CoverageEntry[];
    byRegion: ReadonlyMap<string, RegionCoverage[]>;
    uhcRegions: CoverageFile['uhc_regions'];
    lowest: CoverageFile['lowest'];
    targets: CoverageFile['targets'];
    uhcStatus: ReadonlyMap<string, UhcStatus>;
  };
  awards: Pick<AwardsFile, 'event' | 'categories' | 'common_requirements' | 'people'> & {
    byRegion: ReadonlyMap<string, AwardResult[]>;
    earlierEvents: AwardsFile['earlier_events'];
    missingEditions: AwardsFile['missing_editions'];
  };
  channels: ChannelsFile['channels'];
  facts: FactsFile['facts'];
  menu: MenuFile['menu'];
  /** The intent whose answer greets a new web chat. */
  welcome: string;
  regions: RegionIndex;
  nlu: Nlu;
  understanding: {
    /** Stems of the chatter words ("halo", "mau tanya dong"). */
    chatter: ReadonlySet<string>;
    /** Stems of the question words ("apa", "kapan", "how"). */
    questionStems: ReadonlySet<string>;
    /** Stems of the follow-up words ("kalau", "terus", "yang"). */
    followUpStems: ReadonlySet<string>;
    emoji: UnderstandingFile['emoji'];
    regionOnlyIntent: string;
    personalDataIntent: string;
    /** Families answered as they are, never completed from the conversation. */
    standalone: ReadonlySet<string>;
  };
  scope: { foreign: Array<ScopeFile['foreign'][number]>; jknFamilies: ReadonlySet<string>; alwaysAnswered: ReadonlySet<string> };
  /** The placeholders of every template, parsed once. */
  placeholders: ReadonlyMap<string, readonly string[]>;
}

export interface LoadOptions {
  root: string;
  spec: ResponseSpec;
  /** Parsed files kept on disk between starts (src/content/parse-cache.ts); none when undefined. */
  parseCache?: ParseCache;
  /** Size of the NLU's cache of recent identical messages (0 = off; benchmarks measure both). */
  nluCacheSize?: number;
}

function yamlFiles(dir: string, display: string, issues: ContentIssue[]): string[] {
  try {
    return readdirSync(dir).filter((f) => /\.ya?ml$/.test(f)).sort();
  } catch {
    issues.push({ file: display, line: 1, column: 1, field: '', message: 'folder is missing' });
    return [];
  }
}

/**
 * The region index and the understanding (with its trained classifier) of the last load, kept with the
 * inputs they were built from: a reload after an edit that leaves those inputs alone (an answer's wording,
 * a figure) reuses them instead of training again. Anything that could change them is in the key.
 */
const lastBuilt = new Map<string, { key: string; value: unknown }>();
function reused<T>(what: string, inputs: unknown, build: () => T): T {
  const key = JSON.stringify(inputs);
  const last = lastBuilt.get(what);
  if (last?.key === key) return last.value as T;
  const value = build();
  lastBuilt.set(what, { key, value });
  return value;
}

export async function loadContent(opts: LoadOptions): Promise<Snapshot> {
  const issues: ContentIssue[] = [];
  const hash = createHash('sha256');
  const files: string[] = [];
  const read = (folder: string, name: string) => {
    const path = join(opts.root, folder, name);
    try { hash.update(name).update(readFileSync(path)); } catch { /* reported by readYaml */ }
    files.push(`${folder}/${name}`);
    return readYaml(path, `${folder}/${name}`, issues, opts.parseCache);
  };

  // data/
  const data: Partial<{ coverage: [YamlFile, CoverageFile]; awards: [YamlFile, AwardsFile]; channels: [YamlFile, ChannelsFile];
    facts: [YamlFile, FactsFile]; lexicon: [YamlFile, LexiconFile]; menu: [YamlFile, MenuFile]; regions: [YamlFile, RegionsFile];
    understanding: [YamlFile, UnderstandingFile]; scope: [YamlFile, ScopeFile] }> = {};
  const rawData = new Map<string, YamlFile>();
  const dataNames = yamlFiles(join(opts.root, 'data'), 'data/', issues);
  for (const name of Object.keys(DATA_FILES) as Array<keyof typeof DATA_FILES>) {
    if (!dataNames.includes(name)) {
      issues.push({ file: `data/${name}`, line: 1, column: 1, field: '', message: 'required file is missing' });
      continue;
    }
    const y = read('data', name);
    if (!y) continue;
    rawData.set(name, y);
    const parsed = validate(y, DATA_FILES[name], issues);
    if (parsed) (data as Record<string, unknown>)[name.replace('.yaml', '')] = [y, parsed];
  }
  for (const name of dataNames.filter((n) => !(n in DATA_FILES))) {
    issues.push({ file: `data/${name}`, line: 1, column: 1, field: '', message: 'unknown data file',
      hint: `data files are ${Object.keys(DATA_FILES).join(', ')}` });
  }

  const areas = await loadOfficialAreas();
  const regionsFile = data.regions?.[1] ?? { aliases: {}, needs_prefix: [], national_words: ['indonesia'] };
  const regionOptions = { aliases: regionsFile.aliases, needsPrefix: regionsFile.needs_prefix, nationalWords: regionsFile.national_words };
  const regions = reused('regions', regionOptions, () => new RegionIndex(areas, { ...regionOptions, isDictionaryWord }));
  if (data.regions) {
    const [y, r] = data.regions;
    for (const [alias, target] of Object.entries(r.aliases)) {
      if (!regions.byOfficialName(target)) issues.push(issueAt(y, ['aliases', alias], `"${target}" is not an official region name`,
        'write it as in the official list, e.g. "Kota Semarang", "Kabupaten Klungkung", "Provinsi Jawa Tengah"'));
    }
  }
  // Region names are checked on the raw files, so they are reported even when a file has other problems.
  const checkRegion = (y: YamlFile, path: PropertyKey[], name: unknown) => {
    if (typeof name === 'string' && name.trim() && !regions.byOfficialName(name)) {
      issues.push(issueAt(y, path, `"${name}" is not a region in the official list`, 'write "Kota X", "Kabupaten X" or "Provinsi X"'));
    }
  };
  for (const [file, list] of [['coverage.yaml', 'regions'], ['coverage.yaml', 'uhc_status'], ['awards.yaml', 'results'], ['awards.yaml', 'people']] as const) {
    const y = rawData.get(file);
    const entries = (y?.data as Record<string, unknown> | null)?.[list];
    if (!y || !Array.isArray(entries)) continue;
    entries.forEach((e: unknown, i) => {
      const entry = e as { region?: unknown; together_with?: unknown } | null;
      checkRegion(y, [list, i, 'region'], entry?.region);
      if (Array.isArray(entry?.together_with)) entry.together_with.forEach((t, k) => checkRegion(y, [list, i, 'together_with', k], t));
    });
  }
  {
    const y = rawData.get('coverage.yaml');
    const lowest = (y?.data as { lowest?: unknown } | null)?.lowest;
    if (y && Array.isArray(lowest)) lowest.forEach((l: { regions?: unknown }, i) => {
      if (Array.isArray(l?.regions)) l.regions.forEach((name, k) => checkRegion(y, ['lowest', i, 'regions', k], name));
    });
  }
  const resolve = (_y: YamlFile, _path: PropertyKey[], name: string): Region | undefined => regions.byOfficialName(name);

  const byRegion = new Map<string, RegionCoverage[]>();
  if (data.coverage) {
    const [y, c] = data.coverage;
    c.regions.forEach((entry, i) => {
      const r = resolve(y, ['regions', i, 'region'], entry.region);
      if (!r) return;
      if (!entry.participants && !entry.coverage_pct && !entry.active_pct && !entry.active_participants) {
        issues.push(issueAt(y, ['regions', i], 'entry has no figure', 'give at least one of participants, coverage_pct, active_pct, active_participants'));
      }
      const together = (entry.together_with ?? []).map((n) => regions.byOfficialName(n)).filter((x): x is Region => !!x);
      const resolved: RegionCoverage = { ...entry, resolved: r, ...(together.length ? { together: [r, ...together] } : {}) };
      for (const region of [r, ...together]) byRegion.set(region.code, [...(byRegion.get(region.code) ?? []), resolved]);
    });
    c.uhc_regions.sort((a, b) => b.as_of.localeCompare(a.as_of));
    for (const list of byRegion.values()) list.sort((a, b) => b.as_of.localeCompare(a.as_of));
    c.national.sort((a, b) => b.as_of.localeCompare(a.as_of));
  }
  const awardsByRegion = new Map<string, AwardResult[]>();
  if (data.awards) {
    const [y, a] = data.awards;
    a.results.forEach((res, i) => {
      const r = resolve(y, ['results', i, 'region'], res.region);
      if (r) awardsByRegion.set(r.code, [...(awardsByRegion.get(r.code) ?? []), { ...res, resolved: r }].sort((p, q) => q.year - p.year));
    });
  }

  // intents/
  const intents: Snapshot['intents'] = [];
  const seenExample = new Map<string, string>();
  let intentsComplete = true;
  for (const name of yamlFiles(join(opts.root, 'intents'), 'intents/', issues)) {
    const y = read('intents', name);
    const parsed = y ? validate(y, intentsFileSchema, issues) : null;
    if (!y || !parsed) { intentsComplete = false; continue; }
    parsed.intents.forEach((intent, i) => {
      if (intents.some((x) => x.name === intent.name)) issues.push(issueAt(y, ['intents', i, 'name'], `intent ${intent.name} is defined twice`));
      intent.examples.forEach((ex, k) => {
        const key = ex.toLowerCase().replace(/\s+/g, ' ').trim();
        const other = seenExample.get(key);
        if (other && other !== intent.name) {
          issues.push(issueAt(y, ['intents', i, 'examples', k], `example "${ex}" is also under ${other}`, 'keep it under one intent only'));
        }
        seenExample.set(key, intent.name);
      });
      // The line is looked up when a problem needs it (finding it parses the document, which a start from the
      // parse cache otherwise never does).
      intents.push({ name: intent.name, examples: intent.examples, file: `intents/${name}`, get line() { return locate(y, ['intents', i, 'name']).line; } });
    });
  }

  // responses/
  const responses = new Map<string, Map<string, Variants>>();
  const common = commonPlaceholders(data.facts?.[1].facts ?? {}, data.channels?.[1].channels ?? {});
  const intentNames = new Set(intents.map((i) => i.name));
  // The aspects of data/understanding.yaml, and two the bot sets itself: a place is named, the whole country is.
  const aspectNames = data.understanding ? new Set<string>([...Object.keys(data.understanding[1].aspects), LABEL.place, LABEL.national]) : undefined;
  const responseFiles: YamlFile[] = [];
  /** The placeholders of every template, parsed once here for the check and kept for rendering. */
  const placeholders = new Map<string, string[]>();
  // A responses file that did not load is reported once; the answers it holds are not reported missing.
  let responsesComplete = true;
  const placeholderHint = unknownPlaceholderHint(data.facts?.[1].facts, data.channels?.[1].channels);
  for (const name of yamlFiles(join(opts.root, 'responses'), 'responses/', issues)) {
    const y = read('responses', name);
    const parsed = y ? validate(y, responsesFileSchema, issues) : null;
    if (!y || !parsed) { responsesComplete = false; continue; }
    responseFiles.push(y);
    for (const [intent, cases] of Object.entries(parsed.responses)) {
      if (responses.has(intent)) issues.push(issueAt(y, ['responses', intent], `responses for ${intent} are defined in two files`));
      if (intentsComplete && !intentNames.has(intent) && !opts.spec.has(intent)) {
        issues.push(issueAt(y, ['responses', intent], `no intent named ${intent}`, 'check the name against intents/'));
      }
      const spec = opts.spec.get(intent);
      const m = new Map<string, Variants>();
      for (const [caseName, v] of Object.entries(cases)) {
        // An intent without a handler may have any case; the question picks one by its `asks`.
        const allowed = spec ? spec[caseName] : [];
        if (!spec && caseName !== 'default' && !v.asks) {
          issues.push(issueAt(y, ['responses', intent, caseName], `case "${caseName}" has no asks, so no question can reach it`,
            'add asks: a list of the words that ask for this answer, e.g. asks: ["@when aktif"]'));
        }
        if (!allowed) {
          issues.push(issueAt(y, ['responses', intent, caseName], `unknown case "${caseName}"`,
            spec ? `cases for ${intent}: ${Object.keys(spec).join(', ')}` : 'an intent without its own handler uses the case "default"'));
          continue;
        }
        for (const lang of ['id', 'en'] as const) {
          v[lang].forEach((tpl, k) => {
            const names = placeholdersOf(tpl);
            placeholders.set(tpl, names);
            for (const ph of names) {
              // With facts or channels not loaded (reported there), their placeholders cannot be checked.
              if ((!data.facts && ph.startsWith('fact_')) || (!data.channels && ph.startsWith('channel_'))) continue;
              if (!allowed.includes(ph) && !common.has(ph)) {
                issues.push(issueAtText(y, ['responses', intent, caseName, lang, ...(isSeq(y.doc.getIn(['responses', intent, caseName, lang], true)) ? [k] : [])],
                  `{${ph}`, `unknown placeholder {${ph}}`, placeholderHint(ph, allowed, common)));
              }
            }
          });
        }
        for (const [k, alt] of (v.asks ?? []).entries()) {
          for (const term of askTerms(alt).filter((t) => t.aspect)) {
            if (aspectNames && !aspectNames.has(term.text)) {
              issues.push(issueAt(y, ['responses', intent, caseName, 'asks', k], `unknown aspect @${term.text}`,
                `aspects are defined in data/understanding.yaml: ${[...aspectNames].map((a) => '@' + a).join(', ')}`));
            }
          }
        }
        m.set(caseName, v);
      }
      responses.set(intent, m);
    }
  }
  for (const intent of responsesComplete ? intents : []) {
    const spec = opts.spec.get(intent.name);
    const have = responses.get(intent.name);
    for (const c of spec ? Object.keys(spec) : ['default']) {
      if (!have?.has(c)) {
        issues.push({ file: intent.file, line: intent.line, column: 11, field: intent.name, message: `intent has no "${c}" answer in responses/`,
          hint: `add to a file in responses/: ${intent.name}: ${c}: {id: ..., en: ...}` });
      }
    }
  }
  if (data.menu) {
    const [y, m] = data.menu;
    if (intentsComplete && !intentNames.has(m.welcome)) issues.push(issueAt(y, ['welcome'], `no intent named ${m.welcome}`, 'check the name against intents/'));
    m.menu.forEach((item, i) => {
      if (intentsComplete && !intentNames.has(item.intent)) issues.push(issueAt(y, ['menu', i, 'intent'], `no intent named ${item.intent}`));
    });
  }
  if (data.understanding && intentsComplete) {
    const [y, un] = data.understanding;
    for (const key of ['region_only_intent', 'personal_data_intent'] as const) {
      if (!intentNames.has(un[key])) issues.push(issueAt(y, [key], `no intent named ${un[key]}`, 'check the name against intents/'));
    }
    un.emoji.forEach((e, i) => {
      if (!intentNames.has(e.intent)) issues.push(issueAt(y, ['emoji', i, 'intent'], `no intent named ${e.intent}`, 'check the name against intents/'));
    });
  }
  for (const [intent] of opts.spec) {
    if (intentsComplete && !intentNames.has(intent) && !intent.startsWith('fallback')) {
      issues.push({ file: 'intents/', line: 1, column: 1, field: intent, message: `a handler exists for ${intent} but no intent has that name` });
    }
  }

  // Every file has been read: the ones that parsed are kept for the next start, whatever else is wrong.
  await opts.parseCache?.save();
  if (issues.length || !data.coverage || !data.awards || !data.channels || !data.facts || !data.lexicon || !data.menu
    || !data.understanding || !data.scope) throw new ContentError(issues);

  const lexicon = data.lexicon[1];
  const un = data.understanding[1];
  const scope = data.scope[1];
  // Slang wins over a regional word, which wins over an English translation of the same spelling.
  const words = new Map([...Object.entries(lexicon.translations), ...Object.entries(lexicon.regional), ...Object.entries(lexicon.slang)]);
  const people = data.awards[1].people.map((p) => p.name).concat(data.awards[1].results.flatMap((r) => (r.received_by ? [r.received_by.name] : [])));
  const asks = [...responses].flatMap(([intent, cases]) => [...cases].flatMap(([caseName, v]) => (v.asks ? [{ intent, caseName, asks: v.asks }] : [])));
  const nluOptions = {
    intents, regions, cacheSize: opts.nluCacheSize, asks,
    lexicon: { words, indonesianWords: new Set([...INDONESIAN_WORDS, ...Object.keys(lexicon.slang), ...Object.keys(lexicon.regional)]),
      prefixes: lexicon.affixes.prefixes, suffixes: lexicon.affixes.suffixes, compounds: lexicon.compounds },
    cues: {
      phrases: {
        ...un.aspects,
        [LABEL.followUp]: un.follow_up,
        [LABEL.jkn]: scope.jkn_words,
        [LABEL.topic]: scope.topic_words,
        ...Object.fromEntries(scope.foreign.map((g) => [LABEL.foreign + g.name, g.words])),
      },
      joins: un.joins, questionWords: un.question_words, placeCues: un.place_cues,
      notPlaces: [...un.not_places, ...people.flatMap((n) => n.toLowerCase().split(/[^a-z']+/).filter((w) => w.length > 2))],
    },
  };
  // (Intents by name and examples: where they sit in their files does not change what is learnt.)
  const nlu = reused('nlu', { ...nluOptions, intents: intents.map((i) => [i.name, i.examples]), regions: regionOptions, lexicon: { ...nluOptions.lexicon, words: [...words], indonesianWords: undefined } },
    () => new Nlu(nluOptions));
  return Object.freeze({
    version: hash.digest('hex').slice(0, 12),
    loadedAt: new Date(),
    files,
    intents,
    responses,
    coverage: { national: data.coverage[1].national, byRegion, uhcRegions: data.coverage[1].uhc_regions, lowest: data.coverage[1].lowest,
      targets: data.coverage[1].targets,
      uhcStatus: new Map(data.coverage[1].uhc_status.flatMap((u) => {
        const r = regions.byOfficialName(u.region);
        return r ? [[r.code, { ...u, resolved: r }] as const] : [];
      })) },
    awards: { event: data.awards[1].event, categories: data.awards[1].categories, common_requirements: data.awards[1].common_requirements,
      people: data.awards[1].people, byRegion: awardsByRegion, earlierEvents: data.awards[1].earlier_events, missingEditions: data.awards[1].missing_editions },
    channels: data.channels[1].channels,
    facts: data.facts[1].facts,
    menu: data.menu[1].menu,
    welcome: data.menu[1].welcome,
    regions,
    nlu,
    understanding: { chatter: new Set(un.chatter.flatMap((w) => nlu.featuresOf(w))), questionStems: new Set(un.question_words.flatMap((w) => nlu.featuresOf(w))),
      followUpStems: new Set(un.follow_up.flatMap((w) => nlu.featuresOf(w))),
      emoji: un.emoji,
      regionOnlyIntent: un.region_only_intent, personalDataIntent: un.personal_data_intent, standalone: new Set(un.standalone_families) },
    scope: { foreign: scope.foreign, jknFamilies: new Set(scope.jkn_families), alwaysAnswered: new Set(scope.always_answered) },
    placeholders,
  });
}
