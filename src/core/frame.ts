// Step 2 of a turn: from the message's reading to question frames. One frame per question in the message
// (statements around it lend their words): what it is about (intent), which answer it asks for (the case
// whose `asks` it matches best) and what it shows of its own (a JKN word, a topic word, a follow-up word,
// something foreign). A frame without a topic of its own is left for the conversation to complete.
import type { Snapshot } from '../content/load.js';
import { family } from './family.js';
import type { Understanding, Reading } from '../nlu/nlu.js';
import type { AskMatch } from '../nlu/phrases.js';
import type { Scored } from '../nlu/classifier.js';
import { foreignIn, type ForeignGroup } from './scope.js';
import { LABEL } from '../nlu/labels.js';
import { isMarker } from '../nlu/regions.js';
import { handlerFor } from '../handlers/index.js';
import { withFields } from '../util/objects.js';

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

/** An answer of another intent is plausible when the classifier gives that intent this share of the top score. */
const PLAUSIBLE = 0.1;
/** A top probability from which the classifier's intent is kept against other intents' `asks`. */
const SURE = 0.8;
/**
 * Small talk answers a question only from this probability: its words are distinctive ("makasih", "halo",
 * "dadah"), and a weak guess ("... dan dokumennya apa saja?" read as "bye" at 0.2) is a question whose topic
 * the conversation gives.
 */
const SMALL_TALK_SURE = 0.4;

export function frameMessage(u: Understanding, s: Snapshot, o: FrameOptions): Frame[] {
  const chatter = (r: Reading) => r.features.every((f) => s.understanding.chatter.has(f)) || r.tokens.length === 0;
  const meaningful = u.clauses.filter((c) => !chatter(c));
  const questions = meaningful.filter((c) => c.isQuestion);
  if (questions.length <= 1) {
    // One question (with its statements), or none: the message is read as a whole.
    if (meaningful.length && meaningful.length < u.clauses.length) {
      const reading = s.nlu.merge(meaningful);
      return [frameOf(reading, s.nlu.classify(reading), s, o)];
    }
    return [frameOf(u, u, s, o)];
  }
  const statements = meaningful.filter((c) => !c.isQuestion);
  const frames = questions.map((q) => {
    const reading = statements.length ? s.nlu.merge([...statements, q]) : q;
    return frameOf(reading, s.nlu.classify(reading), s, o, q);
  });
  // "Piala Citra 2026 kapan & dimana acaranya?": a question without a JKN word of its own is about the
  // foreign thing its neighbour names.
  const foreign = frames.find((f) => f.foreign)?.foreign;
  return foreign ? frames.map((f) => (f.jkn || f.foreign ? f : { ...f, foreign })) : frames;
}

/** A frame for one question; `own` is the question's own clause when statements lent their words. */
function frameOf(reading: Reading, c: { ranking: Scored[]; confidence: number }, s: Snapshot, o: FrameOptions, own: Reading = reading): Frame {
  const jkn = reading.labels.has(LABEL.jkn);
  const topical = jkn || reading.labels.has(LABEL.topic);
  const followUp = own.labels.has(LABEL.followUp);
  const foreign = foreignIn(reading.labels, s);
  // The answer asked for comes from the question's own words first; statements around it only lend theirs
  // when it has none ("... ibu saya kelas 2 ... harus bayar berapa bulan?" asks about arrears, not class 2).
  const ownAsks = own !== reading ? s.nlu.asks.match(own.bag) : [];
  const asks = ownAsks.length ? ownAsks : s.nlu.asks.match(reading.bag);
  const standalone = (i: string) => s.understanding.standalone.has(family(i));
  const offTopic = !!c.ranking[0] && family(c.ranking[0].intent) === 'fallback';
  const { ranking, confidence } = rerank(c, reading, s, { topical, offTopic, asks, followUp, foreign: !!foreign, standalone });
  // The question's own clause with the places and dates of the reading around it (the same object when it has no statements).
  const ownReading = own === reading ? own : withFields(own, { regions: reading.regions, years: reading.years, national: reading.national, unknownPlace: reading.unknownPlace });
  const base = { reading: ownReading,
    asks, ranking, jkn, topical, followUp, foreign, confidence };
  const top = ranking[0];
  const second = ranking[1];
  const margin = second && family(second.intent) !== family(top?.intent ?? '') ? (top?.score ?? 0) - second.score : 1;
  const confident = !!top && confidence >= o.minConfidence && margin >= o.minMargin;

  if (offTopic && !topical && !asks.length && !foreign) {
    // Off topic by the classifier, and nothing here says otherwise; a short follow-up may still build on the
    // conversation ("itu kapan?"), which context.ts decides.
    return withFields(base, { intent: undefined, offTopic: true, unsure: !confident });
  }
  // Small talk, help and the bot itself are answered as such (by the answer their words ask for, if any),
  // whatever the conversation was about; but not a bare question word ("dimana?"), which is a follow-up.
  const hasOwnWords = reading.features.some((x) => !s.understanding.questionStems.has(x) && !isMarker(x));
  const weakSmallTalk = !!top && s.scope.alwaysAnswered.has(family(top.intent)) && top.score < SMALL_TALK_SURE;
  if (top && confident && standalone(top.intent) && !weakSmallTalk && hasOwnWords) {
    const a = best(asks.filter((x) => family(x.intent) === family(top.intent)), tieBreak(asks, top.intent));
    return withFields(base, { intent: a?.intent ?? top.intent, ask: a?.caseName, unsure: false });
  }
  // No topic of its own: the conversation (or the question before it) decides what it is about.
  if (!topical && !foreign) return withFields(base, { intent: undefined, unsure: !confident });
  const a = askedAnswer(asks, ranking, confident, reading);
  if (a) return withFields(base, { intent: a.intent, ask: a.caseName, confidence: Math.max(confidence, o.minConfidence), unsure: false });
  return withFields(base, { intent: top?.intent, unsure: !confident });
}

