// Recognises Indonesian provinces and kota/kabupaten in a token list: official names from idn-area-data,
// with or without "Kota/Kabupaten/Kab./Provinsi", editor-kept aliases and nicknames, kecamatan names (which
// resolve to their kota/kabupaten), and small typos in region names.
import { getDistricts, getProvinces, getRegencies } from 'idn-area-data';
import { FuzzyIndex } from './fuzzy.js';
import { BoundedCache } from '../util/bounded-cache.js';
import { wordTable } from '../util/objects.js';
import { DistrictIndex } from './districts.js';

export type RegionKind = 'provinsi' | 'kota' | 'kabupaten';
export interface Region {
  code: string;
  /** Official name: "Kota Semarang", "Kabupaten Klungkung", "Provinsi Jawa Tengah". */
  name: string;
  kind: RegionKind;
  /** The name without its kind: "semarang", "jawa tengah". */
  core: string;
  provinceCode: string;
}
export interface RegionMention {
  /** Every region the words can mean, best first; "Semarang" has two. */
  candidates: Region[];
  /** The kind the user named ("kota", "kab.", "provinsi", "city"), if any. */
  kindHint?: RegionKind;
  text: string;
  fuzzy: boolean;
  /** Token positions [start, end) the mention covers, its kind word included. */
  start: number;
  end: number;
  /** The kecamatan the user named, when the regions come from one ("Tembalang" -> Kota Semarang). */
  district?: string;
}
export interface RegionScan { regions: RegionMention[]; national: boolean; tokens: string[] }

export const KIND_WORDS: Readonly<Record<string, RegionKind>> = wordTable({
  kota: 'kota', kotamadya: 'kota', kodya: 'kota', pemkot: 'kota', city: 'kota',
  kabupaten: 'kabupaten', kab: 'kabupaten', kabupatan: 'kabupaten', pemkab: 'kabupaten', regency: 'kabupaten',
  provinsi: 'provinsi', prov: 'provinsi', propinsi: 'provinsi', pemprov: 'provinsi', province: 'provinsi',
});
const TRAILING_KIND = new Set(['city', 'regency', 'province']);
/** Words after which a common word ("batu", "serang") is read as a place name. */
const PLACE_CUES = new Set(['di', 'dari', 'ke', 'daerah', 'wilayah', 'warga', 'in', 'at', 'for', 'kalau', 'klo', 'kalo', 'gimana', 'bagaimana']);
const MAX_NGRAM = 5;

export const REGION_TOKEN = 'zregion';
export const NATIONAL_TOKEN = 'znasional';
/** Marks a place the user named that is not an Indonesian region. */
export const PLACE_TOKEN = 'zplace';
/** A token that stands for a place or the whole country, not a word. */
export const isMarker = (t: string): boolean => t === REGION_TOKEN || t === NATIONAL_TOKEN || t === PLACE_TOKEN;

const keyOf = (words: string) => words.toLowerCase().replace(/[^a-z0-9]+/g, '');

export interface OfficialAreas {
  provinces: Array<{ code: string; name: string }>;
  regencies: Array<{ code: string; name: string; province_code: string }>;
  districts: Array<{ code: string; name: string; regency_code: string }>;
}

let officialAreas: Promise<OfficialAreas> | undefined;
/** The official list (38 provinces, 514 kota/kabupaten, their kecamatan), read once from idn-area-data. */
export function loadOfficialAreas(): Promise<OfficialAreas> {
  officialAreas ??= Promise.all([getProvinces(), getRegencies(), getDistricts()])
    .then(([provinces, regencies, districts]) => ({ provinces, regencies, districts }));
  return officialAreas;
}

function toRegions(areas: OfficialAreas): Region[] {
  const out: Region[] = areas.provinces.map((p) => ({
    code: p.code, name: `Provinsi ${p.name}`, kind: 'provinsi' as const, core: p.name.toLowerCase(), provinceCode: p.code,
  }));
  for (const r of areas.regencies) {
    const m = /^(Kota|Kabupaten)(?: Administrasi)? (.+)$/.exec(r.name);
    if (!m?.[1] || !m[2]) continue;
    const kind: RegionKind = m[1] === 'Kota' ? 'kota' : 'kabupaten';
    out.push({ code: r.code, name: `${m[1]} ${m[2]}`, kind, core: m[2].toLowerCase(), provinceCode: r.province_code });
  }
  return out;
}

