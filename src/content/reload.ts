// Reload without restart: watches intents/, responses/ and data/, and after an edit (debounced) loads,
// checks and trains a complete new snapshot, then switches the bot to it at once. An edit with errors is
// refused: the bot keeps the last good content and the errors are logged with file and line.
import { watch, type FSWatcher } from 'node:fs';
import { join } from 'node:path';
import type { Bot } from '../core/bot.js';
import { ContentError, formatIssue, type ContentIssue } from '../errors.js';
import type { Logger } from '../log.js';
import type { Snapshot } from './load.js';

export interface RefusedEdit { at: Date; problems: string[] }
export interface ReloadStatus { version: string; loadedAt: Date; reloadMs?: number; lastRefused?: RefusedEdit }

export class ContentReloader {
  private watchers: FSWatcher[] = [];
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private again = false;
  private lastRefused?: RefusedEdit;
  private lastReloadMs?: number;
  private lastOk = true;

  constructor(private readonly bot: Bot, private readonly root: string, private readonly load: (root: string) => Promise<Snapshot>,
    private readonly log: Logger, private readonly debounceMs = 300) {}

  status(): ReloadStatus {
    const s = this.bot.snapshot;
    return { version: s.version, loadedAt: s.loadedAt, reloadMs: this.lastReloadMs, lastRefused: this.lastRefused };
  }

  start(): void {
    for (const dir of ['intents', 'responses', 'data']) {
      try {
        const w = watch(join(this.root, dir), () => this.schedule());
        w.on('error', (err) => this.log.warn({ err, dir }, 'content watcher error'));
        this.watchers.push(w);
      } catch (err) {
        this.log.warn({ err, dir }, 'cannot watch content folder; edits there need a restart');
      }
    }
  }

  stop(): void {
    clearTimeout(this.timer);
    for (const w of this.watchers) w.close();
    this.watchers = [];
  }

  private schedule() {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => { void this.reload(); }, this.debounceMs);
  }

  /** Loads the content now; resolves when it is live or refused. Overlapping calls coalesce. */
  async reload(): Promise<boolean> {
    if (this.running) {
      this.again = true;
      await this.running;
      return this.lastOk;
    }
    this.running = (async () => {
      do {
        this.again = false;
        this.lastOk = await this.loadOnce();
      } while (this.again);
    })();
    try { await this.running; } finally { this.running = undefined; }
    return this.lastOk;
  }

  private async loadOnce(): Promise<boolean> {
    const started = performance.now();
    try {
      const next = await this.load(this.root);
      if (next.version === this.bot.snapshot.version) return true;
      this.bot.swap(next);
      this.lastReloadMs = Math.round(performance.now() - started);
      this.log.info({ version: next.version, ms: this.lastReloadMs }, 'content reloaded');
      return true;
    } catch (err) {
      const issues: ContentIssue[] = err instanceof ContentError ? err.issues : [{ file: '(content)', line: 1, column: 1, field: '', message: String(err) }];
      this.lastRefused = { at: new Date(), problems: issues.map(formatIssue) };
      this.log.error({ problems: this.lastRefused.problems, serving: this.bot.snapshot.version }, 'content edit refused; still serving the last good content');
      return false;
    }
  }
}
