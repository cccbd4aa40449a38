// UHC Award answers: what a region received, who received it and why; the event (date, venue, presenter,
// organiser, data period, target); the categories and their criteria; how many regions won; earlier
// editions; the officials quoted. Only what data/awards.yaml records; a year it has no edition of is said so.
import type { Snapshot, AwardResult } from '../content/load.js';
import type { Category } from '../content/schema.js';
import { formatDate, formatDayDate, formatNumber, formatPercent, formatSource } from '../content/format.js';
import type { Lang } from '../nlu/language.js';
import type { Answer, Handler, Question, ResolvedRegion } from './types.js';
import { categoryName, coverageVars, pctValue, regionVars } from './common.js';
import { withFields } from '../util/objects.js';
import { LABEL } from '../nlu/labels.js';

const eventCache = new WeakMap<Snapshot, Partial<Record<Lang, Record<string, string>>>>();
/** The event's values, formatted once per content snapshot and language. */
function eventVars(s: Snapshot, lang: Lang): Record<string, string> {
  let c = eventCache.get(s);
  if (!c) eventCache.set(s, (c = {}));
  return (c[lang] ??= buildEventVars(s, lang));
}

function buildEventVars(s: Snapshot, lang: Lang): Record<string, string> {
  const e = s.awards.event;
  const by = e.winners.regencies_and_cities_by_category;
  return {
    year: String(e.year),
    date: formatDayDate(e.date, lang),
    venue: e.venue,
    title: e.title,
    presenter: e.presenter[lang],
    organiser: e.organiser[lang],
    data_until: formatDate(e.data_until, lang),
    provinces: formatNumber(e.winners.provinces, lang),
    regencies: formatNumber(e.winners.regencies_and_cities, lang),
    utama: formatNumber(by.utama ?? 0, lang),
    madya: formatNumber(by.madya ?? 0, lang),
    pratama: formatNumber(by.pratama ?? 0, lang),
    event_source: e.sources.map((x) => formatSource(x, lang)).join('; '),
    event_note: e.note?.[lang] ?? '',
    counts_note: e.winners.note?.[lang] ?? '',
    requirements: s.awards.common_requirements[lang],
  };
}
const EVENT = ['year', 'date', 'venue', 'title', 'presenter', 'organiser', 'data_until', 'provinces', 'regencies', 'utama', 'madya',
  'pratama', 'event_source', 'event_note', 'counts_note', 'requirements'];

/** The categories a question names ("Utama dan Pratama"), in the order of data/awards.yaml. */
function namedCategories(q: Question): Category[] {
  return q.snapshot.awards.categories.filter((c) => q.words.words.has(c.key) || q.words.stems.has(c.key)).map((c) => c.key);
}

function categoryLines(s: Snapshot, lang: Lang, only: Category[] = []): string {
  return s.awards.categories.filter((c) => !only.length || only.includes(c.key)).map((c) => `• *${c.name}*: ${c.criteria[lang]}`).join('\n');
}

/**
 * The year of the edition asked about: the one the question names, or the year before the current edition
 * for "tahun lalu" / "edisi sebelumnya" (as a follow-up takes the year before the last answer's).
 */
function askedYear(q: Question): number | undefined {
  return q.year ?? (q.words.labels.has(LABEL.lastYear) ? q.snapshot.awards.event.year - 1 : undefined);
}

/** A year the question asks about that is not the current edition: an earlier edition, or none on record. */
function otherEdition(q: Question): Answer | undefined {
  const s = q.snapshot;
  const year = askedYear(q);
  if (year === undefined || year === s.awards.event.year) return undefined;
  const ev = s.awards.earlierEvents.find((e) => e.year === year);
  if (ev) {
    return { case: 'earlier_event', intent: 'award.event', year: ev.year, vars: { year: String(ev.year), date: formatDayDate(ev.date, q.lang),
      venue: ev.venue, presenter: ev.presenter[q.lang], winners: ev.winners[q.lang], criteria: ev.criteria?.[q.lang],
      event_source: ev.sources.map((x) => formatSource(x, q.lang)).join('; ') } };
  }
  const known = [s.awards.event.year, ...s.awards.earlierEvents.map((e) => e.year)].sort().join(', ');
  return { case: 'no_edition', intent: 'award.event', vars: { year: String(year), known,
    note: s.awards.missingEditions.find((m) => m.year === year)?.note[q.lang] } };
}

