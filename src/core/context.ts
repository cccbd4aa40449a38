// Step 3 of a turn: complete each question frame from the question before it in the same message and from
// the conversation's last frame. A short follow-up inherits what it does not say and overrides what it does:
// another region ("kalau di Binjai?"), the other kind of the same region ("yang kabupaten?"), another
// answer of the same topic ("itu kapan?", "yang nerima siapa?"). A question with a topic of its own keeps it;
// a place the bot does not know, or the whole country, is never replaced by the last region.
import type { Snapshot } from '../content/load.js';
import { family } from './family.js';
import { REGION_TOKEN, isMarker, type Region, type RegionKind, type RegionMention } from '../nlu/regions.js';
import type { ResolvedRegion } from '../handlers/types.js';
import { handlerFor } from '../handlers/index.js';
import type { Frame } from './frame.js';
import { LABEL, isWordListLabel } from '../nlu/labels.js';

/** What the conversation remembers of the last answer, for the next message (JSON, shared through Redis). */
export interface RememberedFrame {
  intent: string;
  ask?: string;
  /** Region codes the answer was about. */
  regions: string[];
  year?: number;
  national?: boolean;
  /** When it was answered (ms since epoch, the message's receive time). */
  at: number;
}

export interface ResolvedQuestion {
  frame: Frame;
  intent: string;
  ask?: string;
  /** The topic came from the conversation or from the question before it. */
  inherited: boolean;
  regions: ResolvedRegion[];
  national: boolean;
  year?: number;
  unknownPlace?: string;
  kind?: RegionKind;
  /** The answer this question follows up, when it took its topic from it. */
  follows?: { intent: string; ask?: string };
}


/** From this probability a short question's own intent stands against the intent it would follow up. */
const OWN_INTENT_SURE = 0.8;

/** Aspects that only change which region or year is meant, not what is asked. */
const SLOT_ONLY = new Set<string>([LABEL.previous]);
/** Labels that name a slot (a place, the country, a year before), not something asked. */
const SLOT_LABELS = new Set<string>([...SLOT_ONLY, LABEL.place, LABEL.national]);

/** True when every label of the question is a word list's or one of `slots`: it asks for nothing else. */
function onlyLabelsIn(f: Frame, slots: ReadonlySet<string>): boolean {
  for (const l of f.reading.labels) if (!isWordListLabel(l) && !slots.has(l)) return false;
  return true;
}

export function resolveQuestions(frames: Frame[], last: RememberedFrame | undefined, s: Snapshot): ResolvedQuestion[] {
  const out: ResolvedQuestion[] = [];
  frames.forEach((f, i) => {
    const sibling = siblingOf(frames, out, i);
    const source = sibling ?? last;
    const { intent, ask, inherited } = topicOf(f, source, source === sibling, s);
    const slots = placesFor(f, intent, inherited, source, s);
    const previous = f.reading.labels.has(LABEL.previous);
    const year = f.reading.years[0] ?? (previous && source?.year ? source.year - 1 : undefined) ?? (inherited && !previous ? source?.year : undefined);
    out.push({ frame: f, intent, ask, inherited, ...slots, national: f.reading.national, year,
      follows: inherited && source ? { intent: source.intent, ask: source.ask } : undefined });
  });
  return out;
}

interface Topic { intent: string; ask?: string; inherited: boolean }

