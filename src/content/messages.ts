// Problems in plain words for the people who edit the content: what is wrong and how to fix it. The schema's
// own messages (zod's "Invalid input") are rewritten here from the issue and the value the editor wrote.
import type { z } from 'zod';
import { boundedDistance } from '../nlu/fuzzy.js';

export interface Plain { message: string; hint?: string; path: PropertyKey[] }

const LANGS: Record<string, string> = { id: 'Indonesian', en: 'English' };

/** zod's default wording (a message we wrote ourselves is already plain and kept). */
const DEFAULT_MESSAGE = /^(Invalid|Unrecognized|Too (small|big)|Expected)/;

/** A number written the Indonesian way: "99,53" or "1.234.567". */
const DECIMAL_COMMA = /^-?\d+(\.\d{3})*,\d+$/;
const THOUSANDS_DOTS = /^-?\d{1,3}(\.\d{3}){2,}$/;

export function valueAt(data: unknown, path: ReadonlyArray<PropertyKey>): unknown {
  let v: unknown = data;
  for (const p of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[p];
  }
  return v;
}

function describe(v: unknown): string {
  if (v === null) return 'nothing';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a group of fields';
  if (typeof v === 'string') return `the text "${v.length > 40 ? v.slice(0, 40) + '...' : v}"`;
  if (typeof v === 'number') return `the number ${v}`;
  if (typeof v === 'boolean') return `${v}`;
  return String(v);
}

const EXPECTED: Record<string, string> = {
  number: 'a number (e.g. 98.9)', string: 'a text', object: 'a group of fields (key: value lines)', array: 'a list ("- " lines)',
  boolean: 'true or false', int: 'a whole number',
};

function expectedOf(iss: z.core.$ZodIssue): string[] {
  if (iss.code === 'invalid_type') return [iss.expected];
  if (iss.code === 'invalid_union') return iss.errors.flatMap((alt) => alt.filter((a) => a.path.length === 0).flatMap(expectedOf));
  return [];
}

/** The closest of `names` to `word`, if it is near enough to be a typo. */
export function didYouMean(word: string, names: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestDistance = Math.max(2, Math.floor(word.length / 3)) + 1;
  for (const n of names) {
    const d = boundedDistance(word, n, bestDistance - 1);
    if (d < bestDistance) { best = n; bestDistance = d; }
  }
  return best;
}

export function plainIssue(iss: z.core.$ZodIssue, data: unknown): Plain {
  const path = iss.path as PropertyKey[];
  const value = valueAt(data, path);
  const key = path.at(-1);
  const own = !DEFAULT_MESSAGE.test(iss.message);
  if ((iss.code === 'invalid_type' || iss.code === 'invalid_union') && value === undefined) {
    if (typeof key === 'string' && key in LANGS) {
      const other = key === 'id' ? 'en' : 'id';
      return { path, message: `the ${LANGS[key]} text (${key}) is missing`,
        hint: `every answer needs an Indonesian (id) and an English (en) text: add a line "${key}: ..." next to "${other}:"` };
    }
    return { path, message: `"${String(key)}" is missing`, hint: `add a line "${String(key)}: ..." (compare with another entry in the same file)` };
  }
  if (typeof key === 'string' && key in LANGS && typeof value === 'string' && !value.trim()) {
    return { path, message: `the ${LANGS[key]} text (${key}) is empty`, hint: `write the answer in ${LANGS[key]}: every answer needs both id and en` };
  }
  const expected = expectedOf(iss);
  if (expected.includes('number') && typeof value === 'string') {
    const text = value.trim();
    if (DECIMAL_COMMA.test(text)) {
      const fixed = text.replace(/\./g, '').replace(',', '.');
      return { path, message: `"${text}" is written with a decimal comma`,
        hint: `write the number with a decimal point: ${fixed} (the bot shows it to citizens as "${text}")` };
    }
    if (THOUSANDS_DOTS.test(text)) {
      return { path, message: `"${text}" has dots between the thousands`, hint: `write the number without separators: ${text.replace(/\./g, '')}` };
    }
  }
  if (own) return { path, message: iss.message, hint: hintFor(iss.code) };
  switch (iss.code) {
    case 'invalid_type':
    case 'invalid_union': {
      const want = [...new Set(expected)].map((e) => EXPECTED[e] ?? e);
      return { path, message: `must be ${want.join(' or ') || 'written differently'}, not ${describe(value)}`,
        hint: 'compare with another entry in the same file' };
    }
    case 'unrecognized_keys': {
      const [first] = iss.keys;
      return { path: [...path, first ?? ''], message: `unknown field${iss.keys.length > 1 ? 's' : ''} ${iss.keys.map((k) => `"${k}"`).join(', ')}`,
        hint: 'remove it or fix its spelling (compare with another entry in the same file)' };
    }
    case 'invalid_value': {
      const options = iss.values.map(String);
      const guess = typeof value === 'string' ? didYouMean(value, options) : undefined;
      return { path, message: `${describe(value)} is not one of: ${options.join(', ')}`, hint: guess ? `did you mean ${guess}?` : undefined };
    }
    case 'too_small':
      return { path, message: iss.origin === 'array' ? `needs at least ${String(iss.minimum)} entr${iss.minimum === 1 ? 'y' : 'ies'}`
        : `must be at least ${String(iss.minimum)}`, hint: iss.origin === 'array' ? 'add more entries' : undefined };
    case 'too_big':
      return { path, message: iss.origin === 'array' ? `has more than ${String(iss.maximum)} entries` : `must be at most ${String(iss.maximum)}` };
    case 'invalid_format':
      return { path, message: `${describe(value)} is not written as expected (${iss.format})`, hint: 'compare with another entry in the same file' };
    default:
      return { path, message: iss.message, hint: 'compare with another entry in the same file' };
  }
}

