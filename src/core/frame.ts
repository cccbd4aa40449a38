// Step 2 of a turn: from the message's reading to question frames. One frame per question in the message
// (statements around it lend their words): what it is about (intent), which answer it asks for (the case
// whose `asks` it matches best) and what it shows of its own (a JKN word, a topic word, a follow-up word,
// something foreign). A frame without a topic of its own is left for the conversation to complete.
import type { Snapshot } from '../content/load.js';
import type { Understanding, Reading } from '../nlu/nlu.js';
import type { AskMatch } from '../nlu/phrases.js';
import type { Scored } from '../nlu/classifier.js';
import { LABEL, foreignIn, type ForeignGroup } from './scope.js';
import { handlerFor } from '../handlers/index.js';

export interface Frame {
  reading: Reading;
  /** The intent the question shows by itself; undefined when it has no topic of its own ("itu kapan?"). */
  intent?: string;
  ask?: string;
  confidence: number;
  /** The classifier was unsure and no `asks` settled it. */
  unsure: boolean;
  asks: AskMatch[];
  ranking: Scored[];
  jkn: boolean;
  topical: boolean;
  followUp: boolean;
  foreign?: ForeignGroup;
  /** The classifier put it in its out-of-scope class, and nothing in it says otherwise. */
  offTopic?: boolean;
}

export interface FrameOptions { minConfidence: number; minMargin: number }

const family = (intent: string) => intent.split('.')[0] ?? '';
/** An answer of another intent is plausible when the classifier gives that intent this share of the top score. */
const PLAUSIBLE = 0.1;
/** A top probability from which the classifier's intent is kept against other intents' `asks`. */
const SURE = 0.8;

export function frameMessage(u: Understanding, s: Snapshot, o: FrameOptions): Frame[] {
  const chatter = (r: Reading) => r.features.every((f) => s.understanding.chatter.has(f)) || r.tokens.length === 0;
  const meaningful = u.clauses.filter((c) => !chatter(c));
  const questions = meaningful.filter((c) => c.isQuestion);
  if (questions.length <= 1) {
    // One question (with its statements), or none: the message is read as a whole.
    if (meaningful.length && meaningful.length < u.clauses.length) {
      const reading = s.nlu.merge(meaningful);
      return [frameOf(reading, s.nlu.classify(reading.features, reading.knownShare), s, o)];
    }
    return [frameOf(u, u, s, o)];
  }
  const statements = meaningful.filter((c) => !c.isQuestion);
  const frames = questions.map((q) => {
    const reading = statements.length ? s.nlu.merge([...statements, q]) : q;
    return frameOf(reading, s.nlu.classify(reading.features, reading.knownShare), s, o, q);
  });
  // "Piala Citra 2026 kapan & dimana acaranya?": a question without a JKN word of its own is about the
  // foreign thing its neighbour names.
  const foreign = frames.find((f) => f.foreign)?.foreign;
  return foreign ? frames.map((f) => (f.jkn || f.foreign ? f : { ...f, foreign })) : frames;
}

