import { describe, expect, it } from 'vitest';
import { graphError, menuAsList, retryAfterMs, retryable } from '../../src/adapters/cloud-api-graph.js';

describe('Cloud API Graph parts', () => {
  it('reads Retry-After as seconds or as an HTTP date, and ignores what it cannot read', () => {
    const now = Date.parse('2026-12-02T01:00:00Z');
    expect(retryAfterMs('12', now)).toBe(12_000);
    expect(retryAfterMs('Wed, 02 Dec 2026 01:00:30 GMT', now)).toBe(30_000);
    expect(retryAfterMs('soon', now)).toBeUndefined();
    expect(retryAfterMs(null, now)).toBeUndefined();
  });

  it('retries 429, 5xx and throttling codes only', () => {
    expect(retryable(429, graphError(429, ''))).toBe(true);
    expect(retryable(502, graphError(502, '<html>'))).toBe(true);
    expect(retryable(400, graphError(400, '{"error":{"code":131056}}'))).toBe(true);
    expect(retryable(400, graphError(400, '{"error":{"code":131026}}'))).toBe(false);
  });

  it('makes a list of a numbered reply only when it fits WhatsApp limits', () => {
    const list = menuAsList('Pilih:\n1. Satu\n2. Dua yang sangat panjang sekali labelnya\nAtau tulis.', 'en');
    expect(list?.type).toBe('interactive');
    if (list?.type !== 'interactive') return;
    expect(list.interactive.body.text).toBe('Pilih:\nAtau tulis.');
    expect(list.interactive.action.button).toBe('Choose');
    expect(list.interactive.action.sections[0]?.rows[1]).toEqual({ id: 'menu:2', title: 'Dua yang sangat panjang…', description: 'Dua yang sangat panjang sekali labelnya' });
    const eleven = Array.from({ length: 11 }, (_, i) => `${i + 1}. item`).join('\n');
    expect(menuAsList(`Pilih:\n${eleven}`, 'id')).toBeUndefined();
    expect(menuAsList('Tidak ada daftar di sini.', 'id')).toBeUndefined();
    expect(menuAsList('1. a\n2. b', 'id')).toBeUndefined(); // nothing to put in the body
  });
});