interface Signals { topical: boolean; offTopic: boolean; asks: AskMatch[]; followUp: boolean; foreign: boolean; standalone: (intent: string) => boolean }

/**
 * The classifier's out-of-scope class speaks only for a message with nothing of JKN in it, and small talk
 * and help do not answer a message that asks for another family's answer ("terus dendanya?" is not "oke";
 * "yang nyerahin siapa?" is not "who are you?"): those intents are set aside and the confidence taken anew.
 */
function rerank(c: { ranking: Scored[]; confidence: number }, reading: Reading, s: Snapshot, g: Signals): { ranking: Scored[]; confidence: number } {
  const asksElsewhere = g.asks.some((a) => !g.standalone(a.intent) && (a.score >= 2 || g.topical || g.followUp));
  const isFallback = (i: string) => family(i) === 'fallback';
  const first = c.ranking[0];
  // With something foreign named, only an answer asked for with a word of its own speaks against the
  // out-of-scope class: "perpanjang paspor syaratnya apa" (@documents alone) is about the passport.
  const asked = g.foreign ? g.asks.some((a) => a.words > 0) : g.asks.length > 0;
  const dropped = g.offTopic && (g.topical || asked) ? (i: string) => isFallback(i) || (asksElsewhere && g.standalone(i))
    : first && g.standalone(first.intent) && asksElsewhere ? g.standalone
      : g.topical ? isFallback : undefined;
  if (!dropped) return c;
  const ranking = c.ranking.filter((r) => !dropped(r.intent));
  const next = ranking[0];
  if (next === first) return { ranking, confidence: c.confidence };
  const confidence = next ? s.nlu.confidenceOf(reading, next) : 0;
  return { ranking, confidence };
}

/**
 * The answer the question's words ask for: among the top intent's family, from intents the classifier finds
 * plausible (a very sure classifier keeps its intent unless another's answer is asked for very
 * specifically); another family's when the classifier is unsure, or its intent needs a region the question
 * does not give, and the match is specific (two terms, or a word of its own: "pandawa", not just "@when").
 */
function askedAnswer(asks: AskMatch[], ranking: Scored[], confident: boolean, reading: Reading): AskMatch | undefined {
  const top = ranking[0];
  if (!top) return undefined;
  // (Looked up in the ranking itself: a map of all its intents for a few lookups cost more than the lookups.)
  const plausible = (a: AskMatch) => {
    if (a.intent === top.intent) return true;
    const at = ranking.findIndex((r) => r.intent === a.intent);
    return (ranking[at]?.score ?? 0) >= PLAUSIBLE * top.score || (at >= 0 && at < 3);
  };
  const tie = tieBreak(asks, top.intent);
  const bestIn = best(asks.filter((a) => family(a.intent) === family(top.intent) && plausible(a)
    && (a.intent === top.intent || top.score < SURE || a.score >= 3)), tie);
  const chosen = bestIn?.intent ?? top.intent;
  const regionless = handlerFor(chosen).region === 'needed' && !reading.regions.length && !reading.unknownPlace;
  if (confident && !regionless) return bestIn;
  const strong = (a: AskMatch) => a.score >= 2 || (!confident && a.words >= 1);
  return best(asks.filter((a) => strong(a) && a.score > (bestIn?.score ?? 0) && family(a.intent) !== family(top.intent)), tie) ?? bestIn;
}

/** Ties go to the match with more words (not aspects), then to the intent with more of its answers asked for, then to `prefer`. */
function tieBreak(asks: AskMatch[], prefer: string): (a: AskMatch, b: AskMatch) => boolean {
  const weight = new Map<string, number>();
  for (const a of asks) weight.set(a.intent, (weight.get(a.intent) ?? 0) + a.score);
  const w = (i: string) => weight.get(i) ?? 0;
  return (a, b) => a.score > b.score || (a.score === b.score && (a.words > b.words || (a.words === b.words
    && (w(a.intent) > w(b.intent) || (w(a.intent) === w(b.intent) && a.intent === prefer && b.intent !== prefer)))));
}

function best(list: AskMatch[], better: (a: AskMatch, b: AskMatch) => boolean): AskMatch | undefined {
  let out: AskMatch | undefined;
  for (const a of list) if (!out || better(a, out)) out = a;
  return out;
}
