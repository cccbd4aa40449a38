// Coverage statistics: a region's figures with date and source (the figure asked first), the national
// figures for a year, their history, inactive participants, UHC-region counts, the lowest regions and the
// targets. A plain "no figure" where data/coverage.yaml has none; an old figure is said to be old.
import type { Snapshot, RegionCoverage } from '../content/load.js';
import type { CoverageEntry } from '../content/schema.js';
import { formatDate, formatNumber, formatPercent, formatSource } from '../content/format.js';
import type { Answer, Handler, Question, ResolvedRegion } from './types.js';
import { categoryName, comparison, coverageVars, currentAward, entryFor, nationalVars, oldVars, pctValue, regionVars } from './common.js';
import { withFields } from '../util/objects.js';

const FIGURES = ['as_of', 'participants', 'coverage', 'active', 'active_participants', 'active_definition', 'source', 'note', 'old', 'newer'];
const REGION = ['region', 'alternatives', 'district', 'together', 'award_category', 'award_year'];
const NATIONAL = ['national_participants', 'national_coverage', 'national_active', 'national_as_of', 'national_source'];
/** Cases of coverage.region that lead with one figure. */
const LEAD = new Set(['active', 'participants', 'as_of']);

function regionAnswer(q: Question, r: ResolvedRegion): Answer {
  const s = q.snapshot;
  const all = s.coverage.byRegion.get(r.region.code) ?? [];
  const entries = q.ask === 'programme' ? all.filter((e) => e.programme) : all.filter((e) => !e.programme);
  const { entry, missing } = entryFor(entries, q.year, q.month);
  const award = currentAward(s, r.region.code);
  const common = withFields(regionVars(r, q.lang), { award_category: award ? categoryName(s, award.category) : undefined,
    award_year: award ? String(award.year) : undefined });
  if (!entry) return { case: 'no_data', regionCode: r.region.code, vars: withFields(common, nationalVars(s, q.lang)) };
  const vars = withFields(common, figureVars(entry, q, entries[0]));
  if (missing) return { case: 'no_year', regionCode: r.region.code, vars: withFields(vars, { year: String(missing) }) };
  if (q.ask === 'programme') return { case: 'programme', regionCode: r.region.code, vars: withFields(vars, { programme: entry.programme?.[q.lang] }) };
  if (q.ask === 'compare_national' || q.national) return compareNational(q, r, entry, vars);
  // (A follow-up carries the case answered before: "participants_missing" asked for participants too.)
  const asked = q.ask?.replace(/_missing$/, '');
  const lead = asked && LEAD.has(asked) ? asked : 'figures';
  // The figure asked for is not in the entry ("how many people in Semarang" where only percentages are
  // known): say so first, then give what there is.
  const absent = (lead === 'participants' || lead === 'active') && !vars[lead];
  return { case: absent ? `${lead}_missing` : lead, regionCode: r.region.code, year: year(entry), vars };
}

/**
 * The figures of an entry; "old" when it is the newest there is and more than a year old, "newer" (the
 * newest entry's date) when an earlier year was asked for.
 */
function figureVars(e: RegionCoverage | CoverageEntry, q: Question, newest: { as_of: string } = e): Record<string, string | undefined> {
  const together = 'together' in e && e.together?.length ? e.together.map((t) => t.name).join(', ') : undefined;
  const dated = newest === e ? oldVars(e, q.now, q.lang) : { newer: formatDate(newest.as_of, q.lang) };
  return withFields(coverageVars(e, q.lang), dated, { together });
}

/** The region's figure beside the national one: the active rate when asked about, else coverage. */
function compareNational(q: Question, r: ResolvedRegion, e: RegionCoverage, vars: Record<string, string | undefined>): Answer {
  const n = q.snapshot.coverage.national.find((x) => x.active_pct !== undefined && x.coverage_pct !== undefined);
  const active = q.words.labels.has('active') || q.follows?.ask === 'active';
  const mine = pctValue(active ? e.active_pct : e.coverage_pct);
  const theirs = n ? pctValue(active ? n.active_pct : n.coverage_pct) : undefined;
  if (!n || mine === undefined || theirs === undefined) return { case: 'figures', regionCode: r.region.code, vars };
  const measure = active ? { id: 'Keaktifan peserta', en: 'The active rate' } : { id: 'Cakupan kepesertaan', en: 'Coverage' };
  return { case: 'compare_national', regionCode: r.region.code, vars: withFields(vars, { measure: measure[q.lang],
    mine: formatPercent((active ? e.active_pct : e.coverage_pct) ?? mine, q.lang),
    theirs: formatPercent((active ? n.active_pct : n.coverage_pct) ?? theirs, q.lang),
    relation: comparison(mine, theirs, q.lang), national_as_of: formatDate(n.as_of, q.lang), national_source: formatSource(n.source, q.lang) }) };
}

const year = (e: { as_of: string }) => Number(e.as_of.slice(0, 4));

