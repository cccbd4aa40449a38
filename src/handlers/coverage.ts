// Coverage statistics: a region's figures with date and source, the national figures, or a plain
// "no figure for this region" with the national context and where to ask. Never a made-up number.
import type { HandlerEntry, HandlerResult, Turn } from './types.js';
import { coverageVars, entryForYear, nationalVars, regionVars } from './common.js';

const FIGURES = ['as_of', 'participants', 'coverage', 'active', 'active_definition', 'source', 'note'];
const NATIONAL = ['national_participants', 'national_coverage', 'national_active', 'national_as_of', 'national_source'];

function national(turn: Turn): HandlerResult {
  const n = entryForYear(turn.snapshot.coverage.national, turn.u.text);
  const vars = n ? coverageVars(n, turn.lang) : {};
  return { intent: 'coverage.national', replies: [turn.say('coverage.national', 'default', vars)] };
}

function region(turn: Turn): HandlerResult {
  const s = turn.snapshot;
  if (!turn.region) {
    if (turn.u.national) return national(turn);
    if (turn.unknownPlace) {
      return { replies: [turn.say('coverage.region', 'unknown_place', { place: turn.unknownPlace, ...nationalVars(s, turn.lang) })] };
    }
    return { awaitRegion: true, replies: [turn.say('coverage.region', 'ask_region', nationalVars(s, turn.lang))] };
  }
  const r = turn.region;
  const entry = entryForYear(s.coverage.byRegion.get(r.region.code), turn.u.text);
  const award = s.awards.byRegion.get(r.region.code)?.find((a) => a.year === s.awards.event.year);
  const category = award ? s.awards.categories.find((c) => c.key === award.category)?.name : undefined;
  const common = { ...regionVars(r, turn), award_category: category, award_year: award ? String(award.year) : undefined };
  if (entry) {
    return { intent: 'coverage.region', regionCode: r.region.code, replies: [turn.say('coverage.region', 'with_data', { ...common, ...coverageVars(entry, turn.lang) })] };
  }
  return { intent: 'coverage.region', regionCode: r.region.code, replies: [turn.say('coverage.region', 'no_data', { ...common, ...nationalVars(s, turn.lang) })] };
}

export const coverageHandlers: Record<string, HandlerEntry> = {
  'coverage.region': {
    topic: 'coverage',
    handle: region,
    cases: {
      with_data: ['region', 'alternatives', 'award_category', 'award_year', ...FIGURES],
      no_data: ['region', 'alternatives', 'award_category', 'award_year', ...NATIONAL],
      ask_region: NATIONAL,
      unknown_place: ['place', ...NATIONAL],
    },
  },
  'coverage.national': {
    topic: 'coverage',
    handle: (turn) => (turn.region && !turn.u.national ? region(turn) : national(turn)),
    cases: { default: FIGURES },
  },
};
