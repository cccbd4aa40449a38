// Text clean-up before understanding: limits, Unicode, case, emoji, markup, repeated letters, tokens.

/** Longest text the understanding pipeline looks at; the rest of a longer message is ignored, not refused. */
export const MAX_NLU_CHARS = 600;

const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g;
const INVISIBLE = /[\u00AD\u034F\u061C\u115F\u1160\u17B4\u17B5\u180E\u200B-\u200F\u202A-\u202E\u2060-\u206F\u3164\uFE00-\uFE0F\uFEFF]/g;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const PICTOGRAPHS = /[\p{Extended_Pictographic}\p{Emoji_Modifier}\u20E3\u{E0020}-\u{E007F}]/gu;

/** Makes any inbound string safe to process: no control characters, no broken surrogates, bounded length. */
export function sanitize(raw: unknown, maxChars = 5000): string {
  if (typeof raw !== 'string') return '';
  let s = raw.replace(LONE_SURROGATE, '\uFFFD').replace(CONTROL, ' ');
  if (s.length > maxChars) s = s.slice(0, maxChars);
  return s.trim();
}

/** Lower-cased, accent-free, emoji-free, markup-free text with repeated letters collapsed ("bangettt" -> "banget"). */
export function normalise(text: string): string {
  let s = text.normalize('NFKC').replace(INVISIBLE, '');
  s = s.replace(/<[^>]{0,200}>/g, ' ');
  s = s.replace(/&(?:nbsp|amp|lt|gt|quot|#\d+);/g, ' ');
  s = s.replace(PICTOGRAPHS, ' ');
  s = s.toLowerCase().normalize('NFD').replace(/\p{M}+/gu, '');
  s = s.replace(/(\p{L})\1{2,}/gu, '$1');
  // "kapan & bawa apa" joins two questions like "dan".
  s = s.replace(/\s&\s/g, ' dan ');
  return s.replace(/\s+/g, ' ').trim();
}

/**
 * Splits normalised text into word tokens. Reduplication ("anak-anak", "anak2") collapses to one word,
 * apostrophes inside words go ("jum'at" -> "jumat"), other punctuation separates.
 */
export function tokenize(normalised: string): string[] {
  const s = normalised.replace(/(\p{L})['’`](\p{L})/gu, '$1$2');
  const out: string[] = [];
  for (const raw of s.split(/[^\p{L}\p{N}-]+/u)) {
    if (!raw) continue;
    const redup = /^(\p{L}{2,})(?:-\1|2)$/u.exec(raw);
    if (redup?.[1]) { out.push(redup[1]); continue; }
    for (const part of raw.split('-')) if (part) out.push(part);
  }
  return out;
}

/** True when the text has no letters or digits at all (empty, emoji-only, punctuation-only). */
export function hasWords(normalised: string): boolean {
  return /[\p{L}\p{N}]/u.test(normalised);
}
