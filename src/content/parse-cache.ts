// What each content file parsed to, kept on disk by the hash of its text, so that a start with unchanged
// content skips the YAML parser: its first run in a fresh process is slow (about 400 ms of a cold start for
// the 21 files). The cache only ever saves work: a file whose text changed is parsed again, a missing,
// unreadable or damaged cache file is ignored, and a file that fails to parse is never stored. Problems are
// still reported at their line: the document is parsed on demand when a check needs a position.
import { mkdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { createHash } from 'node:crypto';
import { deserialize, serialize } from 'node:v8';
import { createRequire } from 'node:module';
import { writeDurably } from '../util/durable-write.js';

/** Part of every key: a different parser version (or this format) never reuses an entry. */
const FORMAT = `pandawa-parse-cache-1 yaml-${(createRequire(import.meta.url)('yaml/package.json') as { version: string }).version}`;

export class ParseCache {
  /** Entries read from disk and entries added since, by key; values are serialized, so every read is a fresh copy. */
  private entries: Map<string, Buffer> | undefined;
  /** Keys asked for or stored in this process: only those are written back, so the file never grows stale. */
  private used = new Set<string>();
  private changed = false;
  /** Files served from the cache in this process (logged at start). */
  hits = 0;

  constructor(private readonly file: string) {}

  /** The parsed value of a file with this text, if it is in the cache (a fresh copy). */
  get(text: string): unknown {
    const key = keyOf(text);
    this.used.add(key);
    const hit = this.load().get(key);
    if (!hit) return undefined;
    try {
      const value = deserialize(hit);
      this.hits += 1;
      return value;
    } catch {
      return undefined;
    }
  }

  set(text: string, data: unknown): void {
    const key = keyOf(text);
    this.used.add(key);
    this.load().set(key, serialize(data));
    this.changed = true;
  }

  /** Writes the entries used in this process when something changed (src/util/durable-write.ts: never half a file). */
  async save(): Promise<void> {
    const entries = this.load();
    if (!this.changed && [...entries.keys()].every((k) => this.used.has(k))) return;
    const kept = new Map([...entries].filter(([k]) => this.used.has(k)));
    try {
      mkdirSync(dirname(this.file), { recursive: true });
      await writeDurably(this.file, serialize(kept));
      this.entries = kept;
      this.changed = false;
    } catch {
      /* a read-only folder: the bot starts as fast as it did without the cache */
    }
  }

  private load(): Map<string, Buffer> {
    if (this.entries) return this.entries;
    try {
      const read = deserialize(readFileSync(this.file)) as unknown;
      this.entries = read instanceof Map ? (read as Map<string, Buffer>) : new Map();
    } catch {
      this.entries = new Map();
    }
    return this.entries;
  }
}

function keyOf(text: string): string {
  return createHash('sha256').update(FORMAT).update('\0').update(text).digest('base64url');
}
