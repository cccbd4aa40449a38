// The in-memory store: the default for a single instance. Every map has time-outs and a size cap.
import type { ConversationState } from '../core/conversation.js';
import type { Bucket, ClaimResult, LinePlace, SharedStore, TokenResult } from './types.js';
import { ExpiringMap } from '../util/expiring-map.js';

export class MemoryStore implements SharedStore {
  readonly kind = 'memory' as const;
  private conversations: ExpiringMap<ConversationState>;
  private seen: ExpiringMap<string>;
  private buckets: ExpiringMap<{ tokens: number; at: number }>;
  private flags: ExpiringMap<true>;
  private locks: ExpiringMap<string>;
  private lines = new Map<string, Array<{ member: string; instance: string }>>();
  private alive: ExpiringMap<true>;

  constructor(maxEntries = 50_000, private readonly now: () => number = Date.now) {
    this.conversations = new ExpiringMap(maxEntries, now);
    this.seen = new ExpiringMap(maxEntries * 2, now);
    this.buckets = new ExpiringMap(maxEntries, now);
    this.flags = new ExpiringMap(maxEntries, now);
    this.locks = new ExpiringMap(1000, now);
    this.alive = new ExpiringMap(1000, now);
  }

  get conversationCount(): number { return this.conversations.size; }

  async getConversation(chatId: string) { return this.conversations.get(chatId); }
  async setConversation(chatId: string, state: ConversationState, ttlMs: number) { this.conversations.set(chatId, state, ttlMs); }

  async claim(key: string, owner: string, leaseMs: number): Promise<ClaimResult> {
    const v = this.seen.get(key);
    if (v !== undefined) return v === DONE ? 'done' : 'pending';
    this.seen.set(key, owner, leaseMs);
    return 'claimed';
  }

  async commit(key: string, ttlMs: number) { this.seen.set(key, DONE, ttlMs); }

  async release(key: string, owner: string) {
    if (this.seen.get(key) === owner) this.seen.delete(key);
  }

  async takeToken(key: string, b: Bucket): Promise<TokenResult> {
    return takeFromBucket(this.buckets, key, b, this.now());
  }

  async once(key: string, ttlMs: number) {
    if (this.flags.get(key)) return false;
    this.flags.set(key, true, ttlMs);
    return true;
  }

  async joinLine(line: string, member: string, instance: string, ttlMs: number): Promise<LinePlace> {
    this.alive.set(instance, true, ttlMs);
    const queue = this.lines.get(line) ?? [];
    queue.push({ member, instance });
    this.lines.set(line, queue);
    return this.linePlace(line, member, instance, ttlMs);
  }

  async linePlace(line: string, member: string, instance: string, ttlMs: number): Promise<LinePlace> {
    this.alive.set(instance, true, ttlMs);
    const queue = this.lines.get(line) ?? [];
    while (queue[0] && queue[0].member !== member && !this.alive.get(queue[0].instance)) queue.shift();
    if (!queue.some((m) => m.member === member)) return 'gone';
    return queue[0]?.member === member ? 'front' : 'waiting';
  }

  async leaveLine(line: string, member: string) {
    const queue = (this.lines.get(line) ?? []).filter((m) => m.member !== member);
    if (queue.length) this.lines.set(line, queue);
    else this.lines.delete(line);
  }

  async acquireLock(name: string, owner: string, ttlMs: number) {
    const holder = this.locks.get(name);
    if (holder && holder !== owner) return false;
    this.locks.set(name, owner, ttlMs);
    return true;
  }

  async releaseLock(name: string, owner: string) {
    if (this.locks.get(name) === owner) this.locks.delete(name);
  }

  async close() { /* nothing to close */ }
}

const DONE = '\u0000done';

/** Token bucket: `capacity` tokens, refilled continuously at `refillPerSec`. */
function takeFromBucket(buckets: ExpiringMap<{ tokens: number; at: number }>, key: string, b: Bucket, now: number): TokenResult {
  const prev = buckets.get(key) ?? { tokens: b.capacity, at: now };
  const tokens = Math.min(b.capacity, prev.tokens + ((now - prev.at) / 1000) * b.refillPerSec);
  const ttl = Math.ceil((b.capacity / b.refillPerSec) * 1000) + 1000;
  if (tokens >= 1) {
    buckets.set(key, { tokens: tokens - 1, at: now }, ttl);
    return { allowed: true, retryAfterMs: 0, tokens: tokens - 1 };
  }
  buckets.set(key, { tokens, at: now }, ttl);
  return { allowed: false, retryAfterMs: Math.ceil(((1 - tokens) / b.refillPerSec) * 1000), tokens };
}
