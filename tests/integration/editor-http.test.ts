import { describe, expect, it } from 'vitest';
import type { Server } from 'node:http';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHttpApp } from '../../src/adapters/http.js';
import { Metrics } from '../../src/core/metrics.js';
import { UnansweredStore } from '../../src/core/unanswered.js';
import { Bot } from '../../src/core/bot.js';
import { silentLogger } from '../../src/log.js';
import { content, newGateway } from '../helpers.js';

async function serve(editorToken?: string): Promise<[Server, string]> {
  const unanswered = new UnansweredStore(join(mkdtempSync(join(tmpdir(), 'ed-')), 'u.jsonl'));
  const bot = new Bot(await content(), { unanswered });
  const app = createHttpApp({ gateway: await newGateway({ bot }), metrics: new Metrics(), log: silentLogger, maxBodyBytes: 4096, readiness: () => ({}), unanswered, editorToken,
    contentStatus: () => ({ version: bot.snapshot.version, loadedAt: bot.snapshot.loadedAt, lastRefused: { at: new Date(0), problems: ['data/x.yaml:1:1 a: b'] } }) });
  return new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => {
      const a = s.address();
      resolve([s, `http://127.0.0.1:${typeof a === 'object' && a ? a.port : 0}`]);
    });
  });
}

describe('editor endpoints', () => {
  it('serve the unanswered list to an authorised editor only', async () => {
    const [s, base] = await serve('ed-token');
    try {
      await fetch(`${base}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ from: 'a', text: 'harga cabai hari ini' }) });
      expect((await fetch(`${base}/api/editor/unanswered`)).status).toBe(401);
      const r = await fetch(`${base}/api/editor/unanswered`, { headers: { authorization: 'Bearer ed-token' } });
      expect(r.status).toBe(200);
      const j = await r.json() as { total: number; groups: Array<{ example: string; count: number }> };
      expect(j.total).toBe(1);
      expect(j.groups[0]).toMatchObject({ example: 'harga cabai hari ini', count: 1 });
    } finally { s.close(); }
  });
  it('are off without EDITOR_TOKEN', async () => {
    const [s, base] = await serve();
    try {
      expect((await fetch(`${base}/api/editor/unanswered`)).status).toBe(403);
    } finally { s.close(); }
  });
  it('show the content version, load time and the last refused edit', async () => {
    const [s, base] = await serve('t');
    try {
      const j = await (await fetch(`${base}/api/content`)).json() as { version: string; lastRefused: { problems: string[] } };
      expect(j.version).toMatch(/^[0-9a-f]{12}$/);
      expect(j.lastRefused.problems[0]).toMatch(/data\/x\.yaml:1:1/);
      const ready = await (await fetch(`${base}/readyz`)).json() as { content: { lastRefusedEdit: { problems: number } } };
      expect(ready.content.lastRefusedEdit.problems).toBe(1);
    } finally { s.close(); }
  });
});
