// bot.handle(inbound) -> answer. One turn reads top to bottom: understand (nlu/) -> frame (frame.ts) ->
// resolve against the conversation (context.ts) -> scope decision and answers (answer.ts) -> render.
import type { Snapshot } from '../content/load.js';
import { fill, pick, type Vars } from '../content/render.js';
import { commonValues } from '../content/common.js';
import type { Understanding } from '../nlu/nlu.js';
import type { Lang } from '../nlu/language.js';
import { MemoryConversationStore, type ConversationState, type ConversationStore } from './conversation.js';
import type { BotResponse, Entities, Inbound } from './types.js';
import { HandlerError } from '../errors.js';
import { botMadeFields, silentLogger, type Logger } from '../log.js';
import type { UnansweredStore } from './unanswered.js';
import { frameMessage } from './frame.js';
import { resolveQuestions, type ResolvedQuestion } from './context.js';
import { answerQuestions, type Part, type Reply, type Say } from './answer.js';
import { family } from './family.js';

export interface BotOptions {
  /** Below this confidence the classifier alone does not settle an answer. */
  minConfidence: number;
  /** Top intent must lead the second (of another family) by this much probability. */
  minMargin: number;
  /** A fallback above this confidence suggests the near miss. */
  nearMissConfidence: number;
  logger: Logger;
  store: ConversationStore;
  /** Where fallbacks and low-confidence answers are recorded for editors (optional). */
  unanswered?: UnansweredStore;
  /** Answers below this confidence are recorded as "unanswered" too. */
  lowConfidence: number;
  /** How long a follow-up can build on the last answer. */
  frameTtlMs: number;
}

/** The thresholds a bot runs with unless told otherwise (also what `npm run explain` frames with). */
export const BOT_DEFAULTS = { minConfidence: 0.2, minMargin: 0.02, nearMissConfidence: 0.18, lowConfidence: 0.45, frameTtlMs: 30 * 60_000 };

export class Bot {
  private current: Snapshot;
  private readonly opts: BotOptions;

  constructor(snapshot: Snapshot, opts: Partial<BotOptions> = {}) {
    this.current = snapshot;
    this.opts = { ...BOT_DEFAULTS, logger: silentLogger, store: new MemoryConversationStore(), ...opts };
  }

  get snapshot(): Snapshot {
    return this.current;
  }

  /** Switches to new content; turns already running finish on the snapshot they started with. */
  swap(next: Snapshot): void {
    this.current = next;
  }

  /** Where unanswered messages go from now on (the server's shared inbox, once Redis is set up). */
  recordUnansweredTo(store: UnansweredStore | undefined): void {
    this.opts.unanswered = store;
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
    const snapshot = this.current;
    const state: ConversationState = prev ?? { lang: 'id', turns: 0 };
    const started = performance.now();
    // The turn's log fields, written into each line rather than a child logger per turn (most turns log one line).
    const log = this.opts.logger;
    const turnFields = { turnId: (++turnSeq).toString(36), channel: inbound.channel };
    let u: Understanding | undefined;
    let reply: Reply;
    let lang: Lang = state.lang;
    const seed = `${inbound.chatId}:${state.turns}`;
    try {
      u = snapshot.nlu.understand(inbound.text ?? '', state.lang);
      lang = u.lang;
      reply = this.reply(snapshot, u, state, inbound, this.sayer(snapshot, lang, seed));
    } catch (err) {
      log.error({ ...turnFields, err: new HandlerError(u ? 'answer' : 'understanding', err) }, 'turn failed; sent apology');
      reply = { parts: [{ id: 'fallback.default/error', intent: 'fallback', text: safeApology(lang, this.sayer(snapshot, lang, seed)) }] };
    }

    const replies = reply.parts.length ? [reply.parts.map((p) => p.text).join('\n\n')] : [];
    const masked = u?.pii.filter((p) => p.kind === 'nik' || p.kind === 'card' || p.kind === 'phone') ?? [];
    if (masked.length) replies.push(this.sayer(snapshot, lang, seed)('fallback.privacy', 'default', { masked: masked.map((p) => p.masked).join(', ') }).text);
    const first = reply.parts[0];
    const intent = !first || family(first.intent) === 'fallback' ? 'fallback' : first.intent;
    const confidence = u ? round(intent === 'fallback' ? u.confidence : Math.max(u.confidence, first?.doubtful ? 0 : 0.5)) : 0;
    const next: ConversationState = {
      lang,
      turns: state.turns + 1,
      frame: reply.remember === null ? undefined : reply.remember ?? state.frame,
    };
    if (log.isLevelEnabled('info')) {
      log.info(botMadeFields({ turnId: turnFields.turnId, channel: turnFields.channel, intent, answers: reply.parts.map((p) => p.id), confidence, lang,
        ms: round(performance.now() - started) }), 'answered');
    }
    this.record(inbound, u, reply, () => log.child(turnFields));
    return { state: next, response: { from: inbound.chatId, intent, confidence, lang, entities: entitiesOf(u, reply), answers: reply.parts.map((p) => p.id), replies } };
  }

