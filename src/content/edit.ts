// Edits from the editors' workbench, written into the YAML files the way a careful person would: the yaml
// library's document API finds the nodes and writes the new ones, and only those bytes change (comments,
// quotes, wrapping and order elsewhere stay as they were). An edit is checked as part of the whole content,
// in a scratch copy, before anything reaches the real files.
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { writeDurably } from '../util/durable-write.js';
import { isMap, isScalar, isSeq, parseDocument, stringify, type Document, type Node, type Pair, type YAMLMap } from 'yaml';
import { ContentError, type ContentIssue } from '../errors.js';
import type { Snapshot } from './load.js';

export type Edit =
  /** Messages from the inbox become examples of an intent. */
  | { kind: 'examples'; intent: string; texts: string[] }
  /** A new FAQ intent: its examples and its answer in both languages. */
  | { kind: 'new_intent'; name: string; examples: string[]; id: string; en: string }
  /** New wording for an answer (one text or several variants per language). */
  | { kind: 'response'; intent: string; case: string; id: string | string[]; en: string | string[] };

export interface FileChange { file: string; before: string; after: string }
export class EditError extends Error {}

const FOLDERS = ['intents', 'responses', 'data'] as const;
type StringStyle = 'PLAIN' | 'QUOTE_DOUBLE' | 'QUOTE_SINGLE' | 'BLOCK_LITERAL' | 'BLOCK_FOLDED';
const write = (value: unknown, style?: StringStyle) =>
  stringify(value, { lineWidth: 0, ...(style && style !== 'PLAIN' ? { defaultStringType: style, defaultKeyType: 'PLAIN' } : {}) }).replace(/\n$/, '');

/** How the editor wrote the text(s) of a node (quoted, block), so a new text is written the same way. */
function styleOf(node: unknown): StringStyle | undefined {
  const first = isSeq(node) ? node.items[0] : node;
  return isScalar(first) ? (first.type as StringStyle | undefined) : undefined;
}
/** Equal as the loader reads them (it trims every text). */
const same = (a: unknown, b: unknown) => {
  const norm = (v: unknown) => JSON.stringify(v, (_k, x: unknown) => (typeof x === 'string' ? x.trim() : x));
  return norm(a) === norm(b);
};
const indent = (text: string, col: number) => text.split('\n').join('\n' + ' '.repeat(col));

function lineStart(text: string, at: number): number { return text.lastIndexOf('\n', at - 1) + 1; }
function lineEnd(text: string, at: number): number { const n = text.indexOf('\n', at); return n < 0 ? text.length : n + 1; }
const column = (text: string, at: number) => at - lineStart(text, at);

function splice(text: string, start: number, end: number, insert: string): string {
  return text.slice(0, start) + insert + text.slice(end);
}

/** Appends `item` to the block list `seq` of `text`, after its last item, at the same indentation. */
function appendToSeq(text: string, seq: Node, items: unknown[]): string {
  if (!isSeq(seq) || !seq.items.length || seq.flow) throw new EditError('expected a block list ("- " lines) to add to');
  const last = seq.items.at(-1) as Node;
  const first = seq.items[0] as Node;
  const col = column(text, first.range?.[0] ?? 0) - 2;
  const at = lineEnd(text, (last.range?.[1] ?? text.length) - 1);
  const block = items.map((i) => ' '.repeat(col) + indent(write([i]), col)).join('\n') + '\n';
  return splice(text.endsWith('\n') || at < text.length ? text : text + '\n', at, at, block);
}

function file(root: string, name: string): string { return readFileSync(join(root, name), 'utf8'); }
function docOf(text: string, name: string): Document {
  const doc = parseDocument(text);
  if (doc.errors.length) throw new EditError(`${name} has a YAML syntax error; fix it by hand first`);
  return doc;
}

function addExamples(root: string, s: Snapshot, intent: string, texts: string[]): FileChange {
  const where = s.intents.find((i) => i.name === intent);
  if (!where) throw new EditError(`no intent named ${intent}`);
  const before = file(root, where.file);
  const doc = docOf(before, where.file);
  const list = doc.get('intents', true);
  const index = isSeq(list) ? list.items.findIndex((it) => isMap(it) && it.get('name') === intent) : -1;
  const examples = doc.getIn(['intents', index, 'examples'], true) as Node;
  const have = new Set((s.intents.find((i) => i.name === intent)?.examples ?? []).map((e) => e.toLowerCase()));
  const fresh = [...new Set(texts.map((t) => t.trim()).filter((t) => t && !have.has(t.toLowerCase())))];
  if (!fresh.length) throw new EditError('these messages are already examples of that intent');
  return { file: where.file, before, after: appendToSeq(before, examples, fresh) };
}

