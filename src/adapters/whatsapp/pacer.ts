// Paces outgoing WhatsApp messages: a minimum gap between two sends to one chat and a cap on sends per
// minute overall, to stay clear of WhatsApp's spam limits. Clock and sleep are injectable for tests.

export interface PacerOptions { minGapMs: number; maxPerMinute: number }

export class Pacer {
  private lastByChat = new Map<string, number>();
  private recent: number[] = [];

  constructor(private readonly opts: PacerOptions, private readonly now: () => number = Date.now,
    private readonly sleep: (ms: number) => Promise<void> = (ms) => new Promise((r) => setTimeout(r, ms))) {}

  /** Resolves when a message to `chatId` may be sent, and books that send. */
  async wait(chatId: string): Promise<void> {
    for (;;) {
      const t = this.now();
      while (this.recent.length && (this.recent[0] ?? 0) <= t - 60_000) this.recent.shift();
      const last = this.lastByChat.get(chatId);
      const gapWait = last === undefined ? 0 : last + this.opts.minGapMs - t;
      const capWait = this.recent.length >= this.opts.maxPerMinute ? (this.recent[0] ?? t) + 60_000 - t : 0;
      const w = Math.max(gapWait, capWait);
      if (w <= 0) break;
      await this.sleep(w);
    }
    const t = this.now();
    this.recent.push(t);
    this.lastByChat.set(chatId, t);
    if (this.lastByChat.size > 10_000) this.lastByChat.delete(this.lastByChat.keys().next().value as string);
  }
}
