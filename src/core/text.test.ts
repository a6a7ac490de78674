import { describe, expect, it } from 'vitest';
import { jsonNeedsCleaning, storableJson, storableText } from './text.js';

describe('storable text', () => {
  it('replaces NUL and unpaired surrogates, keeps everything else', () => {
    expect(storableText('a\u0000b')).toBe('a\uFFFDb');
    expect(storableText('x\uD800')).toBe('x\uFFFD');
    expect(storableText('\uDC00y')).toBe('\uFFFDy');
    expect(storableText('李娜 😀')).toBe('李娜 😀');
  });

  it('finds the escapes JSON.stringify writes for them', () => {
    expect(jsonNeedsCleaning(JSON.stringify({ a: 'a\u0000' }))).toBe(true);
    expect(jsonNeedsCleaning(JSON.stringify({ a: '\uD83D' }))).toBe(true);
    expect(jsonNeedsCleaning(JSON.stringify({ a: '😀 \u0001' }))).toBe(false);
  });

  it('cleans keys and values at any depth', () => {
    expect(storableJson({ 'k\u0000': ['v\uDFFF', { n: 1, s: '\u0000' }], ok: true })).toEqual({
      'k\uFFFD': ['v\uFFFD', { n: 1, s: '\uFFFD' }],
      ok: true,
    });
  });
});
