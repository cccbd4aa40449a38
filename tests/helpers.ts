// Shared test set-up: the real content, loaded once per test file, and a bot on it.
import { loadBotContent, type Snapshot } from '../src/content/index.js';
import { Bot } from '../src/core/bot.js';
import type { Inbound } from '../src/core/types.js';
import { Gateway, type RateLimit } from '../src/core/gateway.js';
import { MemoryStore } from '../src/store/memory.js';
import type { SharedStore } from '../src/store/types.js';
import type { Metrics } from '../src/core/metrics.js';
import { silentLogger } from '../src/log.js';

let snapshot: Promise<Snapshot> | undefined;
export function content(): Promise<Snapshot> {
  snapshot ??= loadBotContent('.');
  return snapshot;
}

export async function newBot(): Promise<Bot> {
  return new Bot(await content());
}

let n = 0;
export function msg(chatId: string, text: string, extra: Partial<Inbound> = {}): Inbound {
  return { id: `t${++n}`, channel: 'test', chatId, text, receivedAt: new Date(), ...extra };
}

/** A gateway over the real content with an in-memory store and a generous rate limit, unless told otherwise. */
export async function newGateway(o: { bot?: Bot; store?: SharedStore; rateLimit?: Partial<RateLimit>; metrics?: Metrics } = {}): Promise<Gateway> {
  return new Gateway(o.bot ?? await newBot(), {
    store: o.store ?? new MemoryStore(),
    log: silentLogger,
    metrics: o.metrics,
    contextTtlMs: 30 * 60_000,
    dedupTtlMs: 3_600_000,
    rateLimit: { capacity: 1000, refillPerSec: 1000, mode: 'queue', maxQueueMs: 1000, ...o.rateLimit },
    sleep: async () => undefined,
  });
}
