// The shape of every content file, in one place. Editors' files are checked against these at load;
// an error names the file, line and field (see load.ts).
import { z } from 'zod';

const nonEmpty = z.string().trim().min(1, 'must not be empty');
const isoDate = z.union([z.string(), z.number().int().transform(String)]).pipe(
  z.string().regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, 'must be a date written YYYY-MM-DD, YYYY-MM or YYYY'));
/** A source's date; "n.d." when the source shows none (answers then say it is undated). */
const sourceDate = z.union([z.literal('n.d.'), isoDate]);

const family = z.enum(['activation', 'award', 'coverage', 'help', 'smalltalk', 'fallback']);
export const intentName = z
  .string()
  .regex(/^(activation|award|coverage|help|smalltalk|fallback)\.[a-z][a-z0-9_]*$/,
    'must be <family>.<name> with family activation, award, coverage, help, smalltalk or fallback');

export const intentsFileSchema = z.strictObject({
  intents: z.array(z.strictObject({
    name: intentName,
    description: z.string().optional(),
    examples: z.array(nonEmpty).min(15, 'needs at least 15 examples'),
  })).min(1),
});

const variants = z.union([nonEmpty, z.array(nonEmpty).min(1)]).transform((v) => (Array.isArray(v) ? v : [v]));
/** What a question says when it asks for this answer: alternatives of words and @aspects, all of which must be there. */
const asks = z.array(nonEmpty).min(1);
export const responsesFileSchema = z.strictObject({
  responses: z.record(intentName, z.record(z.string().regex(/^[a-z][a-z0-9_]*$/, 'case names are lower_snake_case'),
    z.strictObject({ asks: asks.optional(), id: variants, en: variants }))),
});

/**
 * The made-up sources of examples (CONTENT.md's "nama-media.id"): a figure copied with one must not be
 * published as if it were sourced.
 */
const PLACEHOLDER_SOURCE = /nama-media|judul atau isi|lorem ipsum|\bexample\.(com|org|net|id)\b|\b(TODO|TBD|FIXME)\b/i;
const PLACEHOLDER_URL = /\.\.\.|…/;
const notPlaceholder = (what: string) => 'is a placeholder from an example, not a real source: ' +
  `write the ${what} as published, or leave the figure out until you have a source`;
const sourceTitle = nonEmpty.refine((t) => !PLACEHOLDER_SOURCE.test(t), notPlaceholder("outlet's name and the article's title"));

export const sourceSchema = z.strictObject({
  title: sourceTitle,
  /** The title for English answers, when `title` is in Indonesian. */
  title_en: sourceTitle.optional(),
  url: z.string().url('must be a web address starting with https://')
    .refine((u) => !PLACEHOLDER_SOURCE.test(u) && !PLACEHOLDER_URL.test(u), notPlaceholder("article's web address")).optional(),
  date: sourceDate,
});

const percent = z.number().min(0, 'a percentage cannot be negative').max(150, 'a percentage above 150 is not plausible');
export const percentFigure = z.union([
  percent,
  z.strictObject({ value: percent, qualifier: z.enum(['above', 'at_least', 'about']) }),
]);

const coverageEntry = z.strictObject({
  as_of: isoDate,
  participants: z.number().int().positive().optional(),
  /** Participants counted as inactive (not covered until reactivated). */
  inactive_participants: z.number().int().positive().optional(),
  inactive_pct: percent.optional(),
  active_participants: z.number().int().positive().optional(),
  coverage_pct: percentFigure.optional(),
  active_pct: percentFigure.optional(),
  active_definition: z.enum(['of_participants', 'of_population', 'unspecified']).default('unspecified'),
  source: sourceSchema,
  note: z.strictObject({ id: nonEmpty, en: nonEmpty }).optional(),
});

const bilingual = z.strictObject({ id: nonEmpty, en: nonEmpty });

