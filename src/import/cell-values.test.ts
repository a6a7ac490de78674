import { describe, expect, test } from 'vitest';
import { parseTimestampCell, plainNumber, readCell } from './cell-values.js';

describe('parseTimestampCell', () => {
  test.each([
    ['2024-03-01T08:30:00Z', '2024-03-01T08:30:00.000Z'],
    ['2024-03-01T08:30:00.25Z', '2024-03-01T08:30:00.250Z'],
    ['2024-03-01 08:30:00+08:00', '2024-03-01T00:30:00.000Z'],
    ['2024-03-01T08:30:00-0130', '2024-03-01T10:00:00.000Z'],
    ['2024-03-01T08:30+08', '2024-03-01T00:30:00.000Z'],
    // No offset: UTC, the same on every server.
    ['2024-03-01T08:30:00', '2024-03-01T08:30:00.000Z'],
    ['2024-03-01', '2024-03-01T00:00:00.000Z'],
    ['2024-02-29', '2024-02-29T00:00:00.000Z'],
    // Epoch seconds (10 digits, or 9 before 2001), with or without a fraction, and milliseconds.
    ['1709281800', '2024-03-01T08:30:00.000Z'],
    ['1709281800.5', '2024-03-01T08:30:00.500Z'],
    ['1709281800123', '2024-03-01T08:30:00.123Z'],
    ['978307199', '2000-12-31T23:59:59.000Z'],
  ])('%s → %s', (text, iso) => {
    const ms = parseTimestampCell(text);
    expect(ms === undefined ? undefined : new Date(ms).toISOString()).toBe(iso);
  });

  test.each([
    'yesterday',
    '2024-02-30',
    '2023-02-29',
    '2024-13-01',
    '2024-03-01T25:00:00Z',
    '03/01/2024',
    'Fri, 01 Mar 2024 08:30:00 GMT',
    '20240301',
    '12345678',
    '17092818001',
    '-1709281800',
    '',
  ])('%s is refused', (text) => {
    expect(parseTimestampCell(text)).toBeUndefined();
  });
});

describe('cell types', () => {
  test('plain numbers become numbers; ids, zip codes and exponents stay text', () => {
    expect(plainNumber('42')).toBe(42);
    expect(plainNumber('-3')).toBe(-3);
    expect(plainNumber('19.90')).toBe(19.9);
    expect(plainNumber('0.5')).toBe(0.5);
    for (const text of ['007', '1e3', '+1', '1,000', '.5', '5.', '1234567890123456', '13812345678x', 'NaN']) {
      expect(plainNumber(text)).toBeUndefined();
    }
  });

  test('auto, number, boolean and string', () => {
    expect(readCell('42', 'auto')).toBe(42);
    expect(readCell('007', 'auto')).toBe('007');
    expect(readCell('42', 'string')).toBe('42');
    expect(readCell('1e3', 'number')).toBe(1000);
    expect(readCell('+2.5', 'number')).toBe(2.5);
    expect(readCell('12abc', 'number')).toBeUndefined();
    expect(readCell('Yes', 'boolean')).toBe(true);
    expect(readCell('0', 'boolean')).toBe(false);
    expect(readCell('maybe', 'boolean')).toBeUndefined();
  });
});
