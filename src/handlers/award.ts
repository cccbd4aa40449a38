// UHC Award answers: what a region received and what the category means, the event, the categories and
// their criteria, and how many regions won. Only what data/awards.yaml records; no guessing.
import type { Snapshot } from '../content/load.js';
import { formatDayDate, formatNumber, formatPercent, formatSource } from '../content/format.js';
import type { Lang } from '../nlu/language.js';
import type { HandlerEntry, HandlerResult, Turn } from './types.js';
import { regionVars } from './common.js';

const eventCache = new WeakMap<Snapshot, Partial<Record<Lang, Record<string, string>>>>();
/** The event's values, formatted once per content snapshot and language. */
function eventVars(s: Snapshot, lang: Lang): Record<string, string> {
  let c = eventCache.get(s);
  if (!c) eventCache.set(s, (c = {}));
  return (c[lang] ??= buildEventVars(s, lang));
}

function buildEventVars(s: Snapshot, lang: Lang): Record<string, string> {
  const e = s.awards.event;
  const w = e.winners;
  const by = w.regencies_and_cities_by_category;
  return {
    year: String(e.year),
    date: formatDayDate(e.date, lang),
    venue: e.venue,
    title: e.title,
    presenter: e.presenter[lang],
    organiser: e.organiser[lang],
    provinces: formatNumber(w.provinces, lang),
    regencies: formatNumber(w.regencies_and_cities, lang),
    utama: formatNumber(by.utama ?? 0, lang),
    madya: formatNumber(by.madya ?? 0, lang),
    pratama: formatNumber(by.pratama ?? 0, lang),
    event_source: e.sources.map((x) => formatSource(x, lang)).join('; '),
    event_note: e.note?.[lang] ?? '',
    counts_note: e.winners.note?.[lang] ?? '',
  };
}

function categoryList(s: Snapshot, lang: Lang): string {
  return s.awards.categories.map((c) => `• *${c.name}*: ${c.criteria[lang]}`).join('\n');
}

function regionResult(turn: Turn): HandlerResult {
  const s = turn.snapshot;
  const ev = eventVars(s, turn.lang);
  if (!turn.region) {
    if (turn.unknownPlace) return { replies: [turn.say('award.region_result', 'unknown_place', { place: turn.unknownPlace, ...ev })] };
    return { awaitRegion: true, replies: [turn.say('award.region_result', 'ask_region', ev)] };
  }
  const r = turn.region;
  const results = s.awards.byRegion.get(r.region.code) ?? [];
  const current = results.find((x) => x.year === s.awards.event.year);
  const base = { ...ev, ...regionVars(r, turn) };
  if (current) {
    const cat = s.awards.categories.find((c) => c.key === current.category);
    return { regionCode: r.region.code, replies: [turn.say('award.region_result', 'received', {
      ...base, category: cat?.name ?? current.category, category_criteria: cat?.criteria[turn.lang],
      source: formatSource(current.source, turn.lang), note: current.note?.[turn.lang],
    })] };
  }
  const earlier = results[0];
  const earlierCat = earlier ? s.awards.categories.find((c) => c.key === earlier.category)?.name ?? earlier.category : undefined;
  return { regionCode: r.region.code, replies: [turn.say('award.region_result', 'no_record', {
    ...base,
    earlier: earlier ? (turn.lang === 'id'
      ? `Catatan saya: ${r.region.name} menerima UHC Award ${earlier.year} kategori ${earlierCat} (${formatSource(earlier.source, turn.lang)}).`
      : `For the record: ${r.region.name} received the ${earlier.year} UHC Award in the ${earlierCat} category (${formatSource(earlier.source, turn.lang)}).`) : undefined,
  })] };
}

function knownWinners(s: Snapshot, lang: Lang): string {
  const year = s.awards.event.year;
  return s.awards.categories.map((c) => {
    const names = [...s.awards.byRegion.values()].flat().filter((r) => r.year === year && r.category === c.key).map((r) => r.resolved.name);
    return names.length ? `• ${c.name}: ${names.join(', ')}` : '';
  }).filter(Boolean).join('\n') || (lang === 'id' ? '(belum ada)' : '(none yet)');
}

const EVENT = ['year', 'date', 'venue', 'title', 'presenter', 'organiser', 'provinces', 'regencies', 'utama', 'madya', 'pratama', 'event_source', 'event_note', 'counts_note'];

export const awardHandlers: Record<string, HandlerEntry> = {
  'award.region_result': {
    topic: 'award',
    handle: regionResult,
    cases: {
      received: [...EVENT, 'region', 'alternatives', 'category', 'category_criteria', 'source', 'note'],
      no_record: [...EVENT, 'region', 'alternatives', 'earlier'],
      ask_region: EVENT,
      unknown_place: ['place', ...EVENT],
    },
  },
  'award.event': {
    topic: 'award',
    handle: (turn) => (turn.region ? { ...regionResult(turn), intent: 'award.region_result' }
      : { replies: [turn.say('award.event', 'default', eventVars(turn.snapshot, turn.lang))] }),
    cases: { default: EVENT },
  },
  'award.categories': {
    handle: (turn) => {
      const s = turn.snapshot;
      const utama = s.awards.categories.find((c) => c.key === 'utama');
      return { replies: [turn.say('award.categories', 'default', {
        ...eventVars(s, turn.lang), categories: categoryList(s, turn.lang), requirements: s.awards.common_requirements[turn.lang],
        utama_coverage: utama ? formatPercent(utama.coverage_min_pct, turn.lang) : undefined,
        sources: [...new Set(s.awards.categories.flatMap((c) => c.sources.map((x) => formatSource(x, turn.lang))))].join('; '),
      })] };
    },
    cases: { default: [...EVENT, 'categories', 'requirements', 'utama_coverage', 'sources'] },
  },
  'award.winners': {
    topic: 'award',
    handle: (turn) => (turn.region ? { ...regionResult(turn), intent: 'award.region_result' }
      : { replies: [turn.say('award.winners', 'default', { ...eventVars(turn.snapshot, turn.lang), known: knownWinners(turn.snapshot, turn.lang) })] }),
    cases: { default: [...EVENT, 'known'] },
  },
};
