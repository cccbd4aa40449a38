// Intents whose answer is a fixed text from responses/ (activation steps, help, small talk), plus the
// two activation answers that depend on the region, and the fallback.
import type { HandlerEntry, HandlerResult, Turn } from './types.js';
import { regionVars } from './common.js';
import { formatSource } from '../content/format.js';

/** Any intent without its own handler: its "default" answer. Editors can add such intents without code. */
export const answerDefault = (turn: Turn): HandlerResult => ({ replies: [turn.say(turn.intent, 'default')] });

function sameDayActivation(turn: Turn): HandlerResult {
  const s = turn.snapshot;
  const r = turn.region;
  if (!r) return answerDefault(turn);
  const award = s.awards.byRegion.get(r.region.code)?.find((a) => a.year === s.awards.event.year);
  const category = award ? s.awards.categories.find((c) => c.key === award.category)?.name : undefined;
  const vars = { ...regionVars(r, turn), award_year: award ? String(award.year) : undefined, award_category: category,
    source: award ? formatSource(award.source, turn.lang) : undefined };
  return { regionCode: r.region.code, replies: [turn.say('activation.uhc_same_day', award ? 'region_uhc' : 'region_unknown', vars)] };
}

export interface FallbackHints { nearMiss?: string }

export function fallback(turn: Turn, kind: 'default' | 'empty' | 'media' | 'error', hints: FallbackHints = {}): HandlerResult {
  if (kind === 'default' && hints.nearMiss) {
    return { intent: 'fallback', replies: [turn.say('fallback.default', 'near_miss', { suggestion: hints.nearMiss })] };
  }
  return { intent: 'fallback', replies: [turn.say('fallback.default', kind)] };
}

export const simpleHandlers: Record<string, HandlerEntry> = {
  'activation.uhc_same_day': {
    handle: sameDayActivation,
    cases: { default: [], region_uhc: ['region', 'alternatives', 'award_year', 'award_category', 'source'], region_unknown: ['region', 'alternatives'] },
  },
  'fallback.default': { handle: (turn) => fallback(turn, 'default'), cases: { default: [], near_miss: ['suggestion'], empty: [], media: [], error: [], rate_limited: [] } },
  'fallback.privacy': { handle: answerDefault, cases: { default: ['masked'] } },
  'fallback.out_of_scope': { handle: (turn) => fallback(turn, 'default'), cases: {} },
};
