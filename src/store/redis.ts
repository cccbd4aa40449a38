// The Redis store (ioredis), used when REDIS_URL is set: several bot instances share conversation state,
// duplicate keys, rate-limit buckets and the WhatsApp lock. The token bucket and the lock are Lua scripts,
// so each is one atomic step however many instances call it.
import { Redis } from 'ioredis';
import type { ConversationState } from '../core/conversation.js';
import type { Bucket, ClaimResult, LinePlace, SharedStore, TokenResult } from './types.js';

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

const CLAIM = `
local v = redis.call('GET', KEYS[1])
if v == 'done' then return 'done' end
if v then return 'pending' end
redis.call('SET', KEYS[1], 'pending:' .. ARGV[1], 'PX', ARGV[2])
return 'claimed'`;

const UNCLAIM = `
if redis.call('GET', KEYS[1]) == 'pending:' .. ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`;

// A chat's line: a sorted set ordered by a counter; KEYS[3] / ARGV[4] name instances' heartbeat keys. (The
// heartbeats of other instances are read by name, so a cluster would need the keys in one hash slot.)
const JOIN = `
redis.call('SET', KEYS[3], '1', 'PX', ARGV[2])
local n = redis.call('INCR', KEYS[2])
redis.call('PEXPIRE', KEYS[2], ARGV[3])
redis.call('ZADD', KEYS[1], n, ARGV[1])
redis.call('PEXPIRE', KEYS[1], ARGV[3])
if redis.call('ZCARD', KEYS[1]) == 1 then return 'front' end
return 'waiting'`;

const PLACE = `
redis.call('SET', KEYS[2], '1', 'PX', ARGV[2])
if not redis.call('ZSCORE', KEYS[1], ARGV[1]) then return 'gone' end
while true do
  local head = redis.call('ZRANGE', KEYS[1], 0, 0)[1]
  if head == ARGV[1] then return 'front' end
  local instance = string.match(head, '^(.*):[^:]*$') or head
  if redis.call('EXISTS', ARGV[3] .. instance) == 1 then return 'waiting' end
  redis.call('ZREM', KEYS[1], head)
end`;

const LEAVE = `
redis.call('ZREM', KEYS[1], ARGV[1])
if redis.call('ZCARD', KEYS[1]) == 0 then redis.call('DEL', KEYS[2]) end
return 0`;

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

/** A chat's line and its counter go when unused for this long (the line is gone anyway once empty). */
const LINE_TTL_MS = 3_600_000;

export interface RedisOptions {
  connectTimeoutMs?: number;
  commandTimeoutMs?: number;
  /** The clock the token bucket refills by (tests inject one). */
  now?: () => number;
}

export class RedisStore implements SharedStore {
  readonly kind = 'redis' as const;
  readonly client: Redis;
  private readonly now: () => number;

  constructor(url: string, private readonly prefix = 'pandawa:', opts: RedisOptions = {}) {
    this.now = opts.now ?? Date.now;
    this.client = new Redis(url, {
      lazyConnect: false,
      maxRetriesPerRequest: 1,
      enableOfflineQueue: false,
      connectTimeout: opts.connectTimeoutMs ?? 2000,
      // A Redis that hangs (stopped, overloaded, network black hole) fails a command after this, like a lost one.
      commandTimeout: opts.commandTimeoutMs ?? 500,
      retryStrategy: (times) => Math.min(times * 100, 1000),
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

  async claim(key: string, owner: string, leaseMs: number): Promise<ClaimResult> {
    return (await this.client.eval(CLAIM, 1, `${this.prefix}seen:${key}`, owner, Math.max(1, Math.round(leaseMs)))) as ClaimResult;
  }

  async commit(key: string, ttlMs: number) {
    await this.client.set(`${this.prefix}seen:${key}`, 'done', 'PX', Math.max(1, Math.round(ttlMs)));
  }

  async release(key: string, owner: string) {
    await this.client.eval(UNCLAIM, 1, `${this.prefix}seen:${key}`, owner);
  }

  async takeToken(key: string, b: Bucket): Promise<TokenResult> {
    const [allowed, tokensRaw] = (await this.client.eval(TAKE, 1, `${this.prefix}bucket:${key}`, b.capacity, b.refillPerSec, this.now())) as [number, string];
    const tokens = Number(tokensRaw);
    return { allowed: allowed === 1, tokens, retryAfterMs: allowed === 1 ? 0 : Math.ceil(((1 - tokens) / b.refillPerSec) * 1000) };
  }

  async once(key: string, ttlMs: number) {
    return (await this.client.set(`${this.prefix}once:${key}`, '1', 'PX', Math.max(1, Math.round(ttlMs)), 'NX')) === 'OK';
  }

  /** `member` must be "<instance>:<anything without a colon>". */
  async joinLine(line: string, member: string, instance: string, ttlMs: number): Promise<LinePlace> {
    const p = this.prefix;
    return (await this.client.eval(JOIN, 3, `${p}line:${line}`, `${p}linen:${line}`, `${p}alive:${instance}`, member, Math.round(ttlMs), LINE_TTL_MS)) as LinePlace;
  }

  async linePlace(line: string, member: string, instance: string, ttlMs: number): Promise<LinePlace> {
    const p = this.prefix;
    return (await this.client.eval(PLACE, 2, `${p}line:${line}`, `${p}alive:${instance}`, member, Math.round(ttlMs), `${p}alive:`)) as LinePlace;
  }

  async leaveLine(line: string, member: string) {
    await this.client.eval(LEAVE, 2, `${this.prefix}line:${line}`, `${this.prefix}linen:${line}`, member);
  }

  async acquireLock(name: string, owner: string, ttlMs: number) {
    return (await this.client.eval(ACQUIRE, 1, `${this.prefix}lock:${name}`, owner, Math.round(ttlMs))) === 1;
  }

  async releaseLock(name: string, owner: string) {
    await this.client.eval(RELEASE, 1, `${this.prefix}lock:${name}`, owner);
  }

  /** Appends to a capped stream (the oldest entries go past about `max`). */
  async append(stream: string, value: string, max: number): Promise<void> {
    await this.client.xadd(`${this.prefix}${stream}`, 'MAXLEN', '~', String(max), '*', 'v', value);
  }

  /** The newest `max` entries of a stream, oldest first. */
  async entries(stream: string, max: number): Promise<string[]> {
    const rows = await this.client.xrevrange(`${this.prefix}${stream}`, '+', '-', 'COUNT', max);
    return rows.map(([, fields]) => fields[1] ?? '').reverse();
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
