// Reading YAML with positions, so every problem can name its line and column.
import { readFileSync } from 'node:fs';
import { parseDocument, LineCounter, isNode, type Document } from 'yaml';
import type { z } from 'zod';
import type { ContentIssue } from '../errors.js';
import { plainIssue, plainSyntaxError } from './messages.js';
import type { ParseCache } from './parse-cache.js';

/** A content file read and parsed. `doc` and `lines` (positions for problems) are parsed when first asked for. */
export interface YamlFile { file: string; readonly doc: Document; readonly lines: LineCounter; data: unknown; text: string }

/**
 * The last good parse of each file, by path: a reload re-parses only the files whose text changed (an
 * editor's edit touches one file; parsing all of them was most of a reload). The data is rebuilt from the
 * document every time, so nothing a load does to it carries over.
 */
const parsed = new Map<string, { text: string; doc: Document; lines: LineCounter }>();

function parse(text: string): { doc: Document; lines: LineCounter } {
  const lines = new LineCounter();
  return { doc: parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true }), lines };
}

/** A file whose text parsed without errors before (here or in the cache): its document only when needed. */
function parsedFile(file: string, text: string, data: unknown, done?: { doc: Document; lines: LineCounter }): YamlFile {
  let p = done;
  return { file, text, data, get doc() { return (p ??= parse(text)).doc; }, get lines() { return (p ??= parse(text)).lines; } };
}

export function readYaml(path: string, displayName: string, issues: ContentIssue[], cache?: ParseCache): YamlFile | null {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    issues.push({ file: displayName, line: 1, column: 1, field: '', message: `cannot read file: ${(e as Error).message}` });
    return null;
  }
  const last = parsed.get(path);
  if (last?.text === text) return parsedFile(displayName, text, last.doc.toJS(), last);
  const cached = cache?.get(text);
  if (cached !== undefined) return parsedFile(displayName, text, cached);
  const { doc, lines } = parse(text);
  const [first] = doc.errors;
  if (first) {
    // One problem per file: the parser's later errors follow from the first.
    const pos = lines.linePos(first.pos[0]);
    const p = plainSyntaxError(text, { line: pos.line, column: pos.col, code: first.code, message: first.message });
    issues.push({ file: displayName, line: p.line, column: p.column, field: '', message: p.message, hint: p.hint });
    return null;
  }
  parsed.set(path, { text, doc, lines });
  const data = doc.toJS();
  cache?.set(text, data);
  return parsedFile(displayName, text, data, { doc, lines });
}

/** Line and column of the value at `path`, or of the nearest parent that exists. */
export function locate(y: YamlFile, path: ReadonlyArray<PropertyKey>): { line: number; column: number } {
  for (let n = path.length; n >= 0; n--) {
    const node = y.doc.getIn(path.slice(0, n) as unknown[], true);
    if (isNode(node) && node.range) {
      const pos = y.lines.linePos(node.range[0]);
      return { line: pos.line, column: pos.col };
    }
  }
  return { line: 1, column: 1 };
}

export function fieldName(path: ReadonlyArray<PropertyKey>): string {
  return path.reduce<string>((acc, p) => (typeof p === 'number' ? `${acc}[${p}]` : acc ? `${acc}.${String(p)}` : String(p)), '');
}

/** An issue about `needle` inside the value at `path` (a placeholder in a long text): at the needle's own line. */
export function issueAtText(y: YamlFile, path: ReadonlyArray<PropertyKey>, needle: string, message: string, hint?: string): ContentIssue {
  const node = y.doc.getIn(path as unknown[], true);
  const at = isNode(node) && node.range ? y.text.indexOf(needle, node.range[0]) : -1;
  if (at < 0 || (isNode(node) && node.range && at >= node.range[1])) return issueAt(y, path, message, hint);
  const pos = y.lines.linePos(at);
  return { file: y.file, line: pos.line, column: pos.col, field: fieldName(path), message, hint };
}

export function issueAt(y: YamlFile, path: ReadonlyArray<PropertyKey>, message: string, hint?: string): ContentIssue {
  return { file: y.file, ...locate(y, path), field: fieldName(path), message, hint };
}

/** Checks a file against its schema; every schema problem becomes an issue with its position. */
export function validate<S extends z.ZodType>(y: YamlFile, schema: S, issues: ContentIssue[]): z.infer<S> | null {
  const result = schema.safeParse(y.data);
  if (result.success) return result.data;
  for (const iss of result.error.issues) {
    const p = plainIssue(iss, y.data);
    issues.push(issueAt(y, p.path, p.message, p.hint));
  }
  return null;
}
