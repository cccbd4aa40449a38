// Personal data in messages: 16-digit NIK, 13-digit JKN card numbers, phone numbers, e-mail addresses.
// Found so the bot can say "do not send this here" and so logs and echoes never carry them in clear.
// Text is folded first (fullwidth and other script digits, zero-width characters, odd spaces and dashes), so
// "３３７４…" or "3374\u200B0123…" is found like "33740123…"; neighbouring numbers are told apart by how
// their digits split into valid values ("<NIK> <phone>" is two values, not one 28-digit run).

export type PiiKind = 'nik' | 'card' | 'phone' | 'email';
export interface PiiMatch { kind: PiiKind; start: number; end: number; masked: string }

// Digit runs, allowing up to three spaces, dots, dashes or brackets between digits ("3374 0123 4567 0001",
// "0812 - 3456", "(+62) 812", "+62 (0)812").
const DIGIT_RUN = /\+?\d(?:[ .()-]{0,3}\d){6,}/g;
// Bounded parts: an unbounded local part makes this quadratic on a long run of letters with no "@".
const EMAIL = /[\p{L}\p{N}._%+-]{1,64}@[\p{L}\p{N}.-]{1,253}\.\p{L}{2,24}/gu;
const PHONE = /^(?:\+?620?|0)8\d{7,11}$/;
/** The longest single value in digits (+62 and a 12-digit subscriber number). */
const MAX_VALUE_DIGITS = 16;

// Characters that hide digits from the patterns: zero-width and formatting characters, odd spaces, dashes.
const INVISIBLE = /[\u00AD\u034F\u061C\u115F\u1160\u17B4\u17B5\u180E\u200B-\u200F\u202A-\u202E\u2060-\u206F\u3164\uFE00-\uFE0F\uFEFF]/g;
const ODD_SPACE = /[\t\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]/g;
const DASH = /[\u2010-\u2015\u2212\uFE58\uFE63\uFF0D]/g;
const OTHER_DIGIT = /(?![0-9])\p{Nd}/gu;
const FULLWIDTH = /[\uFF01-\uFF5E]/g;

/** A decimal digit of any script as 0-9: Unicode lays every digit set out as ten code points from its zero. */
function asciiDigit(ch: string): string {
  const cp = ch.codePointAt(0) ?? 0;
  let k = 0;
  while (k < 60 && /\p{Nd}/u.test(String.fromCodePoint(cp - k - 1))) k += 1;
  return String(k % 10);
}

/** The text as the patterns read it. Plain ASCII text comes back unchanged. */
export function foldForPii(text: string): string {
  // eslint-disable-next-line no-control-regex
  if (!/[^\x00-\x7F]/.test(text)) return text;
  return text
    .replace(INVISIBLE, '')
    .replace(ODD_SPACE, ' ')
    .replace(DASH, '-')
    .replace(FULLWIDTH, (c) => String.fromCharCode(c.charCodeAt(0) - 0xFEE0))
    .replace(OTHER_DIGIT, asciiDigit);
}

function classifyDigits(digits: string, plus: boolean): PiiKind | null {
  if (PHONE.test((plus ? '+' : '') + digits)) return 'phone';
  if (plus) return null;
  if (digits.length === 16) return 'nik';
  if (digits.length === 13) return 'card';
  return null;
}

function maskDigits(digits: string, kind: PiiKind): string {
  if (kind === 'phone') return digits.slice(0, 4) + '*'.repeat(Math.max(0, digits.length - 6)) + digits.slice(-2);
  return '*'.repeat(digits.length - 4) + digits.slice(-4);
}

interface Plan { covered: number; innerCuts: number; values: number; take?: { to: number; kind: PiiKind } }
const better = (a: Plan, b: Plan) => a.covered > b.covered
  || (a.covered === b.covered && (a.innerCuts < b.innerCuts || (a.innerCuts === b.innerCuts && a.values < b.values)));

/**
 * Splits one run of digits into values: the split that covers the most digits with valid values wins, then
 * the one that cuts only where the writer put a separator, then the one with fewer values.
 */
