// bot.handle(inbound) -> answer. Understands the message, settles the intent with the conversation's
// context, resolves the region for that topic, runs the handler, and remembers what the next turn needs.
import type { Snapshot } from '../content/load.js';
import { fill, pick, type Vars } from '../content/render.js';
import { commonValues } from '../content/common.js';
import type { Understanding } from '../nlu/nlu.js';
import type { Region, RegionMention } from '../nlu/regions.js';
import type { Lang } from '../nlu/language.js';
import { REGION_TOKEN, NATIONAL_TOKEN } from '../nlu/regions.js';
import { MemoryConversationStore, type ConversationState, type ConversationStore } from './conversation.js';
import type { BotResponse, Entities, Inbound } from './types.js';
import { handlerFor } from '../handlers/index.js';
import { fallback } from '../handlers/simple.js';
import type { HandlerResult, ResolvedRegion, Turn } from '../handlers/types.js';
import { HandlerError } from '../errors.js';
import { silentLogger, type Logger } from '../log.js';
import type { UnansweredStore } from './unanswered.js';

export interface BotOptions {
  /** Below this confidence the intent is fallback. */
  minConfidence: number;
  /** Top intent must lead the second by this much probability, else fallback. */
  minMargin: number;
  /** A fallback above this confidence suggests the near miss. */
  nearMissConfidence: number;
  logger: Logger;
  store: ConversationStore;
  /** Where fallbacks and low-confidence answers are recorded for editors (optional). */
  unanswered?: UnansweredStore;
  /** Answers below this confidence are recorded as "unanswered" too. */
  lowConfidence: number;
}

const DEFAULTS = { minConfidence: 0.2, minMargin: 0.04, nearMissConfidence: 0.18, lowConfidence: 0.45 };
/** Words that make a follow-up ("kalau di Binjai?", "how about Palu?") without naming a new topic. */
const FOLLOW_UP = new Set(['kalau', 'kalo', 'klo', 'kl', 'gimana', 'bagaimana', 'gmn', 'how', 'about', 'what', 'dengan', 'sama',
  'juga', 'terus', 'trus', 'lalu', 'then', 'berapa', 'apa', 'aja', 'saja', 'coba', 'cek', 'tolong', 'mohon', 'info', 'kota',
  'kabupaten', 'kab', 'provinsi', 'daerah', 'wilayah', 'ada', 'ga', 'tidak', 'gak', 'nggak']);
/** Emoji-only messages that still say something. */
const EMOJI_INTENTS: Array<[RegExp, string]> = [[/🙏|❤|😊|🥰/u, 'smalltalk.thanks'], [/👍|👌|🆗/u, 'smalltalk.ack'], [/👋/u, 'smalltalk.greet']];
const REGION_INTENTS = new Set(['coverage.region', 'coverage.national', 'award.region_result', 'award.event', 'award.winners', 'activation.uhc_same_day']);

export class Bot {
  private current: Snapshot;
  private readonly opts: BotOptions;

  constructor(snapshot: Snapshot, opts: Partial<BotOptions> = {}) {
    this.current = snapshot;
    this.opts = { ...DEFAULTS, logger: silentLogger, store: new MemoryConversationStore(), ...opts };
  }

  get snapshot(): Snapshot {
    return this.current;
  }

  /** Switches to new content; turns already running finish on the snapshot they started with. */
  swap(next: Snapshot): void {
    this.current = next;
  }

  /** Answers with this bot's own in-memory conversation store (console, tests, single process). */
  handle(inbound: Inbound): BotResponse {
    const { response, state } = this.turn(inbound, this.opts.store.get(inbound.chatId));
    this.opts.store.set(inbound.chatId, state);
    return response;
  }

