// A Map with a size cap for memoising pure functions (stems, spelling, region lookups): when full, the
// oldest entries leave one at a time, so a busy bot never loses all it has learnt at once.

export class BoundedCache<K, V> {
  private m = new Map<K, V>();
  /** `refresh`: a hit moves the entry to the back (least recently used leaves first); off, oldest written leaves first. */
  constructor(readonly max: number, private readonly refresh = false) {}

  get(k: K): V | undefined {
    const v = this.m.get(k);
    if (v !== undefined && this.refresh) {
      this.m.delete(k);
      this.m.set(k, v);
    }
    return v;
  }

  set(k: K, v: V): V {
    if (this.max <= 0) return v;
    this.m.delete(k);
    this.m.set(k, v);
    if (this.m.size > this.max) this.m.delete(this.m.keys().next().value as K);
    return v;
  }

  get size(): number {
    return this.m.size;
  }
}
