// Console channel. Interactive: a chat in the terminal. With --json: one {"from","text"} object per stdin
// line in, exactly one JSON line per input out, in order; logs go to stderr; exit 0 at end of input.
import { createInterface } from 'node:readline';
import type { Bot } from '../core/bot.js';
import type { Inbound } from '../core/types.js';

let seq = 0;
const inbound = (from: string, text: string): Inbound => ({ id: `console-${++seq}`, channel: 'console', chatId: from, text, receivedAt: new Date() });

/** One input line to one output line (the JSON-lines protocol). Never throws. */
export function jsonLine(bot: Bot, line: string): string {
  let msg: unknown;
  try {
    msg = JSON.parse(line);
  } catch {
    return JSON.stringify({ error: 'invalid JSON: expected {"from": string, "text": string}' });
  }
  if (typeof msg !== 'object' || msg === null || Array.isArray(msg)) return JSON.stringify({ error: 'expected a JSON object {"from", "text"}' });
  const { from, text } = msg as { from?: unknown; text?: unknown };
  if (typeof from !== 'string' || from === '') return JSON.stringify({ error: 'field "from" must be a non-empty string' });
  // As the HTTP API: a message without "text" is a mistake, not an empty message.
  if (typeof text !== 'string') return JSON.stringify({ error: 'field "text" must be a string' });
  try {
    return JSON.stringify(bot.handle(inbound(from, text)));
  } catch (e) {
    return JSON.stringify({ error: `internal error: ${(e as Error).message}` });
  }
}

export async function runJsonLines(bot: Bot, input: NodeJS.ReadableStream = process.stdin, output: NodeJS.WritableStream = process.stdout): Promise<void> {
  const rl = createInterface({ input, crlfDelay: Infinity });
  // Exactly one output line per input line, blank ones included (they get an error), so callers can pair them.
  for await (const line of rl) output.write(jsonLine(bot, line) + '\n');
}

/** The terminal chat: replies only; with `detail`, the intent, confidence and language under each. */
export async function runInteractive(bot: Bot, opts: { detail?: boolean } = {}): Promise<void> {
  const rl = createInterface({ input: process.stdin, output: process.stdout, prompt: 'anda> ' });
  const from = 'console-user';
  process.stdout.write('pandawa-bot: tanya tentang JKN (aktivasi, UHC Award 2026, cakupan daerah). Ketik "menu", atau Ctrl+D untuk keluar.\n\n');
  rl.prompt();
  for await (const line of rl) {
    if (line.trim()) {
      const res = bot.handle(inbound(from, line));
      for (const r of res.replies) process.stdout.write(`\nbot> ${r.replace(/\n/g, '\n     ')}\n`);
      process.stdout.write(opts.detail ? `     [${res.intent} ${res.confidence} ${res.lang}]\n\n` : '\n');
    }
    rl.prompt();
  }
  process.stdout.write('\n');
}
