// One store interface for what several bot instances must share: conversation state, duplicate-message
// keys, rate-limit buckets and the WhatsApp gateway lock. Memory (default) and Redis implement it.
import type { ConversationState } from '../core/conversation.js';

export interface TokenResult { allowed: boolean; retryAfterMs: number; tokens: number }
export interface Bucket { capacity: number; refillPerSec: number }

export interface SharedStore {
  readonly kind: 'memory' | 'redis';
  getConversation(chatId: string): Promise<ConversationState | undefined>;
  setConversation(chatId: string, state: ConversationState, ttlMs: number): Promise<void>;
  /** True the first time a key is seen within ttl (duplicate-message detection). */
  firstSeen(key: string, ttlMs: number): Promise<boolean>;
  /** Takes one token from the sender's bucket. */
  takeToken(key: string, bucket: Bucket): Promise<TokenResult>;
  /** True once per window: used to send a single "please wait" per flood. */
  once(key: string, ttlMs: number): Promise<boolean>;
  /** A lock with expiry, owned by `owner`; acquiring again as owner renews it. */
  acquireLock(name: string, owner: string, ttlMs: number): Promise<boolean>;
  releaseLock(name: string, owner: string): Promise<void>;
  close(): Promise<void>;
}