/** A frame for one question; `own` is the question's own clause when statements lent their words. */
function frameOf(reading: Reading, c: { ranking: Scored[]; confidence: number }, s: Snapshot, o: FrameOptions, own: Reading = reading): Frame {
  const labels = own.labels;
  const jkn = reading.labels.has(LABEL.jkn);
  const topical = jkn || reading.labels.has(LABEL.topic);
  const followUp = labels.has(LABEL.followUp);
  const foreign = foreignIn(reading.labels, s);
  const asks = s.nlu.asks.match(reading.bag);
  const base = { reading: { ...own, regions: reading.regions, years: reading.years, national: reading.national, unknownPlace: reading.unknownPlace },
    asks, ranking: c.ranking, jkn, topical, followUp, foreign };
  // The classifier's out-of-scope class speaks only for a message with nothing of JKN in it: with a JKN or
  // topic word, or an answer's `asks` matched, the best of the other intents is taken instead.
  let ranking = c.ranking;
  let confidence = c.confidence;
  const standalone = (i: string) => s.understanding.standalone.has(family(i));
  const offTopic = !!ranking[0] && family(ranking[0].intent) === 'fallback';
  // Likewise small talk and help do not answer a message that asks for an answer of another family
  // ("terus dendanya?" is not "oke"; "yang nyerahin siapa?" is not "who are you?").
  const asksElsewhere = asks.some((a) => !standalone(a.intent) && (a.score >= 2 || topical || followUp));
  const dropped = offTopic && (topical || asks.length) ? (i: string) => family(i) === 'fallback' || (asksElsewhere && standalone(i))
    : ranking[0] && standalone(ranking[0].intent) && asksElsewhere ? standalone
      : topical ? (i: string) => family(i) === 'fallback' : undefined;
  if (dropped) {
    const before = ranking[0];
    ranking = ranking.filter((r) => !dropped(r.intent));
    const next = ranking[0];
    if (next !== before) confidence = next ? Math.sqrt(next.score * s.nlu.classifier.nearest(reading.features, next.intent)) * (reading.features.length ? reading.knownShare : 1) : 0;
  }
  const top = ranking[0];
  const second = ranking[1];
  const margin = second && family(second.intent) !== family(top?.intent ?? '') ? (top?.score ?? 0) - second.score : 1;
  const confident = !!top && confidence >= o.minConfidence && margin >= o.minMargin;

  if (offTopic && !topical && !asks.length && !foreign) {
    // Off topic by the classifier, and nothing here says otherwise; a short follow-up may still build on the
    // conversation ("itu kapan?"), which context.ts decides.
    return { ...base, ranking, intent: undefined, offTopic: true, confidence, unsure: !confident };
  }
  // Small talk, help and the bot itself are answered as such (by the answer their words ask for, if any),
  // whatever the conversation was about.
  if (top && confident && standalone(top.intent)) {
    const own = asks.filter((a) => family(a.intent) === family(top.intent));
    const a = own.reduce<AskMatch | undefined>((b, x) => (!b || x.score > b.score || (x.score === b.score && x.intent === top.intent) ? x : b), undefined);
    return { ...base, ranking, intent: a?.intent ?? top.intent, ask: a?.caseName, confidence, unsure: false };
  }
  if (!topical && !foreign) {
    // No topic of its own: the conversation (or the question before it) decides what it is about.
    return { ...base, ranking, intent: undefined, confidence, unsure: !confident };
  }
  // The answer asked for: among the top intent's family, from intents the classifier finds plausible (the
  // classifier's intent wins a tie); another family's only with a more specific match (two words or more).
  const scoreOf = (intent: string) => ranking.find((r) => r.intent === intent)?.score ?? 0;
  const plausible = (a: AskMatch) => !!top && (a.intent === top.intent || scoreOf(a.intent) >= PLAUSIBLE * top.score
    || ranking.slice(0, 3).some((r) => r.intent === a.intent));
  // A very sure classifier keeps its intent unless another's answer is asked for very specifically.
  const inFamily = top ? asks.filter((a) => family(a.intent) === family(top.intent) && plausible(a)
    && (a.intent === top.intent || top.score < SURE || a.score >= 3)) : [];
  // Ties go to the match with more words (not aspects), then to the intent with more of its answers asked
  // for, then to the classifier's intent.
  const weight = (intent: string) => asks.reduce((sum, a) => sum + (a.intent === intent ? a.score : 0), 0);
  const better = (a: AskMatch, b: AskMatch) => a.score > b.score || (a.score === b.score && (a.words > b.words || (a.words === b.words
    && (weight(a.intent) > weight(b.intent) || (weight(a.intent) === weight(b.intent) && a.intent === top?.intent && b.intent !== top?.intent)))));
  const pick = (list: AskMatch[]) => list.reduce((best, a) => (better(a, best) ? a : best));
  const bestIn = inFamily.length ? pick(inFamily) : undefined;
  // A confident classifier is overruled only when its intent needs a region the question does not give; an
  // unsure one also by an answer asked for with a word of its own ("pandawa", not just "@when").
  const chosen = bestIn?.intent ?? top?.intent;
  const regionless = !!chosen && handlerFor(chosen).region === 'needed' && !reading.regions.length && !reading.unknownPlace;
  const strong = (a: AskMatch) => a.score >= 2 || (!confident && a.words >= 1);
  const across = confident && !regionless ? [] : asks.filter((a) => strong(a) && a.score > (bestIn?.score ?? 0) && (!top || family(a.intent) !== family(top.intent)));
  if (across.length) {
    const a = pick(across);
    return { ...base, ranking, intent: a.intent, ask: a.caseName, confidence: Math.max(confidence, o.minConfidence), unsure: false };
  }
  if (bestIn) return { ...base, ranking, intent: bestIn.intent, ask: bestIn.caseName, confidence: Math.max(confidence, o.minConfidence), unsure: false };
  return { ...base, ranking, intent: top?.intent, confidence, unsure: !confident };
}
