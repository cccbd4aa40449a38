// A clock and sleep for tests: sleeping registers a timer; `run` moves the clock to each timer in due order.
export interface FakeTime { now(): number; set(ms: number): void; sleep(ms: number): Promise<void>; run(): Promise<void>; flush(): Promise<void> }

export function fakeTime(start = 0): FakeTime {
  let now = start;
  const timers: Array<{ at: number; seq: number; resolve: () => void }> = [];
  let seq = 0;
  const flush = async () => { for (let i = 0; i < 20; i++) await new Promise((r) => setImmediate(r)); };
  return {
    now: () => now,
    set: (ms) => { now = ms; },
    sleep: (ms) => new Promise<void>((resolve) => { timers.push({ at: now + ms, seq: ++seq, resolve }); }),
    flush,
    async run() {
      await flush();
      while (timers.length) {
        timers.sort((a, b) => a.at - b.at || a.seq - b.seq);
        const t = timers.shift();
        if (!t) break;
        now = Math.max(now, t.at);
        t.resolve();
        await flush();
      }
    },
  };
}
