// Chooses the shared store from configuration: Redis when REDIS_URL is set, else memory.
import { hostname } from 'node:os';
import type { Config } from '../config.js';
import type { Logger } from '../log.js';
import { MemoryStore } from './memory.js';
import { ResilientStore } from './resilient.js';
import type { SharedStore } from './types.js';

export type { SharedStore } from './types.js';

export async function createStore(config: Config, log: Logger): Promise<SharedStore> {
  if (!config.REDIS_URL) return new MemoryStore(config.CONTEXT_MAX_SENDERS);
  const { RedisStore } = await import('./redis.js'); // ioredis only when Redis is configured
  const redis = new RedisStore(config.REDIS_URL, config.REDIS_PREFIX,
    { connectTimeoutMs: config.REDIS_CONNECT_TIMEOUT_MS, commandTimeoutMs: config.REDIS_COMMAND_TIMEOUT_MS });
  const up = await redis.ready(config.REDIS_CONNECT_TIMEOUT_MS);
  log.info({ fallback: config.REDIS_FALLBACK, connected: up }, up ? 'shared state in Redis' : 'Redis not reachable yet; will keep trying');
  const store = new ResilientStore(redis, config.REDIS_FALLBACK, log);
  if (!up) await store.check();
  store.startHealthCheck(config.REDIS_HEALTH_INTERVAL_MS);
  return store;
}

export function instanceId(config: Config): string {
  return config.INSTANCE_ID ?? `${hostname()}-${process.pid}`;
}