function valuesIn(run: string, offset: number): PiiMatch[] {
  const plus = run.startsWith('+');
  const digits: string[] = [];
  const at: number[] = [];
  const joined: boolean[] = []; // joined[i]: digit i follows digit i-1 with no separator
  for (let i = 0; i < run.length; i++) {
    const ch = run[i] ?? '';
    if (ch < '0' || ch > '9') continue;
    joined.push(digits.length > 0 && /\d/.test(run[i - 1] ?? ''));
    digits.push(ch);
    at.push(i);
  }
  const n = digits.length;
  const best: Plan[] = new Array<Plan>(n + 1);
  best[n] = { covered: 0, innerCuts: 0, values: 0 };
  for (let i = n - 1; i >= 0; i--) {
    const skip = best[i + 1] as Plan;
    let plan: Plan = { covered: skip.covered, innerCuts: skip.innerCuts, values: skip.values };
    let value = '';
    for (let j = i; j < Math.min(n, i + MAX_VALUE_DIGITS); j++) {
      value += digits[j];
      const kind = classifyDigits(value, plus && i === 0);
      if (!kind) continue;
      const rest = best[j + 1] as Plan;
      const inner = (joined[i] ? 1 : 0) + (joined[j + 1] ? 1 : 0);
      const candidate: Plan = { covered: rest.covered + value.length, innerCuts: rest.innerCuts + inner, values: rest.values + 1, take: { to: j, kind } };
      if (better(candidate, plan)) plan = candidate;
    }
    best[i] = plan;
  }
  const found: PiiMatch[] = [];
  for (let i = 0; i < n;) {
    const take = best[i]?.take;
    if (!take) { i += 1; continue; }
    const start = offset + (i === 0 && plus ? 0 : (at[i] ?? 0));
    found.push({ kind: take.kind, start, end: offset + (at[take.to] ?? 0) + 1, masked: maskDigits(digits.slice(i, take.to + 1).join(''), take.kind) });
    i = take.to + 1;
  }
  return found;
}

/**
 * Every NIK, card number, phone number and e-mail address in the text, in order. Positions refer to
 * `foldForPii(text)`, which is the text itself unless it has non-ASCII characters.
 */
export function findPii(text: string): PiiMatch[] {
  const folded = foldForPii(text);
  const found: PiiMatch[] = [];
  for (const m of folded.matchAll(DIGIT_RUN)) found.push(...valuesIn(m[0], m.index));
  for (const m of folded.includes('@') ? folded.matchAll(EMAIL) : []) {
    const [user = '', domain = ''] = m[0].split('@');
    found.push({ kind: 'email', start: m.index, end: m.index + m[0].length, masked: `${user.slice(0, 1)}***@${domain}` });
  }
  return found.sort((a, b) => a.start - b.start);
}

const TAGS: Record<PiiKind, string> = { nik: '[NIK]', card: '[NO-KARTU]', phone: '[TELEPON]', email: '[EMAIL]' };

/** The (folded) text with every piece of personal data replaced by a tag such as [NIK]: safe for logs and stores. */
export function redact(text: string): string {
  const folded = foldForPii(text);
  let out = '';
  let at = 0;
  for (const m of findPii(folded)) {
    if (m.start < at) continue;
    out += folded.slice(at, m.start) + TAGS[m.kind];
    at = m.end;
  }
  return out + folded.slice(at);
}

// What a stored text must never keep, whatever the patterns above missed: any run of nine or more digits
// (however separated) and anything shaped like an e-mail address.
const LONG_DIGITS = /\+?\d(?:[\s.\-_/()]{0,3}\d){8,}/g;
const LOOSE_EMAIL = /[^\s@]{1,64}@[^\s@]{1,253}/g;

/** `redact`, then a last line of defence for stores editors read: long digit runs and e-mail shapes masked. */
export function redactForStore(text: string): string {
  const out = redact(text);
  // (An e-mail shape needs an at sign: without one the pattern would only try every position of a long text.)
  return (out.includes('@') ? out.replace(LOOSE_EMAIL, TAGS.email) : out).replace(LONG_DIGITS, '[ANGKA]');
}
