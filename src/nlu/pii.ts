// Personal data in messages: 16-digit NIK, 13-digit JKN card numbers, phone numbers, e-mail addresses.
// Found so the bot can say "do not send this here" and so logs and echoes never carry them in clear.

export type PiiKind = 'nik' | 'card' | 'phone' | 'email';
export interface PiiMatch { kind: PiiKind; start: number; end: number; masked: string }

// Digit runs, allowing single spaces, dots or dashes between digits ("3374 0123 4567 0001").
const DIGIT_RUN = /\+?\d(?:[ .-]?\d){6,22}/g;
// Bounded parts: an unbounded local part makes this quadratic on a long run of letters with no "@".
const EMAIL = /[\p{L}\p{N}._%+-]{1,64}@[\p{L}\p{N}.-]{1,253}\.\p{L}{2,24}/gu;

function classifyDigits(raw: string): PiiKind | null {
  const digits = raw.replace(/\D/g, '');
  if (/^(?:\+?62|0)8\d{7,11}$/.test(raw.replace(/[ .-]/g, ''))) return 'phone';
  if (digits.length === 16) return 'nik';
  if (digits.length === 13) return 'card';
  return null;
}

function maskDigits(raw: string, kind: PiiKind): string {
  const digits = raw.replace(/\D/g, '');
  if (kind === 'phone') return digits.slice(0, 4) + '*'.repeat(Math.max(0, digits.length - 6)) + digits.slice(-2);
  return '*'.repeat(digits.length - 4) + digits.slice(-4);
}

/** Every NIK, card number, phone number and e-mail address in the text, in order. */
export function findPii(text: string): PiiMatch[] {
  const found: PiiMatch[] = [];
  for (const m of text.matchAll(DIGIT_RUN)) {
    const kind = classifyDigits(m[0]);
    if (kind) found.push({ kind, start: m.index, end: m.index + m[0].length, masked: maskDigits(m[0], kind) });
  }
  for (const m of text.includes('@') ? text.matchAll(EMAIL) : []) {
    const [user = '', domain = ''] = m[0].split('@');
    found.push({ kind: 'email', start: m.index, end: m.index + m[0].length, masked: `${user.slice(0, 1)}***@${domain}` });
  }
  return found.sort((a, b) => a.start - b.start);
}

const TAGS: Record<PiiKind, string> = { nik: '[NIK]', card: '[NO-KARTU]', phone: '[TELEPON]', email: '[EMAIL]' };

/** The text with every piece of personal data replaced by a tag such as [NIK]: safe for logs and stores. */
export function redact(text: string): string {
  let out = '';
  let at = 0;
  for (const m of findPii(text)) {
    if (m.start < at) continue;
    out += text.slice(at, m.start) + TAGS[m.kind];
    at = m.end;
  }
  return out + text.slice(at);
}
