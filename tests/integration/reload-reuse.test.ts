// A reload rebuilds only what an edit touches: rewording an answer reuses the trained understanding; an
// edit to the examples, the lexicon or an answer's `asks` trains again, and the bot then knows the change.
import { describe, expect, it } from 'vitest';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadBotContent } from '../../src/content/index.js';
import { Bot } from '../../src/core/bot.js';
import { msg } from '../helpers.js';

function copy() {
  const dir = mkdtempSync(join(tmpdir(), 'pandawa-reuse-'));
  for (const d of ['intents', 'responses', 'data']) cpSync(d, join(dir, d), { recursive: true });
  const edit = (file: string, f: (s: string) => string) => writeFileSync(join(dir, file), f(readFileSync(join(dir, file), 'utf8')));
  return { dir, edit };
}

describe('reload reuse', () => {
  it('reuses the understanding when only an answer is reworded, and serves the new wording', async () => {
    const { dir, edit } = copy();
    const before = await loadBotContent(dir);
    edit('responses/smalltalk.yaml', (s) => s.replace('Terima kasih sudah bertanya. Semoga sehat selalu! 👋', 'Sampai jumpa lagi, sehat selalu! 👋'));
    const after = await loadBotContent(dir);
    expect(after.version).not.toBe(before.version);
    expect(after.nlu).toBe(before.nlu);
    expect(new Bot(after).handle(msg('u1', 'sampai jumpa')).replies.join(' ')).toContain('Sampai jumpa lagi, sehat selalu!');
  });

  it('trains again when an example is added, and understands the new wording', async () => {
    const { dir, edit } = copy();
    const before = await loadBotContent(dir);
    expect(before.nlu.knows('xyzzyplop')).toBe(false);
    edit('intents/smalltalk.yaml', (s) => s.replace('examples:', 'examples:\n      - xyzzyplop kak'));
    const after = await loadBotContent(dir);
    expect(after.nlu).not.toBe(before.nlu);
    expect(after.nlu.knows('xyzzyplop')).toBe(true);
  });

  it('trains again when a lexicon word changes', async () => {
    const { dir, edit } = copy();
    const before = await loadBotContent(dir);
    edit('data/lexicon.yaml', (s) => s.replace(/^slang:\n/m, 'slang:\n  plopkartu: kartu\n'));
    const after = await loadBotContent(dir);
    expect(after.nlu).not.toBe(before.nlu);
    expect(after.nlu.register.normalise(['plopkartu'])).toEqual(['kartu']);
  });
});
