// The editors' workbench over HTTP, on a copy of the content watched by a running bot: inbox groups become
// examples of an intent or a new FAQ intent, answers are edited; every save is checked as a whole first (a bad
// edit never reaches disk), keeps the files' comments, is audited, and the bot answers with it at once.
import { afterEach, describe, expect, it } from 'vitest';
import { cpSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHttpApp } from '../../src/adapters/http.js';
import { loadBotContent } from '../../src/content/index.js';
import { ContentReloader } from '../../src/content/reload.js';
import { Bot } from '../../src/core/bot.js';
import { Metrics } from '../../src/core/metrics.js';
import { FileUnansweredStore } from '../../src/core/unanswered.js';
import { silentLogger } from '../../src/log.js';
import { msg, newGateway } from '../helpers.js';

const AUTH = { authorization: 'Bearer tok-ana', 'content-type': 'application/json' };
let cleanup: Array<() => void> = [];
afterEach(() => { for (const c of cleanup) c(); cleanup = []; });

const comments = (text: string) => text.split('\n').filter((l) => /(^|\s)#/.test(l));

async function setup(o: { multiInstance?: boolean } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'pandawa-workbench-'));
  for (const d of ['intents', 'responses', 'data']) cpSync(d, join(dir, d), { recursive: true });
  // Comments of the kind editors leave, to see that a save keeps them.
  const bye = join(dir, 'responses/smalltalk.yaml');
  writeFileSync(bye, readFileSync(bye, 'utf8').replace('  smalltalk.bye:\n', '  # said when someone leaves\n  smalltalk.bye:   # keep it short\n'));
  const unanswered = new FileUnansweredStore(join(dir, 'unanswered.jsonl'));
  const bot = new Bot(await loadBotContent(dir), { unanswered });
  const reloader = new ContentReloader(bot, dir, loadBotContent, silentLogger, 20);
  reloader.start();
  const auditFile = join(dir, 'audit', 'editor.jsonl');
  const app = createHttpApp({ gateway: await newGateway({ bot }), metrics: new Metrics(), log: silentLogger, maxBodyBytes: 4096, readiness: () => ({}),
    unanswered, editorToken: 'ana:tok-ana,budi:tok-budi',
    workbench: { root: dir, load: loadBotContent, reload: () => reloader.reload(), auditFile, multiInstance: !!o.multiInstance } });
  const base = await new Promise<string>((resolve) => {
    const s: Server = app.listen(0, '127.0.0.1', () => {
      const a = s.address();
      resolve(`http://127.0.0.1:${typeof a === 'object' && a ? a.port : 0}`);
    });
    cleanup.push(() => { s.close(); reloader.stop(); });
  });
  const call = async (path: string, body?: unknown) => {
    const r = await fetch(`${base}/api/editor/${path}`, { method: body ? 'POST' : 'GET', headers: AUTH, body: body ? JSON.stringify(body) : undefined });
    return { status: r.status, body: await r.json() as Record<string, unknown> };
  };
  const read = (f: string) => readFileSync(join(dir, f), 'utf8');
  return { dir, bot, base, call, read, auditFile };
}

