// Redis with a policy for when it goes away: "memory" keeps answering from an in-memory store (right for a
// single instance), "fail" lets the caller answer without shared state and marks the instance not ready
// (right behind a load balancer). Each change of Redis's health is logged once. A timer pings Redis, so health
// (and /readyz) follows Redis with no traffic; while it is down or hung, messages do not wait on it.
import type { ConversationState } from '../core/conversation.js';
import type { Logger } from '../log.js';
import { MemoryStore } from './memory.js';
import type { Bucket, ClaimResult, LinePlace, SharedStore, TokenResult } from './types.js';

export type RedisFallback = 'memory' | 'fail';

export class ResilientStore implements SharedStore {
  readonly kind = 'redis' as const;
  healthy = true;
  private memory = new MemoryStore();
  private listeners: Array<(healthy: boolean) => void> = [];
  private timer?: NodeJS.Timeout;
  private checking = false;

  constructor(private readonly redis: SharedStore & { ping(): Promise<void> }, private readonly fallback: RedisFallback, private readonly log: Logger) {}

  /** Pings Redis every `intervalMs`; while it is unhealthy, calls go straight to the fallback. */
  startHealthCheck(intervalMs: number): void {
    clearInterval(this.timer);
    this.timer = setInterval(() => { void this.check(); }, intervalMs);
    this.timer.unref();
  }

  /** One health check: a ping within the command time-out, or Redis counts as lost. */
  async check(): Promise<boolean> {
    if (this.checking) return this.healthy;
    this.checking = true;
    try {
      await this.redis.ping();
      this.mark(true);
    } catch (err) {
      this.mark(false, err);
    } finally {
      this.checking = false;
    }
    return this.healthy;
  }

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
    // With the health check running, an unhealthy Redis is not asked (a hung one would make every call wait).
    if (!this.healthy && this.timer) {
      if (this.fallback === 'memory') return op(this.memory);
      throw new Error('Redis unavailable');
    }
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
  claim(key: string, owner: string, leaseMs: number): Promise<ClaimResult> { return this.run((s) => s.claim(key, owner, leaseMs)); }
  commit(key: string, ttlMs: number): Promise<void> { return this.run((s) => s.commit(key, ttlMs)); }
  release(key: string, owner: string): Promise<void> { return this.run((s) => s.release(key, owner)); }
  takeToken(key: string, b: Bucket): Promise<TokenResult> { return this.run((s) => s.takeToken(key, b)); }
  once(key: string, ttlMs: number): Promise<boolean> { return this.run((s) => s.once(key, ttlMs)); }
  joinLine(line: string, member: string, instance: string, ttlMs: number): Promise<LinePlace> { return this.run((s) => s.joinLine(line, member, instance, ttlMs)); }
  linePlace(line: string, member: string, instance: string, ttlMs: number): Promise<LinePlace> { return this.run((s) => s.linePlace(line, member, instance, ttlMs)); }
  leaveLine(line: string, member: string): Promise<void> { return this.run((s) => s.leaveLine(line, member)); }
  /** The WhatsApp lock never falls back to memory (two gateways must not both believe they hold it): errors are thrown. */
  async acquireLock(name: string, owner: string, ttlMs: number): Promise<boolean> {
    if (!this.healthy && this.timer) throw new Error('Redis unavailable');
    try {
      const ok = await this.redis.acquireLock(name, owner, ttlMs);
      this.mark(true);
      return ok;
    } catch (err) {
      this.mark(false, err);
      throw err;
    }
  }
  async releaseLock(name: string, owner: string): Promise<void> {
    if (!this.healthy && this.timer) return; // it expires by itself
    await this.redis.releaseLock(name, owner).catch(() => undefined);
  }
  close(): Promise<void> {
    clearInterval(this.timer);
    return this.redis.close();
  }
}