export interface RegionIndexOptions {
  aliases: Record<string, string>;
  needsPrefix: string[];
  nationalWords: string[];
  /** Ordinary words (a dictionary): a kecamatan with such a name ("Tugu", "Jambu") is not matched. */
  isDictionaryWord?: (word: string) => boolean;
}

/** A word that can be part of a misspelt region name: 3 to 30 letters, no digit, not a kind word ("kota"). */
function typoCandidate(w: string): boolean {
  return !(w.length < 3 || w.length > 30 || /\d/.test(w) || KIND_WORDS[w]);
}

export class RegionIndex {
  readonly all: Region[];
  private byKey = new Map<string, Region[]>();
  private byName = new Map<string, Region>();
  private keys = new FuzzyIndex();
  private needsPrefix: Set<string>;
  private national = new Set<string>();
  private fuzzyCache = new BoundedCache<string, string | null>(20_000);
  private districts: DistrictIndex;
  /** Every key that can start a mention, sorted, for `beginsAKey`. */
  private sortedKeys: string[] = [];
  /** matchAt's word runs that begin a key, reused from token to token (most tokens have none). */
  private readonly runs: string[] = [];

  constructor(areas: OfficialAreas, opts: RegionIndexOptions) {
    this.all = toRegions(areas);
    this.districts = new DistrictIndex(this.districtEntries(areas.districts), opts.isDictionaryWord ?? (() => false));
    for (const r of this.all) {
      this.byName.set(keyOf(r.name), r);
      this.add(keyOf(r.core), r);
    }
    for (const r of this.all.filter((x) => x.name.startsWith('Kota Administrasi'))) this.byName.set(keyOf(r.name.replace(' Administrasi', '')), r);
    for (const [alias, target] of Object.entries(opts.aliases)) {
      const r = this.byOfficialName(target);
      if (r) this.add(keyOf(alias), r, true);
    }
    this.needsPrefix = new Set(opts.needsPrefix.map(keyOf));
    for (const w of opts.nationalWords) this.national.add(keyOf(w));
    for (const key of this.byKey.keys()) this.keys.add(key);
    this.sortedKeys = [...new Set([...this.byKey.keys(), ...this.districts.keys(), ...this.national])].sort();
  }

  /** The official kecamatan, keyed like regions ("Kota Padang" is also a kecamatan: names starting with a kind word stay regions). */
  private districtEntries(list: OfficialAreas['districts']) {
    const byCode = new Map(this.all.map((r) => [r.code, r]));
    return list.flatMap((d) => {
      const region = byCode.get(d.regency_code);
      const key = keyOf(d.name);
      const words = d.name.toLowerCase().split(/\s+/);
      return region && key.length >= 4 && !KIND_WORDS[words[0] ?? ''] ? [{ key, name: d.name, words, region }] : [];
    });
  }

  private add(key: string, r: Region, front = false) {
    const list = this.byKey.get(key) ?? [];
    if (!list.includes(r)) front ? list.unshift(r) : list.push(r);
    this.byKey.set(key, list);
  }

  /** A region by its official name, "Kota Semarang" or "Provinsi Bali" (case and spacing ignored). */
  byOfficialName(name: string): Region | undefined {
    return this.byName.get(keyOf(name)) ?? this.byName.get(keyOf(`provinsi ${name}`));
  }

