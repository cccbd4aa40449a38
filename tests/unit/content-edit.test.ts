// Workbench edits change only the lines of the edited text, written the way the editor wrote the old one.
import { describe, expect, it } from 'vitest';
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { diffOf, planEdit } from '../../src/content/edit.js';
import { content } from '../helpers.js';

function copy(): string {
  const dir = mkdtempSync(join(tmpdir(), 'pandawa-edit-'));
  for (const d of ['intents', 'responses', 'data']) cpSync(d, join(dir, d), { recursive: true });
  return dir;
}

describe('workbench edits in the YAML text', () => {
  it('a block text stays a block, its line break after it stays, the next key is untouched', async () => {
    const dir = copy();
    const s = await content();
    const en = s.responses.get('help.menu')?.get('default')?.en ?? [];
    const [c] = planEdit(dir, s, { kind: 'response', intent: 'help.menu', case: 'default', id: 'Halo!\n{menu}\nAtau tulis pertanyaan.', en });
    expect(c?.after).toContain('      id: |-\n        Halo!\n        {menu}\n        Atau tulis pertanyaan.\n      en: |\n');
    expect(diffOf(c!)).not.toMatch(/^[-+] *en:/m); // the unchanged English text is not rewritten
  });

  it('one-line variants keep their double quotes; a text of several lines becomes a block', async () => {
    const dir = copy();
    const [c] = planEdit(dir, await content(), { kind: 'response', intent: 'smalltalk.thanks', case: 'default', id: ['satu', 'dua: tiga'], en: 'x\ny' });
    expect(c?.after).toContain('      id:\n        - "satu"\n        - "dua: tiga"\n      en: |-\n        x\n        y\n  smalltalk.bye:\n');
    const parsed = parse(c?.after ?? '') as { responses: Record<string, { default: { id: string[]; en: string } }> };
    expect(parsed.responses['smalltalk.thanks']?.default).toEqual({ id: ['satu', 'dua: tiga'], en: 'x\ny' });
  });
});
