// What every server channel calls for an inbound message: drop duplicates, wait for the chat's turn (one line
// per chat in the shared store, first come first served across instances), apply the per-sender rate limit, load the
// conversation from the shared store, run the bot's turn, save the conversation, count metrics.
// A message id counts as answered only once its reply was produced (and, given `deliver`, delivered): a
// message that was rate-limited, refused at shutdown or failed to send can be retried and is answered then.
// Over the limit the sender gets one polite "please wait", and further messages wait their turn (queue) or
// are dropped (drop), as configured. On stop, queued messages are answered within the grace or refused.
import { randomUUID } from 'node:crypto';
import type { Bot } from './bot.js';
import type { BotResponse, Inbound } from './types.js';
import type { Metrics } from './metrics.js';
import type { Logger } from '../log.js';
import type { LinePlace, SharedStore, TokenResult } from '../store/types.js';
import { KeyHasher } from './keys.js';

export interface RateLimit {
  /** Burst: messages a sender may send at once. */
  capacity: number;
  /** Sustained rate: tokens added per second. */
  refillPerSec: number;
  /** Past the limit: wait for a token (queue) or drop the message (drop). */
  mode: 'queue' | 'drop';
  /** In queue mode, the longest a message waits (for earlier messages and for a token) before it is dropped. */
  maxQueueMs: number;
}

export type GatewayResult =
  | { kind: 'answer'; response: BotResponse; notice?: string }
  | { kind: 'limited'; notice?: string; retryAfterMs: number }
  /** `answered`: false while another delivery of the same id is still being answered. */
  | { kind: 'duplicate'; answered: boolean }
  /** Refused because this instance is stopping; the client should retry (another instance answers). */
  | { kind: 'unavailable'; retryAfterMs: number };

/** Delivers an answer while the turn still holds its chat; the message counts as answered when it resolves. */
export type Deliver = (response: BotResponse, notice?: string) => Promise<void>;

export interface GatewayOptions {
  store: SharedStore;
  rateLimit: RateLimit;
  contextTtlMs: number;
  dedupTtlMs: number;
  log: Logger;
  metrics?: Metrics;
  /** Hashes senders and message ids into store keys (share its secret between instances). */
  keys?: KeyHasher;
  /** An instance that stops renewing its heartbeat (it died) loses its place in chats' lines after this. */
  turnLockTtlMs?: number;
  /** Names this instance in the chats' lines. */
  instanceId?: string;
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
}

const ALLOWED: TokenResult = { allowed: true, retryAfterMs: 0, tokens: 0 };
const LINE_POLL_MS = 20;
const REFUSED_RETRY_MS = 1000;

interface Turn { inbound: Inbound; chat: string; sender: string; owner: string; arrived: number; deliver?: Deliver; place: LinePlace }
type Admission = { kind: 'go'; notice?: string } | Exclude<GatewayResult, { kind: 'answer' | 'duplicate' }>;

export class Gateway {
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly now: () => number;
  private readonly keys: KeyHasher;
  private readonly lockTtlMs: number;
  private readonly instance: string;
  private readonly chains = new Map<string, Promise<void>>();
  private seq = 0;
  private inFlight = 0;
  private idleWaiters: Array<() => void> = [];
  private stopBy?: number;
  /** Wakes the messages pausing when stop() is called, so each decides at once: answer within the grace, or refuse. */
  private sleepers = new Set<() => void>();