  private reply(s: Snapshot, u: Understanding, state: ConversationState, inbound: Inbound, say: Say): Reply {
    const special = this.special(s, u, inbound);
    if (special) return special;
    const live = state.frame && inbound.receivedAt.getTime() - state.frame.at <= this.opts.frameTtlMs ? state.frame : undefined;
    const frames = frameMessage(u, s, this.opts);
    const questions = this.menuChoice(s, u) ?? this.personalDataOnly(s, u) ?? resolveQuestions(frames, live, s);
    return answerQuestions(questions, {
      snapshot: s, lang: u.lang, now: inbound.receivedAt, say, nearMissConfidence: this.opts.nearMissConfidence, lowConfidence: this.opts.lowConfidence,
      labelOf: (intent) => menuLabelFor(s, intent, u.lang),
    });
  }

  /** Messages that need no understanding: media without a caption, nothing but emoji, nothing at all. */
  private special(s: Snapshot, u: Understanding, inbound: Inbound): Reply | undefined {
    const only = (id: string, text: string): Reply => ({ parts: [{ id, intent: id.split('/')[0] ?? 'fallback', text }] });
    const say = this.sayer(s, u.lang, `${inbound.chatId}:${inbound.id}`);
    if (inbound.media && !u.hasWords) return only('fallback.default/media', say('fallback.default', 'media').text);
    if (!u.hasWords && u.pii.length === 0) {
      const meant = s.understanding.emoji.find((e) => e.emoji.some((x) => u.text.includes(x)));
      if (meant) return only(`${meant.intent}/default`, say(meant.intent, 'default').text);
      return only('fallback.default/empty', say('fallback.default', 'empty').text);
    }
    return undefined;
  }

  /** A message of nothing but a NIK or card number: the answer about checking one's status. */
  private personalDataOnly(s: Snapshot, u: Understanding): ResolvedQuestion[] | undefined {
    if (u.features.length || !u.pii.length) return undefined;
    return [this.fixed(u, s.understanding.personalDataIntent)];
  }

  private fixed(u: Understanding, intent: string): ResolvedQuestion {
    const frame = { reading: u, intent, confidence: 1, unsure: false, asks: [], ranking: [], jkn: true, topical: true, followUp: false };
    return { frame, intent, inherited: false, regions: [], national: false };
  }

  /** A bare menu number ("2") picks that menu item, as a question of its own. */
  private menuChoice(s: Snapshot, u: Understanding): ResolvedQuestion[] | undefined {
    const item = u.menuChoice ? s.menu[u.menuChoice - 1] : undefined;
    return item ? [this.fixed(u, item.intent)] : undefined;
  }

  /** Unanswered and doubtful messages go to the editors' inbox (masked there). */
  private record(inbound: Inbound, u: Understanding | undefined, reply: Reply, log: () => Logger) {
    if (!this.opts.unanswered || !u?.hasWords) return;
    const fallback = reply.parts.find((p) => /^fallback\.default\/(default|near_miss|out_of_scope|error)/.test(p.id));
    const doubtful = reply.parts.find((p) => p.doubtful);
    if (!fallback && !doubtful) return;
    try {
      this.opts.unanswered.record({ at: inbound.receivedAt.toISOString(), channel: inbound.channel, text: u.text,
        intent: fallback ? 'fallback' : (doubtful?.intent ?? 'fallback'), guess: u.ranking[0]?.intent, confidence: round(u.confidence) });
    } catch (err) {
      log().warn({ err }, 'could not record an unanswered message');
    }
  }

  /** An answer case of an intent in a language, with the common placeholders (e.g. the rate-limit notice). */
  say(intent: string, caseName: string, lang: Lang, vars: Vars = {}): string {
    return this.sayer(this.current, lang, `${intent}:${caseName}`)(intent, caseName, vars).text;
  }

  /** Renders an answer case with the common placeholders: menu, channel_*, fact_*. */
  private sayer(s: Snapshot, lang: Lang, seed: string): Say {
    return (intent, caseName, vars = {}) => {
      const variants = s.responses.get(intent)?.get(caseName)?.[lang];
      if (!variants?.length) throw new Error(`no "${caseName}" answer for ${intent}`);
      const common = commonVars(s, lang);
      const template = pick(variants, seed + intent);
      return { text: fill(template, (name) => vars[name] ?? common[name]), placeholders: s.placeholders.get(template) ?? [] };
    };
  }
}

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
  const sameFamily = s.menu.find((m) => family(m.intent) === family(intent));
  return (exact ?? sameFamily)?.label[lang];
}

/** The content's apology, or a built-in one if even that cannot be rendered. */
function safeApology(lang: Lang, say: Say): string {
  try {
    return say('fallback.default', 'error').text;
  } catch {
    return lang === 'id' ? 'Maaf, terjadi gangguan. Silakan coba lagi sebentar lagi.' : 'Sorry, something went wrong. Please try again shortly.';
  }
}

function entitiesOf(u: Understanding | undefined, reply: Reply): Entities {
  const e: Entities = {};
  if (!u) return e;
  for (const p of u.pii) if (p.kind !== undefined && !e[p.kind]) e[p.kind] = p.masked;
  if (u.national) e.national = true;
  if (u.menuChoice) e.menuChoice = u.menuChoice;
  if (reply.region) e.region = reply.region;
  return e;
}

export type { Part };
