import { describe, expect, it } from 'vitest';
import type { EventRecord } from './event-record.js';
import { decodeRecords, encodeRecords } from './spool-codec.js';

describe('spool codec', () => {
  it('round-trips records, awkward text included', () => {
    const r: EventRecord = {
      workspaceId: 'w',
      messageId: 'm "1" \\ \u2028',
      type: 'track',
      event: '下单 "now"',
      userId: 'u\n1',
      anonymousId: '',
      groupId: '',
      previousId: '',
      profileId: '',
      timestamp: 1_700_000_000_123,
      originalTimestamp: 0,
      sentAt: 0,
      receivedAt: 1_700_000_000_456,
      properties: JSON.stringify({ a: [1, 2.5, null], s: '引号 " and \\', nested: { x: true } }),
      traits: '{}',
      context: JSON.stringify({ ip: '1.2.3.4' }),
    };
    expect(decodeRecords(encodeRecords([r, { ...r, messageId: 'm2' }]))).toEqual([
      r,
      { ...r, messageId: 'm2' },
    ]);
    expect(decodeRecords(encodeRecords([]))).toEqual([]);
  });
});
