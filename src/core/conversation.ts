// Per-sender conversation memory: the last topic and region, and what the bot is waiting for.
// In memory, with a time-out and a size cap, so it cannot grow without bound.
import type { Lang } from '../nlu/language.js';

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
  private entries = new Map<string, { state: ConversationState; at: number }>();
  constructor(private readonly ttlMs = 30 * 60_000, private readonly maxEntries = 50_000, private readonly now = () => Date.now()) {}

  get(chatId: string): ConversationState | undefined {
    const e = this.entries.get(chatId);
    if (!e) return undefined;
    if (this.now() - e.at > this.ttlMs) {
      this.entries.delete(chatId);
      return undefined;
    }
    return e.state;
  }

  set(chatId: string, state: ConversationState): void {
    this.entries.delete(chatId);
    this.entries.set(chatId, { state, at: this.now() });
    if (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
  }

  get size(): number {
    return this.entries.size;
  }
}
