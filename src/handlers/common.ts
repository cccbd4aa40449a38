// Pieces several handlers share: the figures of a coverage entry, a region's name with its alternatives.
import type { CoverageEntry } from '../content/schema.js';
import type { Snapshot } from '../content/load.js';
import { formatDate, formatPeople, formatPercent, formatSource } from '../content/format.js';
import type { Lang } from '../nlu/language.js';
import type { Turn, ResolvedRegion } from './types.js';

const ACTIVE_DEFINITION: Record<Lang, Record<string, string>> = {
  id: { of_participants: 'dari jumlah peserta', of_population: 'dari jumlah penduduk', unspecified: '' },
  en: { of_participants: 'of participants', of_population: 'of the population', unspecified: '' },
};

export function coverageVars(e: CoverageEntry, lang: Lang): Record<string, string | undefined> {
  return {
    as_of: formatDate(e.as_of, lang),
    participants: e.participants ? formatPeople(e.participants, lang) : undefined,
    coverage: e.coverage_pct !== undefined ? formatPercent(e.coverage_pct, lang) : undefined,
    active: e.active_pct !== undefined ? formatPercent(e.active_pct, lang) : undefined,
    active_definition: ACTIVE_DEFINITION[lang][e.active_definition] || undefined,
    source: formatSource(e.source, lang),
    note: e.note?.[lang],
  };
}

/** The newest national entry, for answers and for context when a region has no figure. */
export function nationalVars(s: Snapshot, lang: Lang, text = ''): Record<string, string | undefined> {
  const n = entryForYear(s.coverage.national, text);
  if (!n) return {};
  const v = coverageVars(n, lang);
  return { national_participants: v.participants, national_coverage: v.coverage, national_active: v.active,
    national_as_of: v.as_of, national_source: v.source };
}

export function regionVars(r: ResolvedRegion | undefined, turn: Turn): Record<string, string | undefined> {
  if (!r) return {};
  const alt = r.alternatives.map((a) => a.name).join(turn.lang === 'id' ? ' atau ' : ' or ');
  return { region: r.region.name, alternatives: alt || undefined };
}

/** The entry for a year the user named ("akhir 2024"), else the newest. Entries are sorted newest first. */
export function entryForYear<T extends { as_of: string }>(entries: readonly T[] | undefined, text: string): T | undefined {
  if (!entries?.length) return undefined;
  const years = [...text.matchAll(/\b(20[12]\d)\b/g)].map((m) => m[1]);
  for (const y of years) {
    const hit = entries.find((e) => e.as_of.startsWith(y ?? ''));
    if (hit) return hit;
  }
  return entries[0];
}