function national(q: Question): Answer {
  const s = q.snapshot;
  const lang = q.lang;
  switch (q.ask) {
    case 'inactive': {
      const withInactive = s.coverage.national.filter((e) => e.inactive_participants);
      const { entry, missing } = entryFor(withInactive, q.year, q.month);
      if (!entry) return { case: 'no_figure', intent: 'coverage.national' };
      return { case: 'inactive', intent: 'coverage.national', year: year(entry), vars: withFields(figureVars(entry, q), { year: missing ? String(missing) : undefined }) };
    }
    case 'uhc_regions':
      return { case: 'uhc_regions', intent: 'coverage.national', vars: { lines: s.coverage.uhcRegions.map((u) => `• ${formatDate(u.as_of, lang)}: `
        + (u.provinces !== undefined ? (lang === 'id' ? `${u.provinces} provinsi dan ` : `${u.provinces} provinces and `) : '')
        + (lang === 'id' ? `${formatNumber(u.regencies_and_cities, lang)} kabupaten/kota` : `${formatNumber(u.regencies_and_cities, lang)} regencies/cities`)
        + ` (${u.definition[lang]}; ${formatSource(u.source, lang)})`).join('\n') } };
    case 'lowest': {
      const low = s.coverage.lowest[0];
      if (!low) return { case: 'no_figure', intent: 'coverage.national' };
      const lines = low.regions.map((name) => {
        const r = s.regions.byOfficialName(name);
        const e = r ? s.coverage.byRegion.get(r.code)?.find((x) => x.as_of === low.as_of) : undefined;
        return `• ${name}: ${e?.coverage_pct !== undefined ? formatPercent(e.coverage_pct, lang) : '?'}`;
      });
      return { case: 'lowest', intent: 'coverage.national', vars: { as_of: formatDate(low.as_of, lang), lines: lines.join('\n'), note: low.note?.[lang],
        source: formatSource(low.source, lang), ...oldVars(low, q.now, lang) } };
    }
    case 'target':
      return { case: 'target', intent: 'coverage.national', vars: { lines: s.coverage.targets.map((t) => `• ${t.text[lang]} (${formatSource(t.source, lang)})`).join('\n') } };
    case 'history':
      return history(q);
    case 'arrears_total':
      return { case: 'arrears_total', intent: 'coverage.national' };
    default:
      break;
  }
  const withFigures = s.coverage.national.filter((e) => e.participants || e.coverage_pct !== undefined);
  const { entry, missing } = entryFor(withFigures, q.year, q.month);
  if (!entry) return { case: 'no_figure', intent: 'coverage.national' };
  const vars = figureVars(entry, q, withFigures[0]);
  if (missing) return { case: 'no_year', intent: 'coverage.national', vars: withFields(vars, { year: String(missing) }) };
  return { case: q.ask && LEAD.has(q.ask) ? q.ask : 'default', intent: 'coverage.national', year: year(entry), vars };
}

/** Year-end national figures side by side (the years asked, or all of them). */
function history(q: Question): Answer {
  const years = [...q.words.words].filter((w) => /^20\d\d$/.test(w)).map(Number);
  const yearEnds = q.snapshot.coverage.national.filter((e) => /-12-31$/.test(e.as_of) && (e.participants || e.coverage_pct !== undefined));
  // Two years named: every year-end from the first to the last ("dari 2023 ke 2025").
  const [from, to] = [Math.min(...years), Math.max(...years)];
  const wanted = years.length >= 2 ? yearEnds.filter((e) => year(e) >= from && year(e) <= to) : yearEnds;
  const list = (wanted.length ? wanted : yearEnds).slice().reverse();
  const lines = list.map((e) => {
    const v = coverageVars(e, q.lang);
    return `• ${v.as_of}: ${[v.participants, v.coverage && (q.lang === 'id' ? `cakupan ${v.coverage}` : `coverage ${v.coverage}`),
      v.active && (q.lang === 'id' ? `keaktifan ${v.active}` : `active ${v.active}`)].filter(Boolean).join(', ')} (${v.source})`;
  });
  return { case: 'history', intent: 'coverage.national', vars: { lines: lines.join('\n') } };
}

const regionCases = {
  figures: [...REGION, ...FIGURES],
  active: [...REGION, ...FIGURES],
  participants: [...REGION, ...FIGURES],
  active_missing: [...REGION, ...FIGURES],
  participants_missing: [...REGION, ...FIGURES],
  as_of: [...REGION, ...FIGURES],
  compare_national: [...REGION, ...FIGURES, 'measure', 'mine', 'theirs', 'relation', 'national_as_of', 'national_source'],
  programme: [...REGION, ...FIGURES, 'programme'],
  no_year: [...REGION, ...FIGURES, 'year'],
  no_data: [...REGION, ...NATIONAL],
  ask_region: NATIONAL,
  unknown_place: ['place', ...NATIONAL],
};

const hasCoverageData = (s: Snapshot, code: string) => s.coverage.byRegion.has(code);

export const coverageHandlers: Record<string, Handler> = {
  'coverage.region': {
    hasData: hasCoverageData,
    region: 'needed',
    cases: regionCases,
    answer: (q) => {
      if (q.regions.length) return q.regions.map((r) => regionAnswer(q, r));
      if (q.national) return national(q);
      const ctx = nationalVars(q.snapshot, q.lang);
      if (q.unknownPlace) return { case: 'unknown_place', vars: { place: q.unknownPlace, ...ctx } };
      return { case: 'ask_region', vars: ctx };
    },
  },
  'coverage.national': {
    hasData: hasCoverageData,
    region: 'optional',
    cases: {
      default: [...FIGURES, 'inactive'], active: FIGURES, participants: FIGURES, as_of: FIGURES, no_year: [...FIGURES, 'year'], no_figure: [],
      inactive: [...FIGURES, 'inactive', 'inactive_pct', 'year'], uhc_regions: ['lines'], lowest: ['as_of', 'lines', 'note', 'source', 'old'],
      target: ['lines'], history: ['lines'], arrears_total: [],
    },
    answer: (q) => (q.regions.length && !q.national ? q.regions.map((r) => withFields(regionAnswer(q, r), { intent: 'coverage.region' })) : national(q)),
  },
};
