// Chooses the shared store from configuration: Redis when REDIS_URL is set, else memory.
import { hostname } from 'node:os';
import type { Config } from '../config.js';
import type { Logger } from '../log.js';
import { MemoryStore } from './memory.js';
import { RedisStore } from './redis.js';
import { ResilientStore } from './resilient.js';
import type { SharedStore } from './types.js';

export type { SharedStore } from './types.js';

export function createStore(config: Config, log: Logger): SharedStore {
  if (!config.REDIS_URL) return new MemoryStore(config.CONTEXT_MAX_SENDERS);
  log.info({ fallback: config.REDIS_FALLBACK }, 'shared state in Redis');
  return new ResilientStore(new RedisStore(config.REDIS_URL, config.REDIS_PREFIX), config.REDIS_FALLBACK, log);
}

export function instanceId(config: Config): string {
  return config.INSTANCE_ID ?? `${hostname()}-${process.pid}`;
}