function regionResult(q: Question, r: ResolvedRegion): Answer {
  const s = q.snapshot;
  const ev = eventVars(s, q.lang);
  const results = s.awards.byRegion.get(r.region.code) ?? [];
  const wantedYear = askedYear(q) ?? s.awards.event.year;
  const result = results.find((x) => x.year === wantedYear);
  const base = withFields(ev, regionVars(r, q.lang), { year: String(wantedYear) });
  if (!result) {
    const other = results[0];
    return { case: 'no_record', regionCode: r.region.code, vars: withFields(base, {
      earlier_year: other ? String(other.year) : undefined, earlier_category: other ? categoryName(s, other.category) : undefined,
      earlier_source: other ? formatSource(other.source, q.lang) : undefined }) };
  }
  const criteria = s.awards.categories.find((c) => c.key === result.category)?.criteria[q.lang];
  // The criteria of the edition the result is from: the 2026 bars are not those of 2024.
  const current = result.year === s.awards.event.year;
  const vars = withFields(base, { category: categoryName(s, result.category), category_criteria: current ? criteria : undefined,
    edition_criteria: current ? undefined : s.awards.earlierEvents.find((e) => e.year === result.year)?.criteria?.[q.lang],
    source: formatSource(result.source, q.lang), note: result.note?.[q.lang], edition: current ? undefined : String(result.year) });
  switch (q.ask) {
    case 'receiver':
      return result.received_by
        ? { case: 'receiver', regionCode: r.region.code, vars: withFields(vars, { receiver: result.received_by.name, receiver_role: result.received_by.role[q.lang] }) }
        : { case: 'receiver_unknown', regionCode: r.region.code, vars };
    case 'reason':
      return { case: 'reason', regionCode: r.region.code, vars: withFields(vars, reasonVars(q, r, result)) };
    default:
      return { case: 'received', regionCode: r.region.code, vars };
  }
}

/**
 * Why a region got its category: what the sources say, its own figures, and the bar of the next
 * category up that its figures do not reach.
 */
function reasonVars(q: Question, r: ResolvedRegion, result: AwardResult): Record<string, string | undefined> {
  const s = q.snapshot;
  const lang = q.lang;
  const entry = s.coverage.byRegion.get(r.region.code)?.find((e) => !e.programme && e.as_of.startsWith(String(result.year)))
    ?? s.coverage.byRegion.get(r.region.code)?.find((e) => !e.programme);
  const v = entry ? coverageVars(entry, lang) : undefined;
  const order = s.awards.categories.map((c) => c.key);
  const higher = order.slice(0, order.indexOf(result.category)).reverse()[0];
  const next = higher ? s.awards.categories.find((c) => c.key === higher) : undefined;
  let gap: string | undefined;
  if (next && entry) {
    const cov = pctValue(entry.coverage_pct);
    const act = pctValue(entry.active_pct);
    const misses = [
      act !== undefined && act < next.active_min_pct ? (lang === 'id' ? `keaktifan minimal ${formatPercent(next.active_min_pct, lang)} (${r.region.name}: ${v?.active})`
        : `an active rate of at least ${formatPercent(next.active_min_pct, lang)} (${r.region.name}: ${v?.active})`) : undefined,
      cov !== undefined && cov < next.coverage_min_pct ? (lang === 'id' ? `cakupan minimal ${formatPercent(next.coverage_min_pct, lang)} (${r.region.name}: ${v?.coverage})`
        : `coverage of at least ${formatPercent(next.coverage_min_pct, lang)} (${r.region.name}: ${v?.coverage})`) : undefined,
    ].filter(Boolean);
    if (misses.length) gap = misses.join(lang === 'id' ? ' dan ' : ' and ');
  }
  return {
    reason: result.reason?.[lang],
    figures_coverage: v?.coverage, figures_active: v?.active, figures_as_of: v?.as_of, figures_source: v?.source,
    no_figures: entry ? undefined : r.region.name,
    next_category: next && gap ? next.name : undefined, gap,
  };
}

function knownWinners(s: Snapshot, lang: Lang, only: Category[] = []): string {
  const year = s.awards.event.year;
  return s.awards.categories.filter((c) => !only.length || only.includes(c.key)).map((c) => {
    const names = [...s.awards.byRegion.values()].flat().filter((r) => r.year === year && r.category === c.key).map((r) => r.resolved.name);
    return names.length ? `• ${c.name}: ${names.join(', ')}` : '';
  }).filter(Boolean).join('\n') || (lang === 'id' ? '(belum ada)' : '(none yet)');
}

/** The people quoted, those of the question's region first; a role word in the question narrows them. */
function officials(q: Question): Answer {
  const s = q.snapshot;
  const codes = new Set(q.regions.map((r) => r.region.code));
  const inRegion = s.awards.people.filter((p) => !codes.size || (p.region && codes.has(s.regions.byOfficialName(p.region)?.code ?? '')));
  const named = (text: string) => text.toLowerCase().split(/[^a-z]+/).some((w) => w.length > 3 && (q.words.words.has(w) || q.words.stems.has(w)));
  const byName = s.awards.people.filter((p) => named(p.name));
  const byRole = inRegion.filter((p) => named(p.role.id));
  const chosen = (byName.length ? byName : byRole.length ? byRole : inRegion).slice(0, 3);
  if (!chosen.length) return { case: 'no_official', vars: { ...regionVars(q.regions[0], q.lang) } };
  const lines = chosen.map((p) => `• *${p.name}*, ${p.role[q.lang]}: ${p.said[q.lang]} (${formatSource(p.source, q.lang)})`).join('\n');
  return { case: q.ask === 'quote' ? 'quote' : 'default', regionCode: q.regions[0]?.region.code, vars: { lines } };
}