function newIntent(root: string, s: Snapshot, e: Extract<Edit, { kind: 'new_intent' }>): FileChange[] {
  // The name decides the files written: checked before it is used in a path.
  if (!/^(activation|award|coverage|help|smalltalk)\.[a-z][a-z0-9_]*$/.test(e.name)) {
    throw new EditError('the name must be <family>.<name> in lower case, with family activation, award, coverage, help or smalltalk');
  }
  if (s.intents.some((i) => i.name === e.name)) throw new EditError(`an intent named ${e.name} exists already`);
  const family = e.name.split('.')[0] ?? '';
  const intentsFile = `intents/${family}.yaml`;
  const responsesFile = `responses/${family}.yaml`;
  if (!existsSync(join(root, intentsFile)) || !existsSync(join(root, responsesFile))) {
    throw new EditError(`the name must start with a family that has files: activation, award, coverage, help or smalltalk`);
  }
  const intentsBefore = file(root, intentsFile);
  const list = docOf(intentsBefore, intentsFile).get('intents', true) as Node;
  const examples = [...new Set(e.examples.map((t) => t.trim()).filter(Boolean))];
  const intentsAfter = appendToSeq(intentsBefore, list, [{ name: e.name, examples }]);
  const responsesBefore = file(root, responsesFile);
  const map = docOf(responsesBefore, responsesFile).get('responses', true);
  if (!isMap(map) || map.flow || !map.items.length) throw new EditError(`${responsesFile} has no block "responses:" map to add to`);
  const firstKey = map.items[0]?.key as Node;
  const col = column(responsesBefore, firstKey.range?.[0] ?? 0);
  const block = ' '.repeat(col) + indent(write({ [e.name]: { default: { id: e.id, en: e.en } } }), col) + '\n';
  const base = responsesBefore.endsWith('\n') ? responsesBefore : responsesBefore + '\n';
  return [{ file: intentsFile, before: intentsBefore, after: intentsAfter }, { file: responsesFile, before: responsesBefore, after: base + block }];
}

function editResponse(root: string, e: Extract<Edit, { kind: 'response' }>): FileChange {
  for (const name of readdirSync(join(root, 'responses')).filter((f) => /\.ya?ml$/.test(f)).sort()) {
    const rel = `responses/${name}`;
    const before = file(root, rel);
    const doc = docOf(before, rel);
    const answer = doc.getIn(['responses', e.intent, e.case], true);
    if (!answer) continue;
    if (!isMap(answer) || answer.flow) throw new EditError(`${rel}: ${e.intent} ${e.case} is not written as "id:"/"en:" lines; edit it by hand`);
    let after = before;
    // From the end of the file backwards, so earlier offsets stay right.
    const pairs = (answer as YAMLMap).items.filter((p: Pair) => isScalar(p.key) && (p.key.value === 'id' || p.key.value === 'en'))
      .sort((a, b) => ((b.key as Node).range?.[0] ?? 0) - ((a.key as Node).range?.[0] ?? 0));
    for (const p of pairs) {
      const lang = (p.key as { value: 'id' | 'en' }).value;
      const start = (p.key as Node).range?.[0] ?? 0;
      // A block text's range takes in its last line break: that stays, only the text is replaced.
      const end = start + before.slice(start, (p.value as Node).range?.[1] ?? start).trimEnd().length;
      const raw = e[lang];
      const value = Array.isArray(raw) && raw.length === 1 ? raw[0] : raw;
      const was = (p.value as Node).toJSON() as unknown;
      if (same(was, value) || (Array.isArray(was) && was.length === 1 && same(was[0], value))) continue;
      const style = styleOf(p.value);
      const multiLine = ([] as Array<string | undefined>).concat(value).some((t) => t?.includes('\n'));
      // A one-line text is not written as a block, nor a text of several lines in quotes.
      const text = write({ [lang]: value }, multiLine ? (style?.startsWith('BLOCK') ? style : 'BLOCK_LITERAL') : style?.startsWith('BLOCK') ? undefined : style);
      after = splice(after, start, end, indent(text, column(before, start)).replace(/\n$/, ''));
    }
    return { file: rel, before, after };
  }
  throw new EditError(`no answer "${e.case}" for ${e.intent} in responses/`);
}

/** The files an edit changes, before and after; throws EditError when the edit cannot be made. */
export function planEdit(root: string, snapshot: Snapshot, e: Edit): FileChange[] {
  switch (e.kind) {
    case 'examples': return [addExamples(root, snapshot, e.intent, e.texts)];
    case 'new_intent': return newIntent(root, snapshot, e);
    case 'response': return [editResponse(root, e)];
  }
}

/**
 * Loads the whole content with the changes applied, in a scratch copy (one per content folder, reused, so
 * the parse cache sees the same paths): the problems it has, none when it would load.
 */
export async function checkChanges(root: string, changes: FileChange[], load: (root: string) => Promise<Snapshot>): Promise<ContentIssue[]> {
  const scratch = join(tmpdir(), `pandawa-edit-${createHash('sha256').update(root).digest('hex').slice(0, 12)}`);
  rmSync(scratch, { recursive: true, force: true });
  mkdirSync(scratch, { recursive: true });
  for (const d of FOLDERS) cpSync(join(root, d), join(scratch, d), { recursive: true });
  for (const c of changes) writeFileSync(join(scratch, c.file), c.after);
  try {
    await load(scratch);
    return [];
  } catch (err) {
    if (err instanceof ContentError) return err.issues;
    throw err;
  }
}

/** Writes the changed files, each durably (a whole new file flushed and renamed over the old one). */
export async function writeChanges(root: string, changes: FileChange[]): Promise<void> {
  for (const c of changes) {
    if (file(root, c.file) !== c.before) throw new EditError(`${c.file} changed on disk meanwhile; load the workbench again`);
  }
  for (const c of changes) await writeDurably(join(root, c.file), c.after);
}

/** A unified-style diff of one change, for an editor to copy to other instances or a commit. */
export function diffOf(c: FileChange): string {
  const a = c.before.split('\n');
  const b = c.after.split('\n');
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  const removed = a.slice(head, a.length - tail);
  const added = b.slice(head, b.length - tail);
  return [`--- a/${c.file}`, `+++ b/${c.file}`, `@@ -${head + 1},${removed.length} +${head + 1},${added.length} @@`,
    ...removed.map((l) => '-' + l), ...added.map((l) => '+' + l)].join('\n');
}
