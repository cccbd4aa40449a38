// Redis with a policy for when it goes away: "memory" keeps answering from an in-memory store (right for a
// single instance), "fail" lets the caller answer without shared state and marks the instance not ready
// (right behind a load balancer). Each change of Redis's health is logged once.
import type { ConversationState } from '../core/conversation.js';
import type { Logger } from '../log.js';
import { MemoryStore } from './memory.js';
import type { Bucket, SharedStore, TokenResult } from './types.js';

export type RedisFallback = 'memory' | 'fail';

export class ResilientStore implements SharedStore {
  readonly kind = 'redis' as const;
  healthy = true;
  private memory = new MemoryStore();
  private listeners: Array<(healthy: boolean) => void> = [];

  constructor(private readonly redis: SharedStore, private readonly fallback: RedisFallback, private readonly log: Logger) {}

  onHealth(listener: (healthy: boolean) => void): void {
    this.listeners.push(listener);
  }

  private mark(healthy: boolean, err?: unknown) {
    if (this.healthy === healthy) return;
    this.healthy = healthy;
    if (healthy) this.log.info('Redis is back; shared state in use again');
    else this.log.error({ err: err instanceof Error ? err.message : String(err) }, this.fallback === 'memory'
      ? 'Redis unavailable; answering with in-memory state until it returns'
      : 'Redis unavailable; answering without shared state and reporting not ready');
    for (const l of this.listeners) l(healthy);
  }

  private async run<T>(op: (s: SharedStore) => Promise<T>): Promise<T> {
    try {
      const v = await op(this.redis);
      this.mark(true);
      return v;
    } catch (err) {
      this.mark(false, err);
      if (this.fallback === 'memory') return op(this.memory);
      throw err;
    }
  }

  getConversation(chatId: string): Promise<ConversationState | undefined> { return this.run((s) => s.getConversation(chatId)); }
  setConversation(chatId: string, state: ConversationState, ttlMs: number): Promise<void> { return this.run((s) => s.setConversation(chatId, state, ttlMs)); }
  firstSeen(key: string, ttlMs: number): Promise<boolean> { return this.run((s) => s.firstSeen(key, ttlMs)); }
  takeToken(key: string, b: Bucket): Promise<TokenResult> { return this.run((s) => s.takeToken(key, b)); }
  once(key: string, ttlMs: number): Promise<boolean> { return this.run((s) => s.once(key, ttlMs)); }
  /** The WhatsApp lock never falls back to memory (two gateways must not both believe they hold it): errors are thrown. */
  async acquireLock(name: string, owner: string, ttlMs: number): Promise<boolean> {
    try {
      const ok = await this.redis.acquireLock(name, owner, ttlMs);
      this.mark(true);
      return ok;
    } catch (err) {
      this.mark(false, err);
      throw err;
    }
  }
  async releaseLock(name: string, owner: string): Promise<void> { await this.redis.releaseLock(name, owner).catch(() => undefined); }
  close(): Promise<void> { return this.redis.close(); }
}
