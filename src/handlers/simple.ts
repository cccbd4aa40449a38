// Intents whose answers are texts from responses/ (activation, help, small talk): the case the question asks
// for, by the `asks` of its cases, else "default". Plus the one activation answer that depends on the region
// ("berobat cukup bawa KTP" in a UHC Prioritas region), and the fallback.
import type { Answer, Handler, Question } from './types.js';
import { categoryName, currentAward, regionVars } from './common.js';
import { formatDate, formatSource } from '../content/format.js';
import { withFields } from '../util/objects.js';

/** Any intent without its own handler: the case asked for, or its "default". Editors add such intents without code. */
export const answerAsked = (q: Question): Answer => ({ case: q.ask ?? 'default' });

function sameDayActivation(q: Question): Answer | Answer[] {
  const s = q.snapshot;
  if (!q.regions.length) return answerAsked(q);
  return q.regions.map((r) => {
    const code = r.region.code;
    const status = s.coverage.uhcStatus.get(code);
    const award = currentAward(s, code);
    const vars = withFields(regionVars(r, q.lang), { award_year: award ? String(award.year) : undefined, award_category: award ? categoryName(s, award.category) : undefined,
      award_source: award ? formatSource(award.source, q.lang) : undefined,
      status_note: status?.note[q.lang], status_as_of: status ? formatDate(status.as_of, q.lang) : undefined,
      status_source: status ? formatSource(status.source, q.lang) : undefined });
    if (status && !status.priority) return { case: 'region_not_priority', regionCode: code, vars };
    return { case: award || status ? 'region_uhc' : 'region_unknown', regionCode: code, vars };
  });
}

const REGION_UHC = ['region', 'alternatives', 'district', 'award_year', 'award_category', 'award_source', 'status_note', 'status_as_of', 'status_source'];

export const simpleHandlers: Record<string, Handler> = {
  'activation.uhc_same_day': {
    region: 'optional',
    cases: { default: [], not_priority: [], meaning: [], region_uhc: REGION_UHC, region_not_priority: REGION_UHC, region_unknown: ['region', 'alternatives', 'district'] },
    answer: sameDayActivation,
  },
  'fallback.default': {
    remember: false,
    cases: { default: [], near_miss: ['suggestion'], out_of_scope: ['refer'], out_of_scope_part: ['refer'], empty: [], media: [], error: [], rate_limited: [] },
    answer: answerAsked,
  },
  'fallback.privacy': { remember: false, cases: { default: ['masked'] }, answer: answerAsked },
  // The classifier's class for questions that are not for this bot: answered as out of scope.
  'fallback.out_of_scope': { remember: false, cases: {}, answer: () => ({ case: 'out_of_scope', intent: 'fallback.default' }) },
};
