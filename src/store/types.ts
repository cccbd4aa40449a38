// One store interface for what several bot instances must share: conversation state, duplicate-message
// keys, rate-limit buckets and the WhatsApp gateway lock. Memory (default) and Redis implement it.
import type { ConversationState } from '../core/conversation.js';

/** Where a message stands in its chat's line: first (its turn), behind others, or no longer in it (rejoin). */
export type LinePlace = 'front' | 'waiting' | 'gone';

/** A message id's state: just claimed by this caller, being answered by someone, or answered. */
export type ClaimResult = 'claimed' | 'pending' | 'done';

export interface TokenResult { allowed: boolean; retryAfterMs: number; tokens: number }
export interface Bucket { capacity: number; refillPerSec: number }

export interface SharedStore {
  readonly kind: 'memory' | 'redis';
  getConversation(chatId: string): Promise<ConversationState | undefined>;
  setConversation(chatId: string, state: ConversationState, ttlMs: number): Promise<void>;
  /**
   * Duplicate-message detection in two steps: `claim` marks a message id as being answered by `owner` for
   * `leaseMs` (or says who has it); `commit` marks it answered once the reply was produced (and sent);
   * `release` gives it up (rate-limited, refused at shutdown, delivery failed) so a retry is answered.
   */
  claim(key: string, owner: string, leaseMs: number): Promise<ClaimResult>;
  commit(key: string, ttlMs: number): Promise<void>;
  release(key: string, owner: string): Promise<void>;
  /** Takes one token from the sender's bucket. */
  takeToken(key: string, bucket: Bucket): Promise<TokenResult>;
  /** True once per window: used to send a single "please wait" per flood. */
  once(key: string, ttlMs: number): Promise<boolean>;
  /**
   * One line per chat, first come first served across instances: `joinLine` puts a message at the back (and
   * says whether that is the front), `linePlace` says whether it is at the front now. Each call renews its instance's heartbeat for `ttlMs`; the
   * messages of an instance whose heartbeat ran out (it died) are dropped from the front, so a dead instance
   * blocks a chat at most `ttlMs`.
   */
  joinLine(line: string, member: string, instance: string, ttlMs: number): Promise<LinePlace>;
  linePlace(line: string, member: string, instance: string, ttlMs: number): Promise<LinePlace>;
  leaveLine(line: string, member: string): Promise<void>;
  /** A lock with expiry, owned by `owner`; acquiring again as owner renews it. */
  acquireLock(name: string, owner: string, ttlMs: number): Promise<boolean>;
  releaseLock(name: string, owner: string): Promise<void>;
  close(): Promise<void>;
}
