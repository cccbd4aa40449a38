// A Map whose entries expire and whose size is capped (oldest written first out): the in-memory stores' base.

export class ExpiringMap<V> {
  private m = new Map<string, { v: V; until: number }>();
  constructor(private readonly max: number, private readonly now: () => number) {}
  get(k: string): V | undefined {
    const e = this.m.get(k);
    if (!e) return undefined;
    if (e.until <= this.now()) { this.m.delete(k); return undefined; }
    return e.v;
  }
  set(k: string, v: V, ttlMs: number) {
    this.m.delete(k);
    this.m.set(k, { v, until: this.now() + ttlMs });
    while (this.m.size > this.max) this.m.delete(this.m.keys().next().value as string);
  }
  delete(k: string) { this.m.delete(k); }
  get size() { return this.m.size; }
}