const RESULT = [...EVENT, 'region', 'alternatives', 'district', 'category', 'category_criteria', 'source', 'note', 'edition', 'edition_criteria'];

const hasAwardData = (s: Snapshot, code: string) => s.awards.byRegion.has(code);

export const awardHandlers: Record<string, Handler> = {
  'award.region_result': {
    hasData: hasAwardData,
    region: 'needed',
    cases: {
      received: RESULT,
      receiver: [...RESULT, 'receiver', 'receiver_role'],
      receiver_unknown: RESULT,
      reason: [...RESULT, 'reason', 'figures_coverage', 'figures_active', 'figures_as_of', 'figures_source', 'no_figures', 'next_category', 'gap'],
      no_record: [...EVENT, 'region', 'alternatives', 'district', 'earlier_year', 'earlier_category', 'earlier_source'],
      ask_region: EVENT,
      unknown_place: ['place', ...EVENT],
      receivers: [...EVENT, 'lines'],
    },
    answer: (q) => {
      if (q.regions.length) return q.regions.map((r) => regionResult(q, r));
      const other = otherEdition(q);
      if (other) return other;
      const ev = eventVars(q.snapshot, q.lang);
      if (q.unknownPlace) return { case: 'unknown_place', vars: { place: q.unknownPlace, ...ev } };
      if (q.ask === 'receiver') {
        const lines = [...q.snapshot.awards.byRegion.values()].flat().filter((r) => r.received_by && r.year === q.snapshot.awards.event.year)
          .map((r) => `• ${r.resolved.name}: ${r.received_by?.name} (${r.received_by?.role[q.lang]})`).join('\n');
        return { case: 'receivers', vars: withFields(ev, { lines }) };
      }
      return { case: 'ask_region', vars: ev };
    },
  },
  'award.event': {
    hasData: hasAwardData,
    cases: {
      default: EVENT, date: EVENT, venue: EVENT, presenter: EVENT, organiser: EVENT, next: EVENT, target: [...EVENT, 'target'],
      earlier_event: ['year', 'date', 'venue', 'presenter', 'winners', 'criteria', 'event_source'],
      no_edition: ['year', 'known', 'note'],
    },
    answer: (q) => {
      const other = otherEdition(q);
      if (other) return other;
      const target = q.snapshot.coverage.targets[0];
      return { case: q.ask ?? 'default', vars: withFields(eventVars(q.snapshot, q.lang), { target: target ? `${target.text[q.lang]} (${formatSource(target.source, q.lang)})` : undefined }) };
    },
  },
  'award.categories': {
    hasData: hasAwardData,
    cases: { default: [...EVENT, 'categories'], list: [...EVENT, 'categories'], named: [...EVENT, 'categories'], data_period: [...EVENT, 'categories'] },
    answer: (q) => {
      const other = otherEdition(q);
      if (other) return other;
      const named = namedCategories(q);
      const categories = categoryLines(q.snapshot, q.lang, named);
      if (q.ask === 'data_period') return { case: 'data_period', vars: withFields(eventVars(q.snapshot, q.lang), { categories }) };
      return { case: named.length ? 'named' : q.ask === 'list' ? 'list' : 'default', vars: withFields(eventVars(q.snapshot, q.lang), { categories }) };
    },
  },
  'award.winners': {
    hasData: hasAwardData,
    cases: { default: [...EVENT, 'known'], count: EVENT, category_count: [...EVENT, 'category', 'count', 'known'] },
    answer: (q) => {
      const other = otherEdition(q);
      if (other) return other;
      const s = q.snapshot;
      const named = namedCategories(q);
      const ev = eventVars(s, q.lang);
      const only = named[0];
      if (only) {
        return { case: 'category_count', vars: withFields(ev, { category: categoryName(s, only),
          count: formatNumber(s.awards.event.winners.regencies_and_cities_by_category[only] ?? 0, q.lang), known: knownWinners(s, q.lang, [only]) }) };
      }
      return { case: q.ask === 'count' ? 'count' : 'default', vars: withFields(ev, { known: knownWinners(s, q.lang) }) };
    },
  },
  'award.officials': {
    hasData: hasAwardData,
    region: 'optional',
    cases: { default: ['lines'], quote: ['lines'], no_official: ['region', 'alternatives', 'district'] },
    answer: officials,
  },
};