  /**
   * One conversation turn as a pure step: the previous state in, the answer and the next state out.
   * Channels that share state between instances load and save it around this call.
   */
  turn(inbound: Inbound, prev: ConversationState | undefined): { response: BotResponse; state: ConversationState } {
    try {
      return this.turnOn(this.current, inbound, prev);
    } catch (err) {
      // Understanding itself failed: still a polite answer, state unchanged, logged once.
      const lang = prev?.lang ?? 'id';
      this.opts.logger.error({ err: new HandlerError('understanding', err), channel: inbound.channel }, 'turn failed; sent apology');
      return { state: prev ?? { lang, turns: 0 },
        response: { from: inbound.chatId, intent: 'fallback', confidence: 0, lang, entities: {}, replies: [safeApology(lang, this.sayer(this.current, lang, ''))] } };
    }
  }

  private turnOn(snapshot: Snapshot, inbound: Inbound, prev: ConversationState | undefined): { response: BotResponse; state: ConversationState } {
    const started = performance.now();
    const state: ConversationState = prev ?? { lang: 'id', turns: 0 };
    const u = snapshot.nlu.understand(inbound.text ?? '', state.lang);
    const log = this.opts.logger.child({ turnId: (++turnSeq).toString(36), channel: inbound.channel });
    const lang = u.lang;
    const entities = entitiesOf(u);
    const say = this.sayer(snapshot, lang, `${inbound.chatId}:${state.turns}`);

    let decision: Decision | undefined;
    let result: HandlerResult;
    let region: ResolvedRegion | undefined;
    try {
      decision = this.decide(u, state, snapshot, inbound);
      const entry = handlerFor(decision.intent);
      region = REGION_INTENTS.has(decision.intent) ? resolveRegion(u.regions[0], entry.topic, snapshot, state, decision.intent) : undefined;
      const turn: Turn = { snapshot, u, intent: decision.intent, lang, state, region, unknownPlace: u.unknownPlace, say };
      result = decision.kind === 'answer' ? entry.handle(turn) : fallback(turn, decision.kind, { nearMiss: decision.nearMiss });
    } catch (err) {
      log.error({ err: new HandlerError(decision?.intent ?? 'turn', err) }, 'answer failed; sent apology');
      decision = { kind: 'error', intent: 'fallback', confidence: 0 };
      result = { intent: 'fallback', replies: [safeApology(lang, say)] };
    }

    const replies = [...result.replies];
    const masked = u.pii.filter((p) => p.kind === 'nik' || p.kind === 'card' || p.kind === 'phone');
    if (masked.length) replies.push(say('fallback.privacy', 'default', { masked: masked.map((p) => p.masked).join(', ') }));
    const intent = result.intent ?? decision.intent;
    if (region) {
      entities.region = { code: region.region.code, name: region.region.name, kind: region.region.kind, matched: region.matched,
        ...(region.alternatives.length ? { alternatives: region.alternatives.map((a) => a.name) } : {}) };
    }

    const family = intent.split('.')[0];
    const next: ConversationState = {
      lang,
      turns: state.turns + 1,
      lastIntent: family === 'coverage' || family === 'award' || intent === 'activation.uhc_same_day' ? intent : family === 'fallback' || family === 'smalltalk' ? state.lastIntent : undefined,
      lastRegionCode: result.regionCode ?? state.lastRegionCode,
      awaitingRegionFor: result.awaitRegion ? intent : undefined,
    };
    log.info({ intent, confidence: round(decision.confidence), lang, ms: round(performance.now() - started) }, 'answered');
    const worthRecording = decision.kind === 'default' || decision.kind === 'error' || (decision.kind === 'answer' && !decision.byRule && decision.confidence < this.opts.lowConfidence);
    if (this.opts.unanswered && worthRecording && u.hasWords) {
      try {
        this.opts.unanswered.record({ at: inbound.receivedAt.toISOString(), channel: inbound.channel, text: u.text,
          intent: family === 'fallback' ? 'fallback' : intent, guess: u.ranking[0]?.intent, confidence: round(decision.confidence) });
      } catch (err) {
        log.warn({ err }, 'could not record an unanswered message');
      }
    }
    return { state: next, response: { from: inbound.chatId, intent: family === 'fallback' ? 'fallback' : intent, confidence: round(decision.confidence), lang, entities, replies } };
  }

