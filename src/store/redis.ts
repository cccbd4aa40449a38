// The Redis store (ioredis), used when REDIS_URL is set: several bot instances share conversation state,
// duplicate keys, rate-limit buckets and the WhatsApp lock. The token bucket and the lock are Lua scripts,
// so each is one atomic step however many instances call it.
import { Redis } from 'ioredis';
import type { ConversationState } from '../core/conversation.js';
import type { Bucket, SharedStore, TokenResult } from './types.js';

const TAKE = `
local key, capacity, rate, now = KEYS[1], tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
local b = redis.call('HMGET', key, 'tokens', 'at')
local tokens = tonumber(b[1]) or capacity
local at = tonumber(b[2]) or now
tokens = math.min(capacity, tokens + (math.max(0, now - at) / 1000) * rate)
local allowed = 0
if tokens >= 1 then tokens = tokens - 1; allowed = 1 end
redis.call('HSET', key, 'tokens', tostring(tokens), 'at', tostring(now))
redis.call('PEXPIRE', key, math.ceil(capacity / rate * 1000) + 1000)
return {allowed, tostring(tokens)}`;

const ACQUIRE = `
local holder = redis.call('GET', KEYS[1])
if holder == false or holder == ARGV[1] then
  redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
  return 1
end
return 0`;

const RELEASE = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`;

export class RedisStore implements SharedStore {
  readonly kind = 'redis' as const;
  readonly client: Redis;

  constructor(url: string, private readonly prefix = 'pandawa:', opts: { connectTimeoutMs?: number } = {}) {
    this.client = new Redis(url, {
      lazyConnect: false,
      maxRetriesPerRequest: 1,
      enableOfflineQueue: false,
      connectTimeout: opts.connectTimeoutMs ?? 2000,
      retryStrategy: (times) => Math.min(times * 200, 2000),
    });
    this.client.on('error', () => { /* reported through the resilient store's state changes */ });
  }

  async getConversation(chatId: string): Promise<ConversationState | undefined> {
    const raw = await this.client.get(`${this.prefix}conv:${chatId}`);
    return raw ? (JSON.parse(raw) as ConversationState) : undefined;
  }

  async setConversation(chatId: string, state: ConversationState, ttlMs: number) {
    await this.client.set(`${this.prefix}conv:${chatId}`, JSON.stringify(state), 'PX', Math.max(1, Math.round(ttlMs)));
  }

  async firstSeen(key: string, ttlMs: number) {
    return (await this.client.set(`${this.prefix}seen:${key}`, '1', 'PX', Math.max(1, Math.round(ttlMs)), 'NX')) === 'OK';
  }

  async takeToken(key: string, b: Bucket): Promise<TokenResult> {
    const [allowed, tokensRaw] = (await this.client.eval(TAKE, 1, `${this.prefix}bucket:${key}`, b.capacity, b.refillPerSec, Date.now())) as [number, string];
    const tokens = Number(tokensRaw);
    return { allowed: allowed === 1, tokens, retryAfterMs: allowed === 1 ? 0 : Math.ceil(((1 - tokens) / b.refillPerSec) * 1000) };
  }

  async once(key: string, ttlMs: number) {
    return (await this.client.set(`${this.prefix}once:${key}`, '1', 'PX', Math.max(1, Math.round(ttlMs)), 'NX')) === 'OK';
  }

  async acquireLock(name: string, owner: string, ttlMs: number) {
    return (await this.client.eval(ACQUIRE, 1, `${this.prefix}lock:${name}`, owner, Math.round(ttlMs))) === 1;
  }

  async releaseLock(name: string, owner: string) {
    await this.client.eval(RELEASE, 1, `${this.prefix}lock:${name}`, owner);
  }

  /** Resolves when connected, or after `timeoutMs` (commands then fail fast until Redis is reachable). */
  async ready(timeoutMs = 3000): Promise<boolean> {
    if (this.client.status === 'ready') return true;
    return new Promise((resolve) => {
      const t = setTimeout(() => { this.client.off('ready', on); resolve(false); }, timeoutMs);
      const on = () => { clearTimeout(t); resolve(true); };
      this.client.once('ready', on);
    });
  }

  async ping(): Promise<void> {
    await this.client.ping();
  }

  async close() {
    this.client.disconnect();
  }
}
