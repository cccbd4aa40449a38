// Messages the bot did not answer well: every fallback and every answer below a confidence bar, with time,
// channel, the masked text (no NIK, phone or e-mail in clear) and the best guess, listed grouped by similar
// wording. One instance keeps them in a JSON-lines file (survives restarts, no server); with Redis, all
// instances share one capped stream (store/redis-unanswered.ts), so editors see one inbox.
import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { redactForStore } from '../nlu/pii.js';
import { normalise, tokenize } from '../nlu/text.js';
import { stem } from '../nlu/features.js';
import { STOPWORDS } from '../nlu/words.js';

export interface UnansweredRecord { at: string; channel: string; text: string; intent: string; guess?: string; confidence: number }
export interface UnansweredGroup { example: string; count: number; lastAt: string; guesses: Record<string, number>; texts: string[] }

export interface UnansweredStore {
  /** Records a message; the text is masked and cut here, whatever the caller passed. */
  record(r: UnansweredRecord): void;
  /** Every record kept, oldest first. */
  all(): Promise<UnansweredRecord[]>;
}

/** What a store keeps of a record: personal data masked (and anything like it), at most `maxChars` of text. */
export function storable(r: UnansweredRecord, maxChars = 300): UnansweredRecord {
  return { ...r, text: clip(redactForStore(r.text), maxChars) };
}

export class FileUnansweredStore implements UnansweredStore {
  private cache?: UnansweredRecord[];
  constructor(private readonly path: string, private readonly maxTextChars = 300) {}

  record(r: UnansweredRecord): void {
    const rec = storable(r, this.maxTextChars);
    mkdirSync(dirname(this.path), { recursive: true });
    appendFileSync(this.path, JSON.stringify(rec) + '\n');
    this.cache?.push(rec);
  }

  async all(): Promise<UnansweredRecord[]> {
    if (!this.cache) {
      this.cache = [];
      if (existsSync(this.path)) {
        for (const line of readFileSync(this.path, 'utf8').split('\n')) {
          if (!line.trim()) continue;
          try { this.cache.push(JSON.parse(line) as UnansweredRecord); } catch { /* a torn last line after a crash */ }
        }
      }
    }
    return this.cache;
  }
}

/** At most `max` UTF-16 units, cut between code points (never half a surrogate pair). */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  return /[\uD800-\uDBFF]$/.test(cut) ? cut.slice(0, -1) : cut;
}

function signature(text: string): Set<string> {
  return new Set(tokenize(normalise(text)).filter((t) => !STOPWORDS.has(t)).map(stem));
}

function similar(a: Set<string>, b: Set<string>): boolean {
  if (!a.size && !b.size) return true;
  let shared = 0;
  for (const x of a) if (b.has(x)) shared += 1;
  return shared / (a.size + b.size - shared) >= 0.5;
}

export function groupSimilar(records: UnansweredRecord[]): UnansweredGroup[] {
  const groups: Array<UnansweredGroup & { sig: Set<string> }> = [];
  for (const r of records) {
    const sig = signature(r.text);
    let g = groups.find((x) => similar(x.sig, sig));
    if (!g) {
      g = { sig, example: r.text, count: 0, lastAt: r.at, guesses: {}, texts: [] };
      groups.push(g);
    }
    g.count += 1;
    if (r.at > g.lastAt) g.lastAt = r.at;
    if (r.guess) g.guesses[r.guess] = (g.guesses[r.guess] ?? 0) + 1;
    if (g.texts.length < 5 && !g.texts.includes(r.text)) g.texts.push(r.text);
  }
  return groups.sort((a, b) => b.count - a.count || b.lastAt.localeCompare(a.lastAt)).map(({ sig: _sig, ...g }) => g);
}