/** What the question is about and which answer it asks for: its own, or taken from what it follows. */
function topicOf(f: Frame, source: RememberedFrame | undefined, fromSibling: boolean, s: Snapshot): Topic {
  let { intent, ask } = f;
  let inherited = false;
  const take = (from: RememberedFrame, keepAsk: boolean) => {
    // Another answer of the same intent; of another intent of the family when asked for more specifically.
    const same = bestAsk(f, (a) => a.intent === from.intent, from.intent);
    const other = bestAsk(f, (a) => family(a.intent) === family(from.intent) && a.intent !== from.intent && (a.score >= 2 || a.words >= 1), from.intent);
    const best = other && (!same || other.score > same.score) ? other : same;
    intent = best?.intent ?? regionTaker(f, family(from.intent)) ?? from.intent;
    ask = best?.caseName ?? (keepAsk && intent === from.intent ? from.ask : undefined);
    inherited = true;
  };
  const onlySlots = onlyLabelsIn(f, SLOT_ONLY);
  const short = isShort(f, s);
  const sameFamily = !!intent && !!source && family(intent) === family(source.intent);
  if (!intent && source && (!f.offTopic || short || f.followUp)) {
    // No topic of its own ("itu kapan?", "kalau di Binjai?"): the topic of the question it follows.
    take(source, onlySlots);
  } else if (source && short && sameFamily && (f.followUp || f.unsure || ownWords(f, s) <= 1) && (!f.ask || f.asks.some((a) => a.intent === source.intent))
    && !ownIntentSure(f, source)) {
    // A short question on the same topic ("yg madya brp?", "trus klo kelas 1?", "keaktifannya?"): the same
    // intent with new details, or another of its answers.
    take(source, !f.ask);
  } else if (intent && source && (short || f.followUp) && (f.unsure || (!sameFamily && !s.understanding.standalone.has(family(intent))))
    && f.asks.some((a) => family(a.intent) === family(source.intent)) && !f.foreign) {
    // A short follow-up that asks for another answer of the last topic ("keaktifannya?" after a coverage figure).
    take(source, false);
  }
  if (intent && !inherited && source?.regions.length && !f.reading.regions.length && !handlerFor(intent).region) {
    const about = aboutRegion(f, intent, f.followUp || fromSibling);
    if (about) ({ intent, ask } = about);
  }
  if (!intent && !source) {
    // Nothing to follow up, no topic word, but an answer asked for with a word of its own ("kuota ... berapa").
    const a = bestAsk(f, (x) => x.words >= 1 || x.score >= 2);
    if (a) return { intent: a.intent, ask: a.caseName, inherited: true };
  }
  if (!intent && f.reading.regions.length && f.reading.features.every((x) => x === REGION_TOKEN || s.understanding.chatter.has(x))) {
    // Only a place, and nothing to follow up: what the bot knows about that place.
    return { intent: s.understanding.regionOnlyIntent, inherited: true };
  }
  return { intent: intent ?? f.ranking[0]?.intent ?? 'fallback.default', ask, inherited };
}

/**
 * A short question that asks something (an aspect, not just a slot like "pratama?"), that the classifier is
 * sure is another intent of the family, and that none of the last intent's answers is asked for by: its own
 * topic ("bisa dicicil?" after arrears is REHAB, not the arrears answer again).
 */
function ownIntentSure(f: Frame, source: RememberedFrame): boolean {
  return !onlyLabelsIn(f, SLOT_LABELS) && !f.unsure && !!f.intent && f.intent !== source.intent && (f.ranking[0]?.score ?? 0) >= OWN_INTENT_SURE
    && !f.asks.some((a) => a.intent === source.intent);
}

/**
 * After a region, a question of the same family that asks for an answer about a region ("kok bisa
 * pratama?"), or follows one up ("..., terus kategorinya apa?"): the answer about that region.
 */
function aboutRegion(f: Frame, intent: string, followsUp: boolean): { intent: string; ask?: string } | undefined {
  const fam = family(intent);
  const takesRegion = (i: string) => family(i) === fam && handlerFor(i).region === 'needed';
  const regionAsk = bestAsk(f, (a) => takesRegion(a.intent));
  if (regionAsk) return { intent: regionAsk.intent, ask: regionAsk.caseName };
  const top = f.ranking[0]?.score ?? 0;
  const about = f.ranking.find((r) => takesRegion(r.intent) && r.score >= 0.15 * top);
  return about && followsUp ? { intent: about.intent } : undefined;
}

/**
 * The regions a question is about: those it names; else, for an intent that needs one (or a follow-up of
 * an intent that can use one), those of what it follows, or their other kind ("yang kabupaten?").
 */
function placesFor(f: Frame, intent: string, inherited: boolean, source: RememberedFrame | undefined, s: Snapshot)
  : Pick<ResolvedQuestion, 'regions' | 'unknownPlace' | 'kind'> {
  const needs = handlerFor(intent).region;
  const regions = f.reading.regions.map((m) => resolveMention(m, intent, s)).filter((r): r is ResolvedRegion => !!r);
  const unknownPlace = f.reading.unknownPlace;
  const comparing = f.reading.labels.has(LABEL.compare);
  const carry = needs === 'needed' || (needs === 'optional' && (inherited || f.followUp));
  if (regions.length || unknownPlace || (f.reading.national && !comparing) || !carry || !source?.regions.length) return { regions, unknownPlace };
  const earlier = source.regions.map((c) => s.regions.byCode(c)).filter((r): r is Region => !!r);
  const kind = f.reading.kinds[0];
  const as = (r: Region): ResolvedRegion => ({ region: r, alternatives: [], matched: r.name });
  if (!kind) return { regions: earlier.map(as) };
  const switched = earlier.map((r) => otherKind(r, kind, s)).filter((r): r is Region => !!r);
  if (switched.length || !earlier[0]) return { regions: switched.map(as), kind };
  return { regions: [], kind, unknownPlace: `${kindName(kind)} ${titleCase(earlier[0].core)}` };
}

