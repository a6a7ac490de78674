import { describe, expect, it } from 'vitest';
import { isJunkId, usableId } from './ids.js';
import { normalizeEmail, normalizePhone } from './normalize.js';

describe('normalisation', () => {
  it.each([
    [' Li.Na@Example.COM ', 'li.na@example.com'],
    ['n/a', undefined],
    ['a@b', undefined],
    [42, undefined],
  ])('email %j → %j', (raw, want) => expect(normalizeEmail(raw)).toBe(want));

  it.each([
    ['13812345678', '+8613812345678'],
    ['138-1234-5678', '+8613812345678'],
    ['+86 138 1234 5678', '+8613812345678'],
    ['008613812345678', '+8613812345678'],
    ['+1 (415) 555-2671', '+14155552671'],
    ['12345', undefined],
    ['', undefined],
  ])('phone %j → %j', (raw, want) => expect(normalizePhone(raw)).toBe(want));

  it('reads numbers without a country code in the workspace region', () => {
    expect(normalizePhone('(415) 555-2671', 'US')).toBe('+14155552671');
  });
});

describe('junk ids', () => {
  it.each([
    '',
    ' ',
    'null',
    'NULL',
    'undefined',
    '0',
    'anonymous',
    '[object Object]',
    '00000000-0000-0000-0000-000000000000',
    'x'.repeat(300),
  ])('%j is refused', (id) => expect(isJunkId(id)).toBe(true));
  it('trims and keeps real ids, numbers included', () => {
    expect(usableId(' u-1 ')).toBe('u-1');
    expect(usableId(1234)).toBe('1234');
  });
});