  constructor(readonly bot: Bot, private readonly o: GatewayOptions) {
    this.sleep = o.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)));
    this.now = o.now ?? Date.now;
    this.keys = o.keys ?? new KeyHasher();
    this.lockTtlMs = o.turnLockTtlMs ?? 15_000;
    this.instance = o.instanceId ?? randomUUID().slice(0, 8);
  }

  /** Runs a store call; if the store fails (Redis down, "fail" policy) the message is still answered. */
  private async safe<T>(op: () => Promise<T>, fallback: T): Promise<T> {
    try {
      return await op();
    } catch {
      return fallback;
    }
  }

  /** Waits `ms`, or less if the gateway is told to stop meanwhile. */
  private async pause(ms: number): Promise<void> {
    let wake!: () => void;
    const woken = new Promise<void>((r) => { wake = r; });
    this.sleepers.add(wake);
    try {
      await Promise.race([this.sleep(ms), woken]);
    } finally {
      this.sleepers.delete(wake);
    }
  }

  /** Stops taking messages. Queued ones whose turn comes within `graceMs` are answered; the rest are refused. */
  stop(graceMs: number): void {
    this.stopBy ??= this.now() + graceMs;
    for (const wake of this.sleepers) wake();
  }

  get stopping(): boolean {
    return this.stopBy !== undefined;
  }

  /** Resolves when no message is being answered or waiting. */
  async idle(): Promise<void> {
    while (this.inFlight) await new Promise<void>((r) => this.idleWaiters.push(r));
  }

  async process(inbound: Inbound, deliver?: Deliver): Promise<GatewayResult> {
    if (this.stopping) return this.refuse(inbound);
    const { store } = this.o;
    const owner = `${this.instance}:${++this.seq}`;
    const chat = this.keys.key(inbound.chatId);
    const idKey = inbound.id ? this.keys.key(inbound.channel, inbound.chatId, inbound.id) : undefined;
    const leaseMs = this.o.rateLimit.maxQueueMs + this.lockTtlMs;
    this.inFlight += 1;
    try {
      if (idKey) {
        const claim = await this.safe(() => store.claim(idKey, owner, leaseMs), 'claimed' as const);
        if (claim !== 'claimed') return { kind: 'duplicate', answered: claim === 'done' };
      }
      const place = await this.safe(() => store.joinLine(chat, owner, this.instance, this.lockTtlMs), 'front' as const);
      const turn: Turn = { inbound, chat, owner, deliver, place, arrived: this.now(), sender: this.keys.key(inbound.channel, inbound.chatId) };
      let result: GatewayResult;
      try {
        result = await this.inOrder(chat, () => this.take(turn));
      } catch (err) {
        if (idKey) await this.safe(() => store.release(idKey, owner), undefined);
        throw err;
      }
      if (idKey) {
        if (result.kind === 'answer') await this.safe(() => store.commit(idKey, this.o.dedupTtlMs), undefined);
        else await this.safe(() => store.release(idKey, owner), undefined);
      }
      return result;
    } finally {
      this.inFlight -= 1;
      if (!this.inFlight) for (const w of this.idleWaiters.splice(0)) w();
    }
  }

  private refuse(inbound: Inbound): { kind: 'unavailable'; retryAfterMs: number } {
    this.o.metrics?.refused.inc({ channel: inbound.channel });
    return { kind: 'unavailable', retryAfterMs: REFUSED_RETRY_MS };
  }

  /** Messages of one chat on this instance run one at a time, in arrival order; other chats do not wait. */
  private async inOrder<T>(chat: string, task: () => Promise<T>): Promise<T> {
    const prev = this.chains.get(chat);
    let done!: () => void;
    const mine = new Promise<void>((r) => { done = r; });
    this.chains.set(chat, mine);
    this.o.metrics?.pending.inc();
    try {
      await prev;
      return await task();
    } finally {
      this.o.metrics?.pending.dec();
      done();
      if (this.chains.get(chat) === mine) this.chains.delete(chat);
    }
  }

  /** One message's turn: its place in the chat's line, the rate limit, the bot's turn, delivery; then out of the line. */
  private async take(t: Turn): Promise<GatewayResult> {
    try {
      return await this.turnAtFront(t);
    } finally {
      await this.safe(() => this.o.store.leaveLine(t.chat, t.owner), undefined);
    }
  }

  private async turnAtFront(t: Turn): Promise<GatewayResult> {
    const { store } = this.o;
    if (!(await this.reachFront(t))) return this.refuse(t.inbound);
    const admitted = await this.admit(t);
    if (admitted.kind !== 'go') return admitted;
    const started = process.hrtime.bigint();
    const prev = await this.safe(() => store.getConversation(t.chat), undefined);
    const { response, state } = this.bot.turn(t.inbound, prev);
    await this.safe(() => store.setConversation(t.chat, state, this.o.contextTtlMs), undefined);
    this.count(t.inbound.channel, response, started);
    if (t.deliver) await t.deliver(response, admitted.notice);
    return { kind: 'answer', response, notice: admitted.notice };
  }

  /**
   * Waits until the message is at the front of its chat's line, so no two instances run one sender's turns at
   * once and they run in arrival order. False when the gateway stops meanwhile. A store that fails counts as
   * the front (answering matters more); a line that has not moved when the queue time is up is passed by, with
   * a warning, rather than losing the message.
   */
  private async reachFront(t: Turn): Promise<boolean> {
    const { store } = this.o;
    // First in line when it joined: nobody, here or on another instance, can have come before it since.
    if (t.place === 'front') return true;
    for (;;) {
      const place = await this.safe(() => store.linePlace(t.chat, t.owner, this.instance, this.lockTtlMs), 'front' as const);
      if (place === 'front') return true;
      // Dropped from the line (this instance looked dead for a while): back in, at the end.
      if (place === 'gone') await this.safe(() => store.joinLine(t.chat, t.owner, this.instance, this.lockTtlMs), undefined);
      if (this.stopping) return false;
      if (this.now() - t.arrived > this.o.rateLimit.maxQueueMs) {
        this.o.log.warn({ channel: t.inbound.channel }, 'chat still busy on another instance; answering out of turn');
        return true;
      }
      await this.pause(LINE_POLL_MS);
    }
  }

  /** The per-sender token bucket: go, or wait in the queue, or drop; while waiting the heartbeat is renewed. */
  private async admit(t: Turn): Promise<Admission> {
    const { store, rateLimit: rl } = this.o;
    const bucket = { capacity: rl.capacity, refillPerSec: rl.refillPerSec };
    let token = await this.safe(() => store.takeToken(t.sender, bucket), ALLOWED);
    if (token.allowed) return { kind: 'go' };
    const windowMs = Math.max(token.retryAfterMs, 1000) + (rl.capacity / rl.refillPerSec) * 1000;
    const first = await this.safe(() => store.once(`notice:${t.sender}`, windowMs), true);
    const prev = first ? await this.safe(() => store.getConversation(t.chat), undefined) : undefined;
    const notice = first ? this.bot.say('fallback.default', 'rate_limited', prev?.lang ?? 'id') : undefined;
    this.o.metrics?.rateLimited.inc({ channel: t.inbound.channel });
    if (rl.mode === 'drop') return { kind: 'limited', notice, retryAfterMs: token.retryAfterMs };
    const deadline = t.arrived + rl.maxQueueMs;
    while (!token.allowed) {
      const readyAt = this.now() + token.retryAfterMs;
      if (this.stopBy !== undefined && readyAt > this.stopBy) return this.refuse(t.inbound);
      if (readyAt > deadline) {
        this.o.log.warn({ channel: t.inbound.channel, waitedMs: this.now() - t.arrived }, 'message dropped: sender over the rate limit for too long');
        return { kind: 'limited', notice, retryAfterMs: token.retryAfterMs };
      }
      await this.pause(Math.min(token.retryAfterMs, this.lockTtlMs / 3));
      await this.safe(() => store.linePlace(t.chat, t.owner, this.instance, this.lockTtlMs), 'front' as const);
      token = await this.safe(() => store.takeToken(t.sender, bucket), ALLOWED);
    }
    return { kind: 'go', notice };
  }

  private count(channel: string, response: BotResponse, started: bigint) {
    const m = this.o.metrics;
    if (!m) return;
    m.latency.observe({ channel }, Number(process.hrtime.bigint() - started) / 1e9);
    m.messages.inc({ channel, intent: response.intent });
    if (response.intent === 'fallback') m.fallbacks.inc({ channel });
  }
}
