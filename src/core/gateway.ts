// What every server channel calls for an inbound message: drop duplicates, apply the per-sender rate limit,
// load the conversation from the shared store, run the bot's turn, save the conversation, count metrics.
// Never loses a message under the limit; over it the sender gets one polite "please wait", and further
// messages wait their turn (queue) or are dropped (drop), as configured.
import type { Bot } from './bot.js';
import type { BotResponse, Inbound } from './types.js';
import type { Metrics } from './metrics.js';
import type { Logger } from '../log.js';
import type { SharedStore } from '../store/types.js';

export interface RateLimit {
  /** Burst: messages a sender may send at once. */
  capacity: number;
  /** Sustained rate: tokens added per second. */
  refillPerSec: number;
  /** Past the limit: wait for a token (queue) or drop the message (drop). */
  mode: 'queue' | 'drop';
  /** In queue mode, the longest a message waits before it is dropped after all. */
  maxQueueMs: number;
}

export type GatewayResult =
  | { kind: 'answer'; response: BotResponse; notice?: string }
  | { kind: 'limited'; notice?: string; retryAfterMs: number }
  | { kind: 'duplicate' };

export interface GatewayOptions {
  store: SharedStore;
  rateLimit: RateLimit;
  contextTtlMs: number;
  dedupTtlMs: number;
  log: Logger;
  metrics?: Metrics;
  sleep?: (ms: number) => Promise<void>;
}

export class Gateway {
  private readonly sleep: (ms: number) => Promise<void>;
  constructor(readonly bot: Bot, private readonly o: GatewayOptions) {
    this.sleep = o.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)));
  }

  /** Runs a store call; if the store fails (Redis down, "fail" policy) the message is still answered. */
  private async safe<T>(op: () => Promise<T>, fallback: T): Promise<T> {
    try {
      return await op();
    } catch {
      return fallback;
    }
  }

  async process(inbound: Inbound): Promise<GatewayResult> {
    const { store, rateLimit: rl } = this.o;
    if (inbound.id && !(await this.safe(() => store.firstSeen(`${inbound.channel}:${inbound.id}`, this.o.dedupTtlMs), true))) {
      return { kind: 'duplicate' };
    }
    const bucket = { capacity: rl.capacity, refillPerSec: rl.refillPerSec };
    const key = `${inbound.channel}:${inbound.chatId}`;
    let token = await this.safe(() => store.takeToken(key, bucket), { allowed: true, retryAfterMs: 0, tokens: 0 });
    let notice: string | undefined;
    if (!token.allowed) {
      const first = await this.safe(() => store.once(`notice:${key}`, Math.max(token.retryAfterMs, 1000) + (rl.capacity / rl.refillPerSec) * 1000), true);
      const prev = await this.safe(() => store.getConversation(inbound.chatId), undefined);
      if (first) notice = this.bot.say('fallback.default', 'rate_limited', prev?.lang ?? 'id');
      this.o.metrics?.rateLimited.inc({ channel: inbound.channel });
      if (rl.mode === 'drop') return { kind: 'limited', notice, retryAfterMs: token.retryAfterMs };
      const deadline = Date.now() + rl.maxQueueMs;
      while (!token.allowed) {
        if (Date.now() + token.retryAfterMs > deadline) {
          this.o.log.warn({ channel: inbound.channel, waitedMs: rl.maxQueueMs }, 'message dropped: sender over the rate limit for too long');
          return { kind: 'limited', notice, retryAfterMs: token.retryAfterMs };
        }
        await this.sleep(token.retryAfterMs);
        token = await this.safe(() => store.takeToken(key, bucket), { allowed: true, retryAfterMs: 0, tokens: 0 });
      }
    }
    const started = process.hrtime.bigint();
    const prev = await this.safe(() => store.getConversation(inbound.chatId), undefined);
    const { response, state } = this.bot.turn(inbound, prev);
    await this.safe(() => store.setConversation(inbound.chatId, state, this.o.contextTtlMs), undefined);
    const m = this.o.metrics;
    if (m) {
      m.latency.observe({ channel: inbound.channel }, Number(process.hrtime.bigint() - started) / 1e9);
      m.messages.inc({ channel: inbound.channel, intent: response.intent });
      if (response.intent === 'fallback') m.fallbacks.inc({ channel: inbound.channel });
    }
    return { kind: 'answer', response, notice };
  }
}
