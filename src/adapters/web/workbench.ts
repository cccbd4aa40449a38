// The editors' workbench API (under /api/editor, behind EDITOR_TOKEN): the intents and their answers, a
// live preview of an answer, an edit checked against the whole content, and saving it into the files with an
// audit line. The running bot reloads from the files, as it does for hand edits.
import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import express, { type Router } from 'express';
import type { Bot } from '../../core/bot.js';
import type { Logger } from '../../log.js';
import type { Snapshot } from '../../content/load.js';
import { checkChanges, diffOf, EditError, planEdit, writeChanges, type Edit, type FileChange } from '../../content/edit.js';
import { commonValues } from '../../content/common.js';
import { fill } from '../../content/render.js';
import { formatIssue } from '../../errors.js';

export interface WorkbenchOptions {
  /** The content folder the bot loads and watches. */
  root: string;
  load: (root: string) => Promise<Snapshot>;
  /** Reloads the bot from the files now (the watcher would too, after its debounce). */
  reload?: () => Promise<boolean>;
  /** Where each saved change is appended, one JSON line. */
  auditFile: string;
  /** Other instances serve their own copy of the files: a saved change must be deployed to them too. */
  multiInstance: boolean;
  /** The data of the last `npm run eval` (default reports/eval.json). */
  evaluationFile?: string;
}

const texts = (v: unknown): v is string[] => Array.isArray(v) && v.every((t) => typeof t === 'string');
const variants = (v: unknown): v is string | string[] => typeof v === 'string' || texts(v);

/** The edit in a request body, or why it is not one. */
export function parseEdit(body: unknown): Edit | string {
  const b = (body ?? {}) as Record<string, unknown>;
  switch (b.kind) {
    case 'examples':
      return typeof b.intent === 'string' && texts(b.texts) && b.texts.length ? { kind: 'examples', intent: b.intent, texts: b.texts }
        : 'examples needs "intent" and a non-empty list "texts"';
    case 'new_intent':
      return typeof b.name === 'string' && texts(b.examples) && typeof b.id === 'string' && typeof b.en === 'string'
        ? { kind: 'new_intent', name: b.name.trim(), examples: b.examples, id: b.id, en: b.en }
        : 'new_intent needs "name", "examples" (a list), "id" and "en"';
    case 'response':
      return typeof b.intent === 'string' && typeof b.case === 'string' && variants(b.id) && variants(b.en)
        ? { kind: 'response', intent: b.intent, case: b.case, id: b.id, en: b.en }
        : 'response needs "intent", "case", "id" and "en"';
    default:
      return '"kind" must be examples, new_intent or response';
  }
}

/** An answer template filled for the preview: common values as the bot fills them, its own shown as [name]. */
function preview(s: Snapshot, template: string, lang: 'id' | 'en'): string {
  const common = commonValues(s, lang);
  return fill(template, (name) => common[name] ?? `[${name}]`);
}

export function workbenchRouter(bot: Bot, o: WorkbenchOptions, log: Logger): Router {
  const r = express.Router();
  r.use(express.json({ limit: '256kb' }));

  r.get('/intents', (_req, res) => {
    const s = bot.snapshot;
    res.json({
      multiInstance: o.multiInstance,
      intents: s.intents.map((i) => ({ name: i.name, file: i.file, examples: i.examples.length,
        answers: [...(s.responses.get(i.name) ?? new Map())].map(([c, v]) => ({ case: c, id: v.id, en: v.en, ...(v.asks ? { asks: v.asks } : {}) })) })),
    });
  });

  r.get('/evaluation', (_req, res) => {
    const f = o.evaluationFile ?? 'reports/eval.json';
    if (!existsSync(f)) { res.status(404).json({ error: 'no evaluation yet: run npm run eval' }); return; }
    try {
      res.json(JSON.parse(readFileSync(f, 'utf8')));
    } catch {
      res.status(500).json({ error: `${f} is not readable: run npm run eval again` });
    }
  });

  r.post('/preview', (req, res) => {
    const b = (req.body ?? {}) as { id?: unknown; en?: unknown };
    const one = (v: unknown) => (typeof v === 'string' ? [v] : texts(v) ? v : []);
    const s = bot.snapshot;
    res.json({ id: one(b.id).map((t) => preview(s, t, 'id')), en: one(b.en).map((t) => preview(s, t, 'en')) });
  });

  // One check or save at a time: they share the scratch copy, and a save must see the files the check saw.
  let queue: Promise<unknown> = Promise.resolve();
  const oneAtATime = <T>(f: () => Promise<T>): Promise<T> => {
    const run = queue.then(f, f);
    queue = run.catch(() => undefined);
    return run;
  };

  /** Plans and checks an edit: the problems the whole content would have, and the diff. */
  async function prepare(body: unknown): Promise<{ error: string } | { changes: FileChange[]; problems: string[]; diff: string }> {
    const edit = parseEdit(body);
    if (typeof edit === 'string') return { error: edit };
    let changes: FileChange[];
    try {
      changes = planEdit(o.root, bot.snapshot, edit);
    } catch (err) {
      if (err instanceof EditError) return { error: err.message };
      throw err;
    }
    const problems = (await checkChanges(o.root, changes, o.load)).map(formatIssue);
    return { changes, problems, diff: changes.map(diffOf).join('\n') };
  }

  r.post('/check', async (req, res, next) => {
    try {
      const p = await oneAtATime(() => prepare(req.body));
      if ('error' in p) { res.status(400).json(p); return; }
      res.json({ ok: !p.problems.length, problems: p.problems, diff: p.diff });
    } catch (err) { next(err); }
  });

  r.post('/save', (req, res, next) => { oneAtATime(() => save(req.body, String(res.locals.editor ?? 'editor'))).then((r) => res.status(r.status).json(r.body), next); });

  async function save(body: unknown, editor: string): Promise<{ status: number; body: unknown }> {
    const p = await prepare(body);
    if ('error' in p) return { status: 400, body: p };
    // A bad edit never reaches disk.
    if (p.problems.length) return { status: 422, body: { ok: false, problems: p.problems } };
    try {
      await writeChanges(o.root, p.changes);
    } catch (err) {
      if (err instanceof EditError) return { status: 409, body: { error: err.message } };
      throw err;
    }
    mkdirSync(dirname(o.auditFile), { recursive: true });
    appendFileSync(o.auditFile, JSON.stringify({ at: new Date().toISOString(), editor, edit: body, files: p.changes.map((c) => c.file), diff: p.diff }) + '\n');
    log.info({ editor, kind: (body as { kind?: string }).kind, files: p.changes.map((c) => c.file) }, 'content edited in the workbench');
    const live = o.reload ? await o.reload() : undefined;
    return { status: 200, body: { ok: true, live, version: bot.snapshot.version, diff: p.diff,
      ...(o.multiInstance ? { deploy: 'this instance only: deploy these files to the other instances, or commit them to the repository the deployment is built from' } : {}) } };
  }
  return r;
}