export const coverageFileSchema = z.strictObject({
  national: z.array(coverageEntry).min(1),
  regions: z.array(coverageEntry.extend({
    region: nonEmpty,
    /** The figure covers this region together with others ("Jawa Tengah dan DIY"). */
    together_with: z.array(nonEmpty).optional(),
    /** A regional programme the figure is about, when it is not the JKN total. */
    programme: bilingual.optional(),
  })),
  /** Regions with UHC status over time (counts, by the definition of the day). */
  uhc_regions: z.array(z.strictObject({
    as_of: isoDate,
    provinces: z.number().int().nonnegative().optional(),
    regencies_and_cities: z.number().int().nonnegative(),
    definition: bilingual,
    source: sourceSchema,
  })).default([]),
  /** Regions with the lowest coverage on a date, lowest first (their figures are in `regions`). */
  lowest: z.array(z.strictObject({
    as_of: isoDate,
    regions: z.array(nonEmpty).min(1),
    note: bilingual.optional(),
    source: sourceSchema,
  })).default([]),
  /** Regions whose UHC status (Prioritas, or not) a source states, with what it means for new registrants. */
  uhc_status: z.array(z.strictObject({
    region: nonEmpty,
    as_of: isoDate,
    priority: z.boolean(),
    note: bilingual,
    source: sourceSchema,
  })).default([]),
  /** Targets for coverage and activity, as announced. */
  targets: z.array(z.strictObject({
    text: bilingual,
    source: sourceSchema,
  })).default([]),
});
const category = z.enum(['utama', 'madya', 'pratama']);

const person = z.strictObject({ name: nonEmpty, role: bilingual });
/** What every edition of the award records, the current one and earlier ones. */
const edition = { year: z.number().int(), date: isoDate, venue: nonEmpty, presenter: bilingual };

export const awardsFileSchema = z.strictObject({
  event: z.strictObject({
    ...edition,
    title: nonEmpty,
    organiser: bilingual,
    /** The assessment used data up to this month. */
    data_until: isoDate,
    winners: z.strictObject({
      provinces: z.number().int().nonnegative(),
      regencies_and_cities: z.number().int().nonnegative(),
      regencies_and_cities_by_category: z.record(category, z.number().int().nonnegative()),
      note: bilingual.optional(),
    }),
    sources: z.array(sourceSchema).min(1),
    note: bilingual.optional(),
  }),
  /** Earlier editions, as far as the sources tell. */
  earlier_events: z.array(z.strictObject({
    ...edition,
    winners: bilingual,
    criteria: bilingual.optional(),
    sources: z.array(sourceSchema).min(1),
  })).default([]),
  /** Years the sources say had no edition, or where none was found, and what to say about them. */
  missing_editions: z.array(z.strictObject({ year: z.number().int(), note: bilingual, source: sourceSchema.optional() })).default([]),
  /** People the sources quote about the awards, with what they said. */
  people: z.array(z.strictObject({
    name: nonEmpty,
    role: bilingual,
    region: nonEmpty.optional(),
    said: bilingual,
    source: sourceSchema,
  })).default([]),
  categories: z.array(z.strictObject({
    key: category,
    name: nonEmpty,
    coverage_min_pct: percent,
    active_min_pct: percent,
    criteria: bilingual,
    sources: z.array(sourceSchema).min(1),
  })).min(1),
  common_requirements: bilingual,
  results: z.array(z.strictObject({
    region: nonEmpty,
    year: z.number().int(),
    category,
    source: sourceSchema,
    /** Who received it for the region, and in what role. */
    received_by: person.optional(),
    /** Why the region got its category, as its officials or the sources say. */
    reason: bilingual.optional(),
    note: bilingual.optional(),
  })),
});

const wording = z.union([nonEmpty, bilingual]);
export const channelsFileSchema = z.strictObject({
  channels: z.record(z.string().regex(/^[a-z_]+$/), z.strictObject({
    /** A name or contact that reads differently in English can be given as {id, en}. */
    name: wording,
    contact: wording,
    hours: bilingual,
    purpose: bilingual,
    source: sourceSchema,
  })),
});

export const factsFileSchema = z.strictObject({
  facts: z.record(z.string().regex(/^[a-z0-9_]+$/, 'fact keys are lower_snake_case'), z.strictObject({
    value: z.union([z.number(), nonEmpty, bilingual]),
    unit: z.enum(['days', 'months', 'percent', 'rupiah', 'count', 'text', 'date']),
    source: sourceSchema,
  })),
});