describe('editors\' workbench', () => {
  it('is behind EDITOR_TOKEN: the page is served, its API needs a known token', async () => {
    const { base, call } = await setup();
    const page = await fetch(`${base}/editor`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toMatch(/script-src 'sha256-/);
    expect((await fetch(`${base}/api/editor/intents`)).status).toBe(401);
    expect((await fetch(`${base}/api/editor/intents`, { headers: { authorization: 'Bearer nope' } })).status).toBe(401);
    const intents = await call('intents');
    expect(intents.status).toBe(200);
    expect((intents.body.intents as Array<{ name: string }>).map((i) => i.name)).toContain('activation.register');
  });

  it('assigns an unanswered group to an intent: its texts become examples and the bot answers them with it at once', async () => {
    const { base, bot, call, read, auditFile } = await setup();
    await fetch(`${base}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ from: 'c1', text: 'bpjs saya mati suri' }) });
    const inbox = await call('unanswered');
    const groups = inbox.body.groups as Array<{ example: string; texts: string[]; guesses: Record<string, number> }>;
    const group = groups.find((g) => g.example === 'bpjs saya mati suri');
    expect(group).toBeDefined();
    const before = read('intents/activation.yaml');
    const saved = await call('save', { kind: 'examples', intent: 'activation.check_status', texts: group?.texts });
    expect(saved.status).toBe(200);
    expect(saved.body.live).toBe(true); // the save returns once the bot is on the new content
    const savedAt = performance.now();
    const reply = bot.handle(msg('c2', 'bpjs saya mati suri'));
    expect(performance.now() - savedAt).toBeLessThan(1000);
    expect(reply.intent).toBe('activation.check_status');
    const after = read('intents/activation.yaml');
    expect(after).toContain('      - bpjs saya mati suri\n');
    expect(comments(after)).toEqual(comments(before));
    expect(after.split('\n').length).toBe(before.split('\n').length + 1); // one line added, nothing else touched
    const audit = readFileSync(auditFile, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { editor: string; files: string[]; diff: string });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ editor: 'ana', files: ['intents/activation.yaml'] });
    expect(audit[0]?.diff).toContain('+      - bpjs saya mati suri');
  });

  it('assigns a group to a new FAQ intent with its Indonesian and English answer', async () => {
    const { bot, call, read } = await setup();
    const examples = ['kartu bpjs saya hilang', 'kartu jkn hilang gimana', 'kis saya hilang', 'kartu bpjs ketinggalan dan hilang',
      'kehilangan kartu bpjs', 'kartu kis hilang harus bagaimana', 'bpjs card lost', 'i lost my jkn card', 'kartu bpjs ilang',
      'kartu jkn ku hilang', 'cara urus kartu bpjs hilang', 'kartu bpjs hilang apa bisa berobat', 'kartu hilang bpjs kesehatan',
      'kartu kis hilang dicuri', 'kartu bpjs anak saya hilang'];
    const responsesBefore = read('responses/activation.yaml');
    const saved = await call('save', { kind: 'new_intent', name: 'activation.lost_card', examples,
      id: 'Kartu hilang? Cukup tunjukkan NIK/e-KTP atau KIS digital di {channel_mobile_jkn}.',
      en: 'Lost your card? Your NIK/e-KTP or the digital KIS in {channel_mobile_jkn} is enough.' });
    expect(saved.status).toBe(200);
    const reply = bot.handle(msg('n1', 'kartu bpjs saya hilang'));
    expect(reply.answers).toEqual(['activation.lost_card/default']);
    expect(reply.replies[0]).toMatch(/^Kartu hilang\? Cukup tunjukkan NIK\/e-KTP atau KIS digital di .*Mobile JKN/);
    expect(read('intents/activation.yaml')).toContain('  - name: activation.lost_card\n    examples:\n      - kartu bpjs saya hilang\n');
    const responsesAfter = read('responses/activation.yaml');
    expect(responsesAfter.startsWith(responsesBefore)).toBe(true);
    expect(comments(responsesAfter)).toEqual(comments(responsesBefore));
  });

  it('edits an answer with a live preview; the bot answers with the change, the comments stay', async () => {
    const { bot, call, read } = await setup();
    const preview = await call('preview', { id: 'Tunggakan paling lama {fact_arrears_cap_months} untuk {region}.' });
    expect(preview.body.id).toEqual(['Tunggakan paling lama 24 bulan untuk [region].']);
    const before = read('responses/smalltalk.yaml');
    const edit = { kind: 'response', intent: 'smalltalk.bye', case: 'default', id: 'Sampai jumpa lagi, *sehat selalu*! 👋', en: 'See you, stay healthy! 👋' };
    const check = await call('check', edit);
    expect(check.body).toMatchObject({ ok: true, problems: [] });
    expect(read('responses/smalltalk.yaml')).toBe(before); // checking writes nothing
    const saved = await call('save', edit);
    expect(saved.status).toBe(200);
    expect(bot.handle(msg('e1', 'sampai jumpa')).replies).toEqual(['Sampai jumpa lagi, *sehat selalu*! 👋']);
    const after = read('responses/smalltalk.yaml');
    // Written as the editor wrote the old text (in double quotes), every other line as it was.
    expect(after).toContain('  # said when someone leaves\n  smalltalk.bye:   # keep it short\n    default:\n      id: "Sampai jumpa lagi, *sehat selalu*! 👋"\n');
    expect(after.split('\n').length).toBe(before.split('\n').length);
    expect(comments(after)).toEqual(comments(before));
  });

  it('refuses a broken edit with the problem shown; the file on disk and the bot stay as they were', async () => {
    const { bot, call, read } = await setup();
    const before = read('responses/smalltalk.yaml');
    const version = bot.snapshot.version;
    const edit = { kind: 'response', intent: 'smalltalk.bye', case: 'default', id: 'Sampai jumpa, {nama}!', en: 'Bye!' };
    const check = await call('check', edit);
    expect(check.body.ok).toBe(false);
    expect((check.body.problems as string[])[0]).toMatch(/^responses\/smalltalk\.yaml:\d+:\d+ responses\.smalltalk\.bye\.default\.id: unknown placeholder \{nama\}/);
    const saved = await call('save', edit);
    expect(saved.status).toBe(422);
    expect((saved.body.problems as string[]).join('\n')).toMatch(/unknown placeholder \{nama\}/);
    expect(read('responses/smalltalk.yaml')).toBe(before);
    expect(bot.snapshot.version).toBe(version);
    // Too few examples for a new intent: refused too, nothing written.
    const intentsBefore = read('intents/help.yaml');
    const tooFew = await call('save', { kind: 'new_intent', name: 'help.opening', examples: ['jam buka kantor'], id: 'x', en: 'y' });
    expect(tooFew.status).toBe(422);
    expect((tooFew.body.problems as string[]).join('\n')).toMatch(/needs at least 15 examples/);
    expect(read('intents/help.yaml')).toBe(intentsBefore);
    // A name that is not <family>.<name> never becomes a path.
    const outside = await call('save', { kind: 'new_intent', name: '../../data/x.coverage', examples: ['a'], id: 'x', en: 'y' });
    expect(outside.status).toBe(400);
    expect(outside.body.error).toMatch(/<family>\.<name>/);
  });

  it('saves two edits sent at the same time, one after the other, both kept', async () => {
    const { bot, call, read } = await setup();
    const [a, b] = await Promise.all([
      call('save', { kind: 'examples', intent: 'activation.check_status', texts: ['status kartu bpjs ku gmn ya min'] }),
      call('save', { kind: 'examples', intent: 'activation.register', texts: ['mau bikin bpjs mandiri baru min'] }),
    ]);
    expect([a.status, b.status]).toEqual([200, 200]);
    const file = read('intents/activation.yaml');
    expect(file).toContain('      - status kartu bpjs ku gmn ya min\n');
    expect(file).toContain('      - mau bikin bpjs mandiri baru min\n');
    expect(bot.snapshot.intents.find((i) => i.name === 'activation.register')?.examples).toContain('mau bikin bpjs mandiri baru min');
  });

  it('says, with several instances, that the change is on this one only and gives the diff to copy', async () => {
    const { call, dir } = await setup({ multiInstance: true });
    expect((await call('intents')).body.multiInstance).toBe(true);
    const saved = await call('save', { kind: 'response', intent: 'smalltalk.bye', case: 'default', id: 'Dadah! 👋', en: 'Bye! 👋' });
    expect(saved.body.deploy).toMatch(/deploy these files to the other instances/);
    expect(saved.body.diff).toMatch(/^--- a\/responses\/smalltalk\.yaml\n\+\+\+ b\/responses\/smalltalk\.yaml\n@@ /);
    expect(saved.body.diff).toContain('+      id: "Dadah! 👋"');
    expect(existsSync(join(dir, 'responses/smalltalk.yaml'))).toBe(true);
  });
});
