// Per-sender conversation memory: the language, and the frame of the last answer (topic, answer, regions,
// year) that a follow-up may build on. In memory, with a time-out and a size cap, so it cannot grow without bound.
import type { Lang } from '../nlu/language.js';
import { ExpiringMap } from '../util/expiring-map.js';
import type { RememberedFrame } from './context.js';

export interface ConversationState {
  lang: Lang;
  turns: number;
  /** The last answer a follow-up can build on (also when the bot asked "which region?"). */
  frame?: RememberedFrame;
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
