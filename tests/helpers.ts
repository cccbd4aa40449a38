// Shared test set-up: the real content, loaded once per test file, and a bot on it.
import { loadBotContent, type Snapshot } from '../src/content/index.js';
import { Bot } from '../src/core/bot.js';
import type { Inbound } from '../src/core/types.js';

let snapshot: Promise<Snapshot> | undefined;
export function content(): Promise<Snapshot> {
  snapshot ??= loadBotContent('.');
  return snapshot;
}

export async function newBot(): Promise<Bot> {
  return new Bot(await content());
}

let n = 0;
export function msg(chatId: string, text: string, extra: Partial<Inbound> = {}): Inbound {
  return { id: `t${++n}`, channel: 'test', chatId, text, receivedAt: new Date(), ...extra };
}
