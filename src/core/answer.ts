// Steps 4-6 of a turn: the scope decision, the handlers' answers, and their rendering into one reply.
// Every part of the reply carries its answer id ("award.region_result/receiver"), so tests can check which
// answer was given without depending on the editors' wording. At most three answers per message; an
// answer that repeats one already given (the same figures for the same region) is left out.
import type { Snapshot } from '../content/load.js';
import { family } from './family.js';
import type { Lang } from '../nlu/language.js';
import type { Vars } from '../content/render.js';
import type { Answer, Question } from '../handlers/types.js';
import { handlerFor } from '../handlers/index.js';
import type { ResolvedQuestion, RememberedFrame } from './context.js';
import { decideScope } from './scope.js';
import type { RegionEntity } from './types.js';
import { withFields } from '../util/objects.js';

export const MAX_ANSWERS = 3;
const NOT_UNDERSTOOD = new Set(['fallback.default/default', 'fallback.default/near_miss']);
const OUT_OF_SCOPE_PART = 'fallback.default/out_of_scope_part';

export interface Part {
  /** "intent/case". */
  id: string;
  intent: string;
  text: string;
  /** Settled by the classifier alone, below the "low confidence" mark (worth showing to editors). */
  doubtful?: boolean;
}

export interface Reply {
  parts: Part[];
  /** The region of the first answer that was about one. */
  region?: RegionEntity;
  /** What the next message may follow up on; undefined keeps the previous frame, null forgets it. */
  remember?: RememberedFrame | null;
}

export type Say = (intent: string, caseName: string, vars?: Vars) => { text: string; placeholders: readonly string[] };

export interface AnswerContext {
  snapshot: Snapshot;
  lang: Lang;
  now: Date;
  say: Say;
  nearMissConfidence: number;
  lowConfidence: number;
  /** The menu label of an intent, for "did you mean ...?". */
  labelOf: (intent: string) => string | undefined;
}


export function answerQuestions(questions: ResolvedQuestion[], c: AnswerContext): Reply {
  const parts: Part[] = [];
  const given: Array<{ intent: string; region?: string; placeholders: ReadonlySet<string> }> = [];
  let remember: RememberedFrame | null | undefined;
  let region: RegionEntity | undefined;
  let outOfScope = 0;
  for (const q of questions) {
    if (parts.length >= MAX_ANSWERS) break;
    const scope = decideScope({ intent: q.intent, jkn: q.frame.jkn, topical: q.frame.topical, foreign: q.frame.foreign, inherited: q.inherited }, c.snapshot);
    if (!scope.inScope && !scope.foreign) {
      // About none of the bot's topics, and nothing foreign either: not understood.
      parts.push(render(c, 'fallback.default', { case: 'default' }));
      continue;
    }
    if (!scope.inScope) {
      outOfScope += 1;
      const refer = scope.foreign?.refer?.[c.lang];
      parts.push(render(c, 'fallback.default', { case: questions.length > 1 ? 'out_of_scope_part' : 'out_of_scope', vars: { refer } }));
      continue;
    }
    if (q.frame.unsure && !q.inherited && !q.ask) {
      const suggestion = q.frame.confidence >= c.nearMissConfidence ? c.labelOf(q.intent) : undefined;
      parts.push(render(c, 'fallback.default', suggestion ? { case: 'near_miss', vars: { suggestion } } : { case: 'default' }));
      continue;
    }
    const handler = handlerFor(q.intent);
    const question: Question = { snapshot: c.snapshot, intent: q.intent, ask: q.ask, lang: c.lang, regions: q.regions, national: q.national,
      year: q.year, month: q.frame.reading.months[0], unknownPlace: q.unknownPlace, kind: q.kind, follows: q.follows, words: q.frame.reading.bag, now: c.now };
    const answers = ([] as Answer[]).concat(handler.answer(question));
    for (const a of answers) {
      const intent = a.intent ?? q.intent;
      const part = render(c, intent, a);
      const ph = new Set(part.placeholders);
      const repeat = given.some((g) => g.intent === intent && g.region === a.regionCode && [...ph].every((p) => g.placeholders.has(p)));
      if (repeat || parts.length >= MAX_ANSWERS) continue;
      given.push({ intent, region: a.regionCode, placeholders: ph });
      const r = q.regions.find((x) => x.region.code === a.regionCode) ?? (a.regionCode ? undefined : q.regions[0]);
      region ??= r && { code: r.region.code, name: r.region.name, kind: r.region.kind, matched: r.matched,
        ...(r.alternatives.length ? { alternatives: r.alternatives.map((x) => x.name) } : {}), ...(r.district ? { district: r.district } : {}) };
      parts.push(withFields(part, { doubtful: !q.ask && !q.inherited && q.frame.confidence < c.lowConfidence }));
      if (handlerFor(intent).remember ?? !c.snapshot.scope.alwaysAnswered.has(family(intent))) {
        remember = { intent, ask: a.case, regions: a.regionCode ? [a.regionCode] : q.regions.map((r) => r.region.code), year: a.year ?? q.year,
          national: q.national, at: c.now.getTime() };
      }
    }
  }
  // Only off-topic questions: the conversation has moved on, and a later "kalau di X?" must not reuse it.
  if (outOfScope && outOfScope === parts.length) remember = null;
  // A part not understood next to parts that were is dropped: "nyuwun pirsa, ... tanggal pinten?" is one question.
  const understood = parts.filter((p) => !NOT_UNDERSTOOD.has(p.id));
  // Every question off topic: one reply that says so, not one per question.
  if (understood.length && understood.every((p) => p.id === OUT_OF_SCOPE_PART)) {
    const refer = questions.map((q) => q.frame.foreign?.refer?.[c.lang]).find(Boolean);
    return { parts: [render(c, 'fallback.default', { case: 'out_of_scope', vars: { refer } })], remember: null };
  }
  return { parts: understood.length ? understood : parts.slice(0, 1), remember, region };
}

function render(c: AnswerContext, intent: string, a: Pick<Answer, 'case' | 'vars'>): Part & { placeholders: readonly string[] } {
  const { text, placeholders } = c.say(intent, a.case, a.vars);
  return { id: `${intent}/${a.case}`, intent, text, placeholders };
}