  /** An answer case of an intent in a language, with the common placeholders (e.g. the rate-limit notice). */
  say(intent: string, caseName: string, lang: Lang, vars: Vars = {}): string {
    return this.sayer(this.current, lang, `${intent}:${caseName}`)(intent, caseName, vars);
  }

  private decide(u: Understanding, state: ConversationState, s: Snapshot, inbound: Inbound): Decision {
    if (inbound.media && !u.hasWords) return { kind: 'media', intent: 'fallback', confidence: 1 };
    if (!u.hasWords && u.pii.length === 0) {
      const said = EMOJI_INTENTS.find(([re]) => re.test(u.text));
      return said ? { kind: 'answer', intent: said[1], confidence: 1, byRule: true } : { kind: 'empty', intent: 'fallback', confidence: 1 };
    }
    const menuItem = u.menuChoice ? s.menu[u.menuChoice - 1] : undefined;
    if (menuItem) return { kind: 'answer', intent: menuItem.intent, confidence: 1, byRule: true };

    const top = u.ranking[0];
    const second = u.ranking[1];
    const hasPlace = u.regions.length > 0 || u.national;
    const content = u.features.filter((f) => f !== REGION_TOKEN && f !== NATIONAL_TOKEN && !FOLLOW_UP.has(f));
    const topical = content.filter((f) => s.nlu.classifier.knows(f));
    // Only a place (and follow-up words) in the message, nothing the bot does not know.
    const placeOnly = topical.length === 0 && content.length === 0;
    const sameFamily = (a?: string, b?: string) => !!a && !!b && a.split('.')[0] === b.split('.')[0];
    const scoreOf = (intent: string) => u.ranking.find((r) => r.intent === intent)?.score ?? 0;

    // The bot asked which region; this message names one.
    if (state.awaitingRegionFor && hasPlace && (placeOnly || u.confidence < 0.5 || sameFamily(top?.intent, state.awaitingRegionFor))) {
      return { kind: 'answer', intent: state.awaitingRegionFor, confidence: Math.max(scoreOf(state.awaitingRegionFor), u.confidence), byRule: true };
    }
    // A follow-up on the same topic for another region: "kalau di Binjai?".
    if (state.lastIntent && hasPlace && (placeOnly || (u.confidence < 0.35 && topical.length > 0 && !u.outOfScope))) {
      return { kind: 'answer', intent: state.lastIntent, confidence: Math.max(scoreOf(state.lastIntent), u.confidence), byRule: true };
    }
    // Only a region name, no context: what the bot knows about that region.
    if (u.regions.length > 0 && placeOnly) return { kind: 'answer', intent: 'coverage.region', confidence: scoreOf('coverage.region'), byRule: true };
    if (u.outOfScope) return { kind: 'default', intent: 'fallback', confidence: u.confidence };
    if (u.pii.length > 0 && (topical.length === 0 || !top || u.confidence < this.opts.minConfidence)) {
      return { kind: 'answer', intent: 'activation.check_status', confidence: scoreOf('activation.check_status'), byRule: true };
    }
    if (!top || top.intent.startsWith('fallback')) return { kind: 'default', intent: 'fallback', confidence: top?.score ?? 0 };
    // Too close to call only between different topics: two intents of one family answer alike.
    const margin = second && !sameFamily(top.intent, second.intent) ? top.score - second.score : 1;
    if (u.confidence < this.opts.minConfidence || margin < this.opts.minMargin) {
      const near = u.confidence >= this.opts.nearMissConfidence ? menuLabelFor(s, top.intent, u.lang) : undefined;
      return { kind: 'default', intent: 'fallback', confidence: u.confidence, nearMiss: near };
    }
    return { kind: 'answer', intent: top.intent, confidence: u.confidence };
  }

