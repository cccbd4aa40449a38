// The shape of every content file, in one place. Editors' files are checked against these at load;
// an error names the file, line and field (see load.ts).
import { z } from 'zod';

const nonEmpty = z.string().trim().min(1, 'must not be empty');
const isoDate = z.union([z.string(), z.number().int().transform(String)]).pipe(
  z.string().regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, 'must be a date written YYYY-MM-DD, YYYY-MM or YYYY'));

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
export const responsesFileSchema = z.strictObject({
  responses: z.record(intentName, z.record(z.string().regex(/^[a-z_]+$/, 'case names are lower_snake_case'),
    z.strictObject({ id: variants, en: variants }))),
});

export const sourceSchema = z.strictObject({
  title: nonEmpty,
  url: z.string().url().optional(),
  date: isoDate,
});

const percent = z.number().min(0, 'a percentage cannot be negative').max(150, 'a percentage above 150 is not plausible');
export const percentFigure = z.union([
  percent,
  z.strictObject({ value: percent, qualifier: z.enum(['above', 'at_least', 'about']) }),
]);

const coverageEntry = z.strictObject({
  as_of: isoDate,
  participants: z.number().int().positive().optional(),
  coverage_pct: percentFigure.optional(),
  active_pct: percentFigure.optional(),
  active_definition: z.enum(['of_participants', 'of_population', 'unspecified']).default('unspecified'),
  source: sourceSchema,
  note: z.strictObject({ id: nonEmpty, en: nonEmpty }).optional(),
});

export const coverageFileSchema = z.strictObject({
  national: z.array(coverageEntry).min(1),
  regions: z.array(coverageEntry.extend({ region: nonEmpty })),
});

const bilingual = z.strictObject({ id: nonEmpty, en: nonEmpty });
const category = z.enum(['utama', 'madya', 'pratama']);

export const awardsFileSchema = z.strictObject({
  event: z.strictObject({
    year: z.number().int(),
    date: isoDate,
    venue: nonEmpty,
    title: nonEmpty,
    presenter: bilingual,
    organiser: bilingual,
    winners: z.strictObject({
      provinces: z.number().int().nonnegative(),
      regencies_and_cities: z.number().int().nonnegative(),
      regencies_and_cities_by_category: z.record(category, z.number().int().nonnegative()),
      note: bilingual.optional(),
    }),
    sources: z.array(sourceSchema).min(1),
    note: bilingual.optional(),
  }),
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
    note: bilingual.optional(),
  })),
});

export const channelsFileSchema = z.strictObject({
  channels: z.record(z.string().regex(/^[a-z_]+$/), z.strictObject({
    name: nonEmpty,
    contact: nonEmpty,
    hours: bilingual,
    purpose: bilingual,
    source: sourceSchema,
  })),
});

export const factsFileSchema = z.strictObject({
  facts: z.record(z.string().regex(/^[a-z0-9_]+$/, 'fact keys are lower_snake_case'), z.strictObject({
    value: z.union([z.number(), nonEmpty]),
    unit: z.enum(['days', 'months', 'percent', 'rupiah', 'count', 'text']),
    source: sourceSchema,
  })),
});

const oneWord = z.string().regex(/^[a-z0-9]+$/, 'keys are one lower-case word');
export const lexiconFileSchema = z.strictObject({
  slang: z.record(oneWord, nonEmpty),
  translations: z.record(oneWord, nonEmpty).default({}),
  out_of_scope_words: z.array(oneWord).default([]),
});

export const regionsFileSchema = z.strictObject({
  aliases: z.record(nonEmpty, nonEmpty),
  needs_prefix: z.array(nonEmpty),
  national_words: z.array(nonEmpty).min(1),
});

export const menuFileSchema = z.strictObject({
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
export type Category = z.infer<typeof category>;
export type Bilingual = z.infer<typeof bilingual>;
