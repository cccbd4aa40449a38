// Per-sender conversation memory: the last topic and region, and what the bot is waiting for.
// In memory, with a time-out and a size cap, so it cannot grow without bound.
import type { Lang } from '../nlu/language.js';
import { ExpiringMap } from '../util/expiring-map.js';

export interface ConversationState {
  lastIntent?: string;
  lastRegionCode?: string;
  /** The bot asked for a region to answer this intent; the next message naming one is answered. */
  awaitingRegionFor?: string;
  lang: Lang;
  turns: number;
}

export interface ConversationStore {
  get(chatId: string): ConversationState | undefined;
  set(chatId: string, state: ConversationState): void;
}

export class MemoryConversationStore implements ConversationStore {
  private entries: ExpiringMap<ConversationState>;
  constructor(private readonly ttlMs = 30 * 60_000, maxEntries = 50_000, now: () => number = Date.now) {
    this.entries = new ExpiringMap(maxEntries, now);
  }

  get(chatId: string): ConversationState | undefined {
    return this.entries.get(chatId);
  }

  set(chatId: string, state: ConversationState): void {
    this.entries.set(chatId, state, this.ttlMs);
  }

  get size(): number {
    return this.entries.size;
  }
}
