// Step 2 of a turn: from the message's reading to question frames. One frame per question in the message
// (statements around it lend their words): what it is about (intent), which answer it asks for (the case
// whose `asks` it matches best) and what it shows of its own (a JKN word, a topic word, a follow-up word,
// something foreign). A frame without a topic of its own is left for the conversation to complete.
import type { Snapshot } from '../content/load.js';
import type { Understanding, Reading } from '../nlu/nlu.js';
import type { AskMatch } from '../nlu/phrases.js';
import type { Scored } from '../nlu/classifier.js';
import { LABEL, foreignIn, type ForeignGroup } from './scope.js';

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
}

export interface FrameOptions { minConfidence: number; minMargin: number }

const family = (intent: string) => intent.split('.')[0] ?? '';
/** Families that answer about the bot itself or small talk: never completed from the conversation. */
const SELF = new Set(['help', 'smalltalk', 'fallback']);
/** An answer of another intent is plausible when the classifier gives that intent this share of the top score. */
const PLAUSIBLE = 0.1;

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
  return questions.map((q) => {
    const reading = statements.length ? s.nlu.merge([...statements, q]) : q;
    return frameOf(reading, s.nlu.classify(reading.features, reading.knownShare), s, o, q);
  });
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
  const top = c.ranking[0];
  const second = c.ranking[1];
  const margin = second && family(second.intent) !== family(top?.intent ?? '') ? (top?.score ?? 0) - second.score : 1;
  const confident = !!top && c.confidence >= o.minConfidence && margin >= o.minMargin;

  // Small talk, help and the bot itself are answered as such, whatever the conversation was about.
  if (top && confident && SELF.has(family(top.intent)) && !(asks[0] && topical)) {
    return { ...base, intent: top.intent, confidence: c.confidence, unsure: false };
  }
  if (!topical && !foreign) {
    // No topic of its own: the conversation (or the question before it) decides what it is about.
    return { ...base, intent: undefined, confidence: c.confidence, unsure: !confident };
  }
  // The answer asked for: among the top intent's family, from intents the classifier finds plausible (the
  // classifier's intent wins a tie); another family's only with a more specific match (two words or more).
  const scoreOf = (intent: string) => c.ranking.find((r) => r.intent === intent)?.score ?? 0;
  const plausible = (a: AskMatch) => !!top && (a.intent === top.intent || scoreOf(a.intent) >= PLAUSIBLE * top.score
    || c.ranking.slice(0, 3).some((r) => r.intent === a.intent));
  const inFamily = top ? asks.filter((a) => family(a.intent) === family(top.intent) && plausible(a)) : [];
  const pick = (list: AskMatch[]) => list.reduce((best, a) => (a.score > best.score || (a.score === best.score && a.intent === top?.intent) ? a : best));
  const bestIn = inFamily.length ? pick(inFamily) : undefined;
  const across = confident ? [] : asks.filter((a) => a.score >= 2 && a.score > (bestIn?.score ?? 0) && (!top || family(a.intent) !== family(top.intent)));
  if (across.length) {
    const a = pick(across);
    return { ...base, intent: a.intent, ask: a.caseName, confidence: Math.max(c.confidence, o.minConfidence), unsure: false };
  }
  if (bestIn) return { ...base, intent: bestIn.intent, ask: bestIn.caseName, confidence: Math.max(c.confidence, o.minConfidence), unsure: false };
  return { ...base, intent: top?.intent, confidence: c.confidence, unsure: !confident };
}
