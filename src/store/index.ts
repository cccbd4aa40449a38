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
  const redis = new RedisStore(config.REDIS_URL, config.REDIS_PREFIX);
  const up = await redis.ready();
  log.info({ fallback: config.REDIS_FALLBACK, connected: up }, up ? 'shared state in Redis' : 'Redis not reachable yet; will keep trying');
  return new ResilientStore(redis, config.REDIS_FALLBACK, log);
}

export function instanceId(config: Config): string {
  return config.INSTANCE_ID ?? `${hostname()}-${process.pid}`;
}
