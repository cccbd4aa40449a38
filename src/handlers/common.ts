// Pieces several handlers share: the figures of a coverage entry, a region's name with its alternatives,
// the entry for a year, and the note that a figure is old.
import type { CoverageEntry } from '../content/schema.js';
import type { Snapshot, AwardResult } from '../content/load.js';
import { formatDate, formatPeople, formatPercent, formatSource } from '../content/format.js';
import type { Lang } from '../nlu/language.js';
import type { ResolvedRegion } from './types.js';
import type { Vars } from '../content/render.js';

const ACTIVE_DEFINITION: Record<Lang, Record<string, string>> = {
  id: { of_participants: 'dari jumlah peserta', of_population: 'dari jumlah penduduk', unspecified: '' },
  en: { of_participants: 'of participants', of_population: 'of the population', unspecified: '' },
};

/** A figure older than this is said to be old. */
const OLD_AFTER_MS = 365 * 24 * 3600 * 1000;

export function coverageVars(e: CoverageEntry, lang: Lang): Record<string, string | undefined> {
  return {
    as_of: formatDate(e.as_of, lang),
    participants: e.participants ? formatPeople(e.participants, lang) : undefined,
    coverage: e.coverage_pct !== undefined ? formatPercent(e.coverage_pct, lang) : undefined,
    active: e.active_pct !== undefined ? formatPercent(e.active_pct, lang) : undefined,
    active_participants: e.active_participants ? formatPeople(e.active_participants, lang) : undefined,
    inactive: e.inactive_participants ? formatPeople(e.inactive_participants, lang) : undefined,
    inactive_pct: e.inactive_pct !== undefined ? formatPercent(e.inactive_pct, lang) : undefined,
    active_definition: ACTIVE_DEFINITION[lang][e.active_definition] || undefined,
    source: formatSource(e.source, lang),
    note: e.note?.[lang],
  };
}

/** "the figure is from May 2024, more than a year old" when it is; undefined otherwise. */
export function oldVars(e: { as_of: string }, now: Date, lang: Lang): Vars {
  const [y, m = 12, d = 28] = e.as_of.split('-').map(Number);
  const at = Date.UTC(y ?? 0, m - 1, d);
  return now.getTime() - at > OLD_AFTER_MS ? { old: formatDate(e.as_of, lang) } : {};
}

/** The newest national figures, for answers and for context when a region has no figure. */
export function nationalVars(s: Snapshot, lang: Lang): Record<string, string | undefined> {
  const n = s.coverage.national.find((e) => e.participants || e.coverage_pct !== undefined);
  if (!n) return {};
  const v = coverageVars(n, lang);
  return { national_participants: v.participants, national_coverage: v.coverage, national_active: v.active,
    national_as_of: v.as_of, national_source: v.source };
}

export function regionVars(r: ResolvedRegion | undefined, lang: Lang): Record<string, string | undefined> {
  if (!r) return {};
  const alt = r.alternatives.map((a) => a.name).join(lang === 'id' ? ' atau ' : ' or ');
  return { region: r.region.name, alternatives: alt || undefined, district: r.district };
}

/**
 * The entry for the year asked ("akhir 2024"), else the newest. Entries are sorted newest first.
 * `missing` is set when a year was asked and no entry has it.
 */
export function entryFor<T extends { as_of: string }>(entries: readonly T[] | undefined, year: number | undefined, month?: number): { entry?: T; missing?: number } {
  if (!entries?.length) return {};
  if (year === undefined) return { entry: entries[0] };
  const inYear = entries.filter((e) => e.as_of.startsWith(String(year)));
  const inMonth = month ? inYear.find((e) => e.as_of.startsWith(`${year}-${String(month).padStart(2, '0')}`)) : undefined;
  const hit = inMonth ?? inYear[0];
  return hit ? { entry: hit } : { entry: entries[0], missing: year };
}

/** "81,25 persen" vs "81,45 persen": which is higher, in words. */
export function comparison(a: number, b: number, lang: Lang): string {
  if (Math.abs(a - b) < 0.005) return lang === 'id' ? 'sama dengan' : 'the same as';
  if (lang === 'id') return a > b ? 'lebih tinggi dari' : 'lebih rendah dari';
  return a > b ? 'higher than' : 'lower than';
}

export const pctValue = (p: CoverageEntry['coverage_pct']): number | undefined => (p === undefined ? undefined : typeof p === 'number' ? p : p.value);

/** A category's name as the awards file writes it ("Madya"); the key itself if the file has no such category. */
export function categoryName(s: Snapshot, key: string): string {
  return s.awards.categories.find((c) => c.key === key)?.name ?? key;
}

/** The region's result in the current UHC Award edition, if it has one. */
export function currentAward(s: Snapshot, regionCode: string): AwardResult | undefined {
  return s.awards.byRegion.get(regionCode)?.find((a) => a.year === s.awards.event.year);
}
