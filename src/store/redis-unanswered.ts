// The editors' inbox shared by every instance: unanswered messages in a capped Redis stream. While Redis is
// unreachable, records go to this instance's file instead (kept, and listed with the shared ones).
import type { Logger } from '../log.js';
import { storable, type UnansweredRecord, type UnansweredStore } from '../core/unanswered.js';
import type { RedisStore } from './redis.js';

const STREAM = 'unanswered';

export class RedisUnansweredStore implements UnansweredStore {
  constructor(private readonly redis: RedisStore, private readonly max: number, private readonly log: Logger,
    private readonly fallback?: UnansweredStore, private readonly healthy: () => boolean = () => true) {}

  record(r: UnansweredRecord): void {
    const rec = storable(r);
    if (!this.healthy()) { this.fallback?.record(rec); return; }
    this.redis.append(STREAM, JSON.stringify(rec), this.max).catch((err: unknown) => {
      this.log.warn({ err }, 'could not record an unanswered message in Redis; kept in the local file');
      this.fallback?.record(rec);
    });
  }

  async all(): Promise<UnansweredRecord[]> {
    const local = (await this.fallback?.all()) ?? [];
    const shared = (await this.redis.entries(STREAM, this.max)).flatMap((v) => {
      try { return [JSON.parse(v) as UnansweredRecord]; } catch { return []; }
    });
    return [...shared, ...local].sort((a, b) => a.at.localeCompare(b.at));
  }
}
