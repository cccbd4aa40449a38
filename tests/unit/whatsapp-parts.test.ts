import { describe, expect, it } from 'vitest';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Pacer } from '../../src/adapters/whatsapp/pacer.js';
import { useAtomicFileAuthState } from '../../src/adapters/whatsapp/auth-store.js';
import { AuthStateError } from '../../src/errors.js';

describe('pacer', () => {
  it('keeps a minimum gap per chat and a cap per minute overall', async () => {
    let t = 0;
    const slept: number[] = [];
    const pacer = new Pacer({ minGapMs: 1000, maxPerMinute: 3 }, () => t, async (ms) => { slept.push(ms); t += ms; });
    await pacer.wait('a');
    await pacer.wait('a');
    expect(t).toBe(1000);
    await pacer.wait('b');
    expect(t).toBe(1000);
    await pacer.wait('c');
    expect(t).toBe(60_000);
    expect(slept).toEqual([1000, 59_000]);
  });
});

describe('atomic file auth state', () => {
  it('stores creds and every key type, reloads them, and leaves no temporary files', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wa-auth-'));
    const a = await useAtomicFileAuthState(dir);
    a.state.creds.registered = true;
    await a.saveCreds();
    await a.state.keys.set({
      'pre-key': { '1': { public: Buffer.from([1, 2]), private: Buffer.from([3, 4]) } },
      session: { '628111.0': Buffer.from([5]) },
      'sender-key': { 'g:1': Buffer.from([6]) },
      'lid-mapping': { '628111': '123@lid' },
      'device-list': { '628111': ['0', '1'] },
      tctoken: { '628111@s.whatsapp.net': { token: Buffer.from([7]), timestamp: '1' } },
      'app-state-sync-version': { critical: { version: 1, hash: Buffer.alloc(4), indexValueMap: {} } },
    });
    const b = await useAtomicFileAuthState(dir);
    expect(b.state.creds.registered).toBe(true);
    expect(b.state.creds.noiseKey.private).toEqual(a.state.creds.noiseKey.private);
    const pre = await b.state.keys.get('pre-key', ['1', '2']);
    expect(Buffer.from(pre['1']?.public ?? [])).toEqual(Buffer.from([1, 2]));
    expect(pre['2']).toBeUndefined();
    expect(await b.state.keys.get('lid-mapping', ['628111'])).toEqual({ '628111': '123@lid' });
    expect(await b.state.keys.get('device-list', ['628111'])).toEqual({ '628111': ['0', '1'] });
    expect(Buffer.from((await b.state.keys.get('tctoken', ['628111@s.whatsapp.net']))['628111@s.whatsapp.net']?.token ?? [])).toEqual(Buffer.from([7]));
    await b.state.keys.set({ session: { '628111.0': null } });
    expect(await b.state.keys.get('session', ['628111.0'])).toEqual({});
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('is not harmed by a write that was killed half-way (a stray temporary file)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wa-auth-'));
    const a = await useAtomicFileAuthState(dir);
    await a.saveCreds();
    writeFileSync(join(dir, 'creds.json.dead.tmp'), '{"half":');
    const b = await useAtomicFileAuthState(dir);
    expect(b.state.creds.noiseKey.public).toEqual(a.state.creds.noiseKey.public);
    expect(readdirSync(dir)).toEqual(['creds.json']); // the stray file is cleaned at start
  });

  it('refuses truncated or foreign credentials with a message naming the file and what to do, and leaves the file alone', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wa-auth-'));
    const a = await useAtomicFileAuthState(dir);
    await a.saveCreds();
    const whole = readFileSync(join(dir, 'creds.json'), 'utf8');
    writeFileSync(join(dir, 'creds.json'), whole.slice(0, 40));
    const err = await useAtomicFileAuthState(dir).catch((e: unknown) => e) as AuthStateError;
    expect(err).toBeInstanceOf(AuthStateError);
    expect(err.code).toBe('E_WHATSAPP_AUTH');
    expect(err.message).toContain(join(dir, 'creds.json'));
    expect(err.message).toMatch(/delete its folder \(WHATSAPP_AUTH_DIR\)/);
    expect(err.message).not.toContain(whole.slice(0, 40)); // the keys are not quoted
    expect(readFileSync(join(dir, 'creds.json'), 'utf8')).toBe(whole.slice(0, 40));
    writeFileSync(join(dir, 'creds.json'), '{"registered": true}');
    await expect(useAtomicFileAuthState(dir)).rejects.toThrow(/not Baileys credentials/);
  });

  it('treats a corrupt key file as missing, not as a reason to stop', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wa-auth-'));
    const a = await useAtomicFileAuthState(dir);
    await a.state.keys.set({ session: { '628111.0': Buffer.from([5]) }, 'pre-key': { '2': { public: Buffer.from([1]), private: Buffer.from([2]) } } });
    writeFileSync(join(dir, 'session-628111.0.json'), '{"type":"Buf');
    const b = await useAtomicFileAuthState(dir);
    expect(await b.state.keys.get('session', ['628111.0'])).toEqual({});
    expect(Object.keys(await b.state.keys.get('pre-key', ['2']))).toEqual(['2']);
  });
});