/**
 * The question a topicless clause of this message borrows its topic from: the one before it, or else the
 * next one with a topic ("klungkung dapat apa, yg nyerahin siapa?").
 */
function siblingOf(frames: Frame[], done: ResolvedQuestion[], i: number): RememberedFrame | undefined {
  const before = done[i - 1];
  if (before && !before.frame.unsure) return asRemembered(before.intent, before.ask, before.regions.map((r) => r.region.code), before.year, before.national);
  if (frames[i]?.intent) return undefined;
  const next = frames.slice(i + 1).find((g) => g.intent && !g.unsure);
  return next?.intent ? asRemembered(next.intent, next.ask, [], undefined, next.reading.national) : undefined;
}

const asRemembered = (intent: string, ask: string | undefined, regions: string[], year?: number, national?: boolean): RememberedFrame =>
  ({ intent, ask, regions, year, national, at: 0 });

/** The best `asks` match among some intents; on a tie, the preferred intent, else the first. */
function bestAsk(f: Frame, keep: (a: Frame['asks'][number]) => boolean, prefer?: string) {
  return f.asks.filter(keep).reduce<Frame['asks'][number] | undefined>((b, a) => (!b || a.score > b.score || (a.score === b.score && a.intent === prefer) ? a : b), undefined);
}

/** For a clause that names a region: the family's best-ranked intent that answers about one. */
function regionTaker(f: Frame, fam: string): string | undefined {
  if (!f.reading.regions.length) return undefined;
  return f.ranking.find((r) => family(r.intent) === fam && handlerFor(r.intent).region)?.intent;
}

/** Few words of its own besides places, numbers, question, follow-up and chatter words ("trus klo kelas 1?"). */
function isShort(f: Frame, s: Snapshot): boolean {
  return ownWords(f, s) <= 3;
}

function ownWords(f: Frame, s: Snapshot): number {
  const u = s.understanding;
  return f.reading.features.filter((x) => !isMarker(x) && !/^\d+$/.test(x)
    && !u.questionStems.has(x) && !u.followUpStems.has(x) && !u.chatter.has(x)).length;
}

/** The region of that kind with the same name ("Kota Pekalongan" -> "Kabupaten Pekalongan"), or its province. */
function otherKind(r: Region, kind: RegionKind, s: Snapshot): Region | undefined {
  if (kind === r.kind) return r;
  if (kind === 'provinsi') return s.regions.byCode(r.provinceCode);
  return s.regions.all.find((x) => x.kind === kind && x.core === r.core);
}

const kindName = (k: RegionKind) => (k === 'kota' ? 'Kota' : k === 'kabupaten' ? 'Kabupaten' : 'Provinsi');
const titleCase = (w: string) => w.replace(/\b\p{L}/gu, (c) => c.toUpperCase());

const KIND_ORDER: Record<string, number> = { kota: 0, provinsi: 1, kabupaten: 2 };

/**
 * The region a mention means for an intent. A kind the user named wins ("Kabupaten Semarang"); else the
 * candidate its handler has data on; else one with any data; else a province whose own name it is, then
 * kota before kabupaten.
 */
function resolveMention(mention: RegionMention, intent: string, s: Snapshot): ResolvedRegion | undefined {
  let candidates = mention.candidates;
  if (mention.kindHint) {
    const named = candidates.filter((c) => c.kind === mention.kindHint);
    if (named.length) candidates = named;
  }
  const hasData = handlerFor(intent).hasData;
  const has = (r: Region) => hasData?.(s, r.code) ?? false;
  const any = (r: Region) => s.coverage.byRegion.has(r.code) || s.awards.byRegion.has(r.code);
  const ranked = [...candidates].sort((a, b) => Number(has(b)) - Number(has(a)) || Number(any(b)) - Number(any(a))
    || (KIND_ORDER[a.kind] ?? 3) - (KIND_ORDER[b.kind] ?? 3));
  const [best, ...rest] = ranked;
  if (!best) return undefined;
  return { region: best, alternatives: mention.kindHint ? [] : rest.filter((r) => r.code !== best.code), matched: mention.text,
    ...(mention.district ? { district: mention.district } : {}) };
}
