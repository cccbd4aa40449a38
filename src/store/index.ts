// Chooses the shared store from configuration: Redis when REDIS_URL is set, else memory; and with Redis, the
// editors' shared inbox of unanswered messages (else this instance's file).
import { hostname } from 'node:os';
import type { Config } from '../config.js';
import { ConfigError } from '../errors.js';
import type { Logger } from '../log.js';
import { MemoryStore } from './memory.js';
import { ResilientStore } from './resilient.js';
import type { SharedStore } from './types.js';
import type { UnansweredStore } from '../core/unanswered.js';

export type { SharedStore } from './types.js';

export interface Stores { store: SharedStore; unanswered?: UnansweredStore }

export async function createStore(config: Config, log: Logger, localUnanswered?: UnansweredStore): Promise<Stores> {
  if (!config.REDIS_URL) return { store: new MemoryStore(config.CONTEXT_MAX_SENDERS), unanswered: localUnanswered };
  // Checked here, not in loadConfig: the console reads the same configuration and never uses Redis.
  if (!config.ID_HASH_SECRET) throw new ConfigError(['ID_HASH_SECRET: required with REDIS_URL (the same value on every instance; senders are keyed by it in Redis)']);
  const { RedisStore } = await import('./redis.js'); // ioredis only when Redis is configured
  const { RedisUnansweredStore } = await import('./redis-unanswered.js');
  const redis = new RedisStore(config.REDIS_URL, config.REDIS_PREFIX,
    { connectTimeoutMs: config.REDIS_CONNECT_TIMEOUT_MS, commandTimeoutMs: config.REDIS_COMMAND_TIMEOUT_MS });
  const up = await redis.ready(config.REDIS_CONNECT_TIMEOUT_MS);
  log.info({ fallback: config.REDIS_FALLBACK, connected: up }, up ? 'shared state in Redis' : 'Redis not reachable yet; will keep trying');
  const store = new ResilientStore(redis, config.REDIS_FALLBACK, log);
  if (!up) await store.check();
  store.startHealthCheck(config.REDIS_HEALTH_INTERVAL_MS);
  const unanswered = localUnanswered && new RedisUnansweredStore(redis, config.UNANSWERED_MAX, log, localUnanswered, () => store.healthy);
  return { store, unanswered };
}

export function instanceId(config: Config): string {
  return config.INSTANCE_ID ?? `${hostname()}-${process.pid}`;
}