  /** Renders an answer case with the common placeholders: menu, channel_*, fact_*. */
  private sayer(s: Snapshot, lang: Lang, seed: string) {
    return (intent: string, caseName: string, vars: Vars = {}): string => {
      const variants = s.responses.get(intent)?.get(caseName)?.[lang];
      if (!variants?.length) throw new Error(`no "${caseName}" answer for ${intent}`);
      const common = commonVars(s, lang);
      return fill(pick(variants, seed + intent), (name) => vars[name] ?? common[name]);
    };
  }
}

/** `byRule`: settled by the menu, the conversation or an emoji, not by the classifier's confidence. */
type Decision = { kind: 'answer' | 'default' | 'empty' | 'media' | 'error'; intent: string; confidence: number; nearMiss?: string; byRule?: boolean };

const round = (n: number) => Math.round(n * 1000) / 1000;
let turnSeq = 0;

const commonCache = new WeakMap<Snapshot, Partial<Record<Lang, Record<string, string>>>>();
/** The values every template may use, built once per snapshot and language. */
function commonVars(s: Snapshot, lang: Lang): Record<string, string> {
  let c = commonCache.get(s);
  if (!c) commonCache.set(s, (c = {}));
  return (c[lang] ??= commonValues(s, lang));
}

function menuLabelFor(s: Snapshot, intent: string, lang: Lang): string | undefined {
  const exact = s.menu.find((m) => m.intent === intent);
  const family = s.menu.find((m) => m.intent.split('.')[0] === intent.split('.')[0]);
  return (exact ?? family)?.label[lang];
}

/** The content's apology, or a built-in one if even that cannot be rendered. */
function safeApology(lang: Lang, say: (i: string, c: string) => string): string {
  try {
    return say('fallback.default', 'error');
  } catch {
    return lang === 'id' ? 'Maaf, terjadi gangguan. Silakan coba lagi sebentar lagi.' : 'Sorry, something went wrong. Please try again shortly.';
  }
}

function entitiesOf(u: Understanding): Entities {
  const e: Entities = {};
  for (const p of u.pii) if (p.kind !== undefined && !e[p.kind]) e[p.kind] = p.masked;
  if (u.national) e.national = true;
  if (u.menuChoice) e.menuChoice = u.menuChoice;
  return e;
}

const KIND_ORDER: Record<string, number> = { kota: 0, provinsi: 1, kabupaten: 2 };

/**
 * The region a message means for a topic. A kind the user named wins ("Kabupaten Semarang"); else the
 * candidate with data for the topic; else a province whose own name it is, then kota before kabupaten.
 * With no region in the message, a region-taking question reuses the conversation's last region.
 */
export function resolveRegion(mention: RegionMention | undefined, topic: 'coverage' | 'award' | undefined, s: Snapshot,
  state: ConversationState, intent: string): ResolvedRegion | undefined {
  if (!mention) {
    const code = state.lastRegionCode;
    const r = code && intent !== 'coverage.national' && intent !== 'award.event' && intent !== 'award.winners' ? s.regions.byCode(code) : undefined;
    return r ? { region: r, alternatives: [], matched: r.name } : undefined;
  }
  let candidates = mention.candidates;
  if (mention.kindHint) {
    const named = candidates.filter((c) => c.kind === mention.kindHint);
    if (named.length) candidates = named;
  }
  const hasData = (r: Region) => (topic === 'award' ? s.awards.byRegion.has(r.code) : topic === 'coverage' ? s.coverage.byRegion.has(r.code) : false)
    || s.coverage.byRegion.has(r.code) || s.awards.byRegion.has(r.code);
  const ranked = [...candidates].sort((a, b) => Number(hasData(b)) - Number(hasData(a)) || (KIND_ORDER[a.kind] ?? 3) - (KIND_ORDER[b.kind] ?? 3));
  const [best, ...rest] = ranked;
  if (!best) return undefined;
  return { region: best, alternatives: mention.kindHint ? [] : rest.filter((r) => r.code !== best.code), matched: mention.text };
}
