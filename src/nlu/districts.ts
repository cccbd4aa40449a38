// Kecamatan names, which resolve to their kota/kabupaten: by full name ("semarangutara", "tembalang") and,
// for names of two words or more, by the first word when every kecamatan starting with it lies in one
// kota/kabupaten ("ungaran" -> Ungaran Barat/Timur -> Kabupaten Semarang). A name that is also an
// ordinary word ("Kajen", "Jambu") counts only after a place word or when written with a capital.
//
// Whether a name is an ordinary word takes the stemmer (slow: ~50 µs a word, 4,000 one-word names), so it
// is decided for a name the first time a message contains it, not at start-up. The entries come out exactly
// as if every name had been decided up front, in the official list's order.
import type { Region } from './regions.js';

export interface District { name: string; regions: Region[] }
interface Listed { name: string; region: Region; single: boolean }

export class DistrictIndex {
  /** Every kecamatan by key, in list order, until the key is first looked up. */
  private listed = new Map<string, Listed[]>();
  /** Shared first words -> the kecamatan starting with them, when they all lie in one kota/kabupaten. */
  private byFirst = new Map<string, District>();
  private plain = new Map<string, District>();
  private cued = new Map<string, District>();

  constructor(entries: Iterable<{ key: string; name: string; words: string[]; region: Region }>, private readonly isWord: (w: string) => boolean) {
    const firsts = new Map<string, { names: Set<string>; regions: Set<Region> }>();
    for (const { key, name, words, region } of entries) {
      const list = this.listed.get(key) ?? [];
      list.push({ name, region, single: words.length === 1 });
      this.listed.set(key, list);
      const first = words[0] ?? '';
      if (words.length > 1 && first.length >= 5) {
        const f = firsts.get(first) ?? { names: new Set(), regions: new Set() };
        f.names.add(name);
        f.regions.add(region);
        firsts.set(first, f);
      }
    }
    for (const [first, f] of firsts) if (f.regions.size === 1) this.byFirst.set(first, { name: [...f.names].join(' / '), regions: [...f.regions] });
  }

  /** Every key a kecamatan can be found by. */
  keys(): string[] {
    return [...this.listed.keys(), ...this.byFirst.keys(), ...this.plain.keys(), ...this.cued.keys()];
  }

  /** The kecamatan with this key; one whose name is an ordinary word only when `cued`. */
  find(key: string, cued: boolean): District | undefined {
    if (this.listed.has(key) || this.byFirst.has(key)) this.settle(key);
    return this.plain.get(key) ?? (cued ? this.cued.get(key) : undefined);
  }

  /** Decides the key's entries once; afterwards they are only in `plain` and `cued`. */
  private settle(key: string) {
    const list = this.listed.get(key);
    const first = this.byFirst.get(key);
    this.listed.delete(key);
    this.byFirst.delete(key);
    const word = (list?.some((l) => l.single) || first) ? this.isWord(key) : false;
    for (const l of list ?? []) {
      const into = l.single && word ? this.cued : this.plain;
      const entry = into.get(key) ?? { name: l.name, regions: [] };
      if (!entry.regions.includes(l.region)) entry.regions.push(l.region);
      into.set(key, entry);
    }
    if (first && !this.plain.has(key)) (word ? this.cued : this.plain).set(key, first);
  }
}