const oneWord = z.string().regex(/^[a-z0-9]+$/, 'keys are one lower-case word');
export const lexiconFileSchema = z.strictObject({
  slang: z.record(oneWord, nonEmpty),
  regional: z.record(oneWord, nonEmpty).default({}),
  translations: z.record(oneWord, nonEmpty).default({}),
  /** Word pairs read as one word. */
  compounds: z.array(z.string().regex(/^[a-z]+ [a-z]+$/, 'a compound is two lower-case words')).default([]),
  affixes: z.strictObject({
    prefixes: z.array(z.strictObject({ prefix: z.string().regex(/^[a-z]+$/), restores: z.array(z.string().regex(/^[a-z]*$/)).min(1) })),
    suffixes: z.array(z.string().regex(/^[a-z]+$/)),
  }).default({ prefixes: [], suffixes: [] }),
});

const phrases = z.array(nonEmpty);
export const understandingFileSchema = z.strictObject({
  aspects: z.record(z.string().regex(/^[a-z_]+$/, 'aspect names are lower_snake_case'), phrases),
  follow_up: phrases,
  joins: phrases,
  question_words: phrases,
  place_cues: phrases,
  not_places: phrases,
  chatter: phrases,
  /** Families answered as they are, never completed from the conversation. */
  standalone_families: z.array(family),
  /** The answer for a message that names only a place, with nothing to follow up. */
  region_only_intent: intentName,
  /** The answer for a message that is only a NIK or card number. */
  personal_data_intent: intentName,
  emoji: z.array(z.strictObject({ emoji: z.array(nonEmpty).min(1), intent: intentName })),
});

export const scopeFileSchema = z.strictObject({
  /** Families whose answers are about JKN: a question gets one only when it is about JKN. */
  jkn_families: z.array(family).min(1),
  /** Families answered whatever the message holds. */
  always_answered: z.array(family).default([]),
  jkn_words: phrases.min(1),
  topic_words: phrases,
  foreign: z.array(z.strictObject({
    name: z.string().regex(/^[a-z_]+$/, 'group names are lower_snake_case'),
    exclusive: z.boolean().default(false),
    words: phrases.min(1),
    refer: bilingual.optional(),
  })),
});

export const regionsFileSchema = z.strictObject({
  aliases: z.record(nonEmpty, nonEmpty),
  needs_prefix: z.array(nonEmpty),
  national_words: z.array(nonEmpty).min(1),
});

export const menuFileSchema = z.strictObject({
  /** The answer the web chat opens with, shown above the menu's choices (its {menu} line is left out there). */
  welcome: intentName.default('help.menu'),
  menu: z.array(z.strictObject({ intent: intentName, label: z.strictObject({ id: nonEmpty, en: nonEmpty }) })).min(1).max(9),
});

/** Which schema checks which file: the file's base name decides. */
export const DATA_FILES = {
  'menu.yaml': menuFileSchema,
  'coverage.yaml': coverageFileSchema,
  'awards.yaml': awardsFileSchema,
  'channels.yaml': channelsFileSchema,
  'facts.yaml': factsFileSchema,
  'lexicon.yaml': lexiconFileSchema,
  'regions.yaml': regionsFileSchema,
  'understanding.yaml': understandingFileSchema,
  'scope.yaml': scopeFileSchema,
} as const;

export type IntentsFile = z.infer<typeof intentsFileSchema>;
export type ResponsesFile = z.infer<typeof responsesFileSchema>;
export type Source = z.infer<typeof sourceSchema>;
export type PercentFigure = z.infer<typeof percentFigure>;
export type CoverageFile = z.infer<typeof coverageFileSchema>;
export type CoverageEntry = CoverageFile['national'][number];
export type AwardsFile = z.infer<typeof awardsFileSchema>;
export type ChannelsFile = z.infer<typeof channelsFileSchema>;
export type FactsFile = z.infer<typeof factsFileSchema>;
export type LexiconFile = z.infer<typeof lexiconFileSchema>;
export type RegionsFile = z.infer<typeof regionsFileSchema>;
export type MenuFile = z.infer<typeof menuFileSchema>;
export type UnderstandingFile = z.infer<typeof understandingFileSchema>;
export type ScopeFile = z.infer<typeof scopeFileSchema>;
export type Category = z.infer<typeof category>;
export type Bilingual = z.infer<typeof bilingual>;
