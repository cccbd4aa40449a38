// The in-memory store: the default for a single instance. Every map has time-outs and a size cap.
import type { ConversationState } from '../core/conversation.js';
import type { Bucket, SharedStore, TokenResult } from './types.js';
import { ExpiringMap } from '../util/expiring-map.js';

export class MemoryStore implements SharedStore {
  readonly kind = 'memory' as const;
  private conversations: ExpiringMap<ConversationState>;
  private seen: ExpiringMap<true>;
  private buckets: ExpiringMap<{ tokens: number; at: number }>;
  private flags: ExpiringMap<true>;
  private locks: ExpiringMap<string>;

  constructor(maxEntries = 50_000, private readonly now: () => number = Date.now) {
    this.conversations = new ExpiringMap(maxEntries, now);
    this.seen = new ExpiringMap(maxEntries * 2, now);
    this.buckets = new ExpiringMap(maxEntries, now);
    this.flags = new ExpiringMap(maxEntries, now);
    this.locks = new ExpiringMap(1000, now);
  }

  get conversationCount(): number { return this.conversations.size; }

  async getConversation(chatId: string) { return this.conversations.get(chatId); }
  async setConversation(chatId: string, state: ConversationState, ttlMs: number) { this.conversations.set(chatId, state, ttlMs); }

  async firstSeen(key: string, ttlMs: number) {
    if (this.seen.get(key)) return false;
    this.seen.set(key, true, ttlMs);
    return true;
  }

  async takeToken(key: string, b: Bucket): Promise<TokenResult> {
    return takeFromBucket(this.buckets, key, b, this.now());
  }

  async once(key: string, ttlMs: number) {
    if (this.flags.get(key)) return false;
    this.flags.set(key, true, ttlMs);
    return true;
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