function hintFor(code: string): string | undefined {
  switch (code) {
    case 'too_small': return 'add more entries';
    default: return undefined;
  }
}

interface SyntaxProblem { line: number; column: number; message: string; hint: string }

/**
 * One YAML syntax error, in plain words, at the line where the editor made it. The parser's later errors
 * follow from the first, and an unclosed quote is noticed only where the text runs into the next quote, so
 * a line that opens a quote and does not close it is reported instead when it comes first.
 */
export function plainSyntaxError(text: string, first: { line: number; column: number; code: string; message: string }): SyntaxProblem {
  const rest = 'later lines are checked once this is fixed';
  const lines = text.split('\n');
  for (let i = 0; i < Math.min(lines.length, first.line); i++) {
    const open = unclosedQuote(lines[i] ?? '');
    if (open) {
      return { line: i + 1, column: open.column, message: `YAML syntax: the text opened with ${open.quote} on this line is not closed`,
        hint: `add the closing ${open.quote} at the end of the text; ${rest}` };
    }
  }
  const plain: Record<string, string> = {
    TAB_AS_INDENT: 'a tab is used for indentation: indent with spaces only',
    BAD_INDENT: 'the indentation does not match the lines around it',
    DUPLICATE_KEY: 'the same key appears twice in one group',
    MISSING_CHAR: 'a closing quote or bracket is missing',
    BLOCK_AS_IMPLICIT_KEY: 'a line is indented as if it belonged to the one before',
    MULTILINE_IMPLICIT_KEY: 'a key runs over several lines (is a ":" missing, or a quote?)',
    UNEXPECTED_TOKEN: 'something unexpected is here',
  };
  return { line: first.line, column: first.column, message: `YAML syntax: ${plain[first.code] ?? first.message.split('\n')[0]}`,
    hint: `check the indentation and put text that contains ":" or "#" in quotes; ${rest}` };
}

/** Where a quoted value starts on a line without its closing quote, if it does. */
function unclosedQuote(line: string): { quote: string; column: number } | undefined {
  const m = /^(\s*(?:-\s+)?(?:[^\s"'#][^:#]*:\s+)?)(["'])/.exec(line);
  if (!m) return undefined;
  const quote = m[2] as string;
  const start = (m[1] as string).length + 1;
  for (let i = start; i < line.length; i++) {
    const c = line[i];
    if (quote === '"' && c === '\\') { i++; continue; }
    if (c === quote) {
      if (quote === "'" && line[i + 1] === "'") { i++; continue; }
      return undefined;
    }
  }
  return { quote, column: start };
}

/**
 * The hint for an unknown placeholder: the nearest valid name, then every name this answer can use, the
 * channel and fact keys spelt out (not "channel_*").
 */
export function unknownPlaceholderHint(facts: Record<string, unknown> | undefined, channels: Record<string, unknown> | undefined) {
  const channelKeys = Object.keys(channels ?? {});
  const factKeys = Object.keys(facts ?? {});
  const everywhere = [
    '{menu}',
    ...(channelKeys.length ? [`{channel_<key>} (also {channel_<key>_hours}, _name, _contact, _purpose, _source) with <key> one of ${channelKeys.join(', ')}`] : []),
    ...(factKeys.length ? [`{fact_<key>} (also {fact_<key>_source}) with <key> one of ${factKeys.join(', ')}`] : []),
  ];
  return (name: string, own: readonly string[], common: ReadonlySet<string>): string => {
    const guess = didYouMean(name, [...own, ...common]);
    return `${guess ? `did you mean {${guess}}? ` : ''}this answer can use ${own.length ? own.map((n) => `{${n}}`).join(', ') : 'no values of its own'}; ` +
      `every answer can use ${everywhere.join('; ')}`;
  };
}