  /** True when some region, kecamatan or country key starts with `prefix` (binary search in the sorted keys). */
  private beginsAKey(prefix: string): boolean {
    const keys = this.sortedKeys;
    let lo = 0;
    let hi = keys.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((keys[mid] as string) < prefix) lo = mid + 1; else hi = mid;
    }
    return lo < keys.length && (keys[lo] as string).startsWith(prefix);
  }

  byCode(code: string): Region | undefined {
    return this.all.find((r) => r.code === code);
  }

  /**
   * Finds region mentions in tokens. `isKnownWord` says which tokens are ordinary vocabulary, so a typo
   * match is only tried on words the bot does not otherwise know.
   */
  scan(tokens: string[], isKnownWord: (t: string) => boolean, isCapitalised: (t: string) => boolean = () => false,
    inVocabulary: (t: string) => boolean = isKnownWord): RegionScan {
    const regions: RegionMention[] = [];
    let national = false;
    const out: string[] = [];
    let hint: RegionKind | undefined;
    let hintAt = -1;
    for (let i = 0; i < tokens.length;) {
      const hit = this.matchAt(tokens, i, hint !== undefined, isKnownWord, isCapitalised, inVocabulary);
      if (hit === 'national') {
        national = true;
        out.push(NATIONAL_TOKEN);
        i += 1;
        continue;
      }
      if (hit) {
        let end = i + hit.length;
        let kindHint = hint;
        const next = tokens[end];
        if (next && TRAILING_KIND.has(next)) { kindHint = KIND_WORDS[next]; end += 1; }
        const start = hint ? hintAt : i;
        if (hint) out.pop();
        regions.push({ candidates: hit.regions, kindHint, text: tokens.slice(start, end).join(' '), fuzzy: hit.fuzzy, start, end,
          ...(hit.district ? { district: hit.district } : {}) });
        out.push(REGION_TOKEN);
        hint = undefined;
        i = end;
        continue;
      }
      const tok = tokens[i] ?? '';
      hint = KIND_WORDS[tok];
      hintAt = i;
      out.push(tok);
      i += 1;
    }
    return { regions, national, tokens: out };
  }

  private matchAt(tokens: string[], i: number, hinted: boolean, isKnownWord: (t: string) => boolean, isCapitalised: (t: string) => boolean,
    inVocabulary: (t: string) => boolean):
    { regions: Region[]; length: number; fuzzy: boolean; district?: string } | 'national' | null {
    const prev = tokens[i - 1];
    // Tokens are already lower-case words; the index keys are their letters and digits run together. Only
    // word runs that begin some key can be one: most words begin none, and are passed after one look.
    const keys = this.runs;
    keys.length = 0;
    let run = '';
    for (let n = 1; n <= Math.min(MAX_NGRAM, tokens.length - i); n++) {
      run += tokens[i + n - 1];
      if (!this.beginsAKey(run)) break;
      keys.push(run);
    }
    for (let n = keys.length; n >= 1; n--) {
      const key = keys[n - 1] as string;
      if (n <= 2 && this.national.has(key) && !hinted) return 'national';
      const found = this.byKey.get(key);
      if (found) {
        if (n === 1 && this.needsPrefix.has(key) && !hinted && !(prev && PLACE_CUES.has(prev)) && !isCapitalised(key)) continue;
        return { regions: found, length: n, fuzzy: false };
      }
      // A kecamatan that is also a word, followed by another word the bot does not know, is part of a longer
      // name ("di Kuala Lumpur"), not the kecamatan Kuala.
      const next = tokens[i + n];
      const cued = ((prev && PLACE_CUES.has(prev)) || isCapitalised(tokens[i] ?? '')) && !(next && !inVocabulary(next));
      const district = hinted ? undefined : this.districts.find(key, !!cued);
      if (district && !(n === 1 && isKnownWord(key) && !cued)) return { regions: district.regions, length: n, fuzzy: false, district: district.name };
    }
    // A typo of a region name: one unknown word, or two words not both known ("kab pekalongn", "humbang hasundutn").
    const first = tokens[i] ?? '';
    for (let n = Math.min(2, tokens.length - i); n >= 1; n--) {
      const second = n === 2 ? tokens[i + 1] ?? '' : undefined;
      if (!typoCandidate(first) || (second !== undefined && !typoCandidate(second))) continue;
      if (n === 1 && isKnownWord(first)) continue;
      if (n === 2 && isKnownWord(first) && isKnownWord(second ?? '')) continue;
      const key = this.closestKey(keyOf(second === undefined ? first : first + second));
      if (key && !(n === 1 && this.needsPrefix.has(key))) return { regions: this.byKey.get(key) ?? [], length: n, fuzzy: true };
    }
    return null;
  }

  /**
   * The region key within an edit distance that fits the word's length (none under 5 letters, 1 up to 8,
   * 2 from 9), starting with the same letter, if exactly one is closest.
   */
  private closestKey(key: string): string | null {
    if (key.length < 5) return null;
    const cached = this.fuzzyCache.get(key);
    if (cached !== undefined) return cached;
    const result = this.keys.closest(key, key.length >= 9 ? 2 : 1);
    return this.fuzzyCache.set(key, result);
  }
}
