import { describe, expect, it } from 'vitest';
import { acceptMessage, isRejection, parseTime } from './accept-message.js';
import type { EventRecord } from './event-record.js';

const opts = { workspaceId: 'w', receivedAt: Date.UTC(2026, 0, 10, 12), defaults: {} };
const ok = (m: unknown, o = opts) => {
  const r = acceptMessage(m, o);
  if (isRejection(r)) throw new Error(`rejected: ${r.code}`);
  return r as EventRecord;
};
const code = (m: unknown) => {
  const r = acceptMessage(m, opts);
  return isRejection(r) ? r.code : 'accepted';
};

/** An object nested `levels` deep, built without recursion (JSON.stringify of the deepest overflows). */
const deep = (levels: number) => {
  let v: Record<string, unknown> = {};
  for (let i = 1; i < levels; i++) v = { a: v };
  return v;
};

describe('parseTime', () => {
  it.each([
    ['2026-03-01T10:00:00Z', Date.UTC(2026, 2, 1, 10)],
    ['2026-03-01T10:00:00.123Z', Date.UTC(2026, 2, 1, 10, 0, 0, 123)],
    ['2026-03-01T18:00:00+08:00', Date.UTC(2026, 2, 1, 10)],
    ['2026-03-01T05:30:00-0430', Date.UTC(2026, 2, 1, 10)],
    ['2026-03-01 10:00:00', Date.UTC(2026, 2, 1, 10)],
    ['2026-03-01', Date.UTC(2026, 2, 1)],
    [1_700_000_000_000, 1_700_000_000_000],
    [1_700_000_000_000.6, 1_700_000_000_001],
    ['1900-01-01T00:00:00Z', Date.UTC(1900, 0, 1)],
  ])('reads %s', (input, expected) => expect(parseTime(input)).toBe(expected));

  it.each([
    '2024-02-30T00:00:00Z',
    '2026-13-01',
    'yesterday',
    '03/01/2026',
    '2026-03-01T25:00:00Z',
    '2026-03-01T10:00:00+25:00',
    {},
    1e20,
    -1e20,
    Number.POSITIVE_INFINITY,
    '0001-01-01T00:00:00Z',
    '1899-12-31T23:59:59Z',
  ])('refuses %s', (input) => expect(parseTime(input)).toBeNaN());

  it('treats missing as absent', () => {
    expect(parseTime(undefined)).toBeUndefined();
    expect(parseTime('')).toBeUndefined();
  });
});

describe('acceptMessage', () => {
  it('corrects device clocks with sentAt, keeping the original timestamp', () => {
    const r = ok({
      type: 'track',
      userId: 'u',
      event: 'E',
      timestamp: '2020-01-01T00:00:00Z',
      sentAt: '2020-01-01T00:00:30Z',
    });
    expect(r.timestamp).toBe(opts.receivedAt - 30_000);
    expect(r.originalTimestamp).toBe(Date.UTC(2020, 0, 1));
    expect(r.sentAt).toBe(Date.UTC(2020, 0, 1, 0, 0, 30));
    expect(r.receivedAt).toBe(opts.receivedAt);
  });

  it('uses the batch sentAt and merges the batch context under the event context', () => {
    const r = ok(
      {
        type: 'track',
        userId: 'u',
        event: 'E',
        timestamp: '2020-01-01T00:00:00Z',
        context: { ip: '2.2.2.2' },
      },
      { ...opts, defaults: { sentAt: '2020-01-01T00:01:00Z', context: { ip: '1.1.1.1', locale: 'zh-CN' } } },
    );
    expect(r.timestamp).toBe(opts.receivedAt - 60_000);
    expect(JSON.parse(r.context)).toEqual({ ip: '2.2.2.2', locale: 'zh-CN' });
  });

  it('without a client time, the event happened when received', () => {
    expect(ok({ type: 'identify', anonymousId: 'a' }).timestamp).toBe(opts.receivedAt);
  });

  it('assigns a messageId when missing and keeps raw ids and values', () => {
    const r = ok({ type: 'identify', userId: 42, anonymousId: ' a ', traits: { email: ' X@Y.COM ' } });
    expect(r.messageId).toMatch(/^tailor-[0-9a-f-]{36}$/);
    expect(r.userId).toBe('42');
    expect(r.anonymousId).toBe(' a ');
    expect(JSON.parse(r.traits)).toEqual({ email: ' X@Y.COM ' });
  });

  it.each([
    [{ type: 'track', event: 'E' }, 'missing_id'],
    [{ type: 'track', userId: 'undefined', anonymousId: '[object Object]', event: 'E' }, 'missing_id'],
    [{ type: 'track', userId: 'u' }, 'missing_event'],
    [{ type: 'track', userId: 'u', event: '  ' }, 'missing_event'],
    [{ type: 'alias', userId: 'u' }, 'missing_previous_id'],
    [{ type: 'alias', previousId: 'p', userId: 'null' }, 'missing_user_id'],
    [{ type: 'group', userId: 'u' }, 'missing_group_id'],
    [{ type: 'nope', userId: 'u' }, 'invalid_type'],
    [{ type: 'track', userId: { id: 1 }, event: 'E' }, 'invalid_id'],
    [{ type: 'track', userId: 'u', event: 'E', properties: [1] }, 'invalid_field'],
    [{ type: 'track', userId: 'u', event: 'E', context: 'x' }, 'invalid_field'],
    [{ type: 'track', userId: 'u', event: 'E', messageId: 7 }, 'invalid_message_id'],
    [{ type: 'track', userId: 'u', event: 'E', properties: { b: '字'.repeat(12_000) } }, 'event_too_large'],
    ['not an object', 'invalid_event'],
    [{ type: 'track', userId: 'u', event: 'E', timestamp: 1.5 }, 'accepted'],
    [{ type: 'track', userId: 'u', event: 'E', timestamp: 1e20 }, 'invalid_timestamp'],
    [{ type: 'track', userId: 'u', event: 'E', sentAt: 1e20 }, 'invalid_timestamp'],
    // each time is in range, the corrected one is not: 9000 years before receipt
    [
      { type: 'track', userId: 'u', event: 'E', timestamp: '1900-01-01', sentAt: '9999-01-01' },
      'invalid_timestamp',
    ],
    [{ type: 'page', anonymousId: 'a' }, 'accepted'],
  ])('%j → %s', (m, expected) => expect(code(m)).toBe(expected));

  it('refuses objects nested deeper than 64 levels, however deep, without throwing', () => {
    expect(code({ type: 'track', userId: 'u', event: 'E', properties: deep(64) })).toBe('accepted');
    expect(code({ type: 'track', userId: 'u', event: 'E', properties: deep(65) })).toBe('too_deep');
    expect(code({ type: 'identify', userId: 'u', traits: deep(100_000) })).toBe('too_deep');
    expect(code({ type: 'identify', userId: 'u', context: deep(100_000) })).toBe('too_deep');
  });
});
