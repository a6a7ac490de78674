import { describe, expect, it } from 'vitest';
import type { EventRecord } from './event-record.js';
import { isolate, type Placed } from './poison.js';

const placed = (n: number): Placed[] =>
  Array.from({ length: n }, (_, i) => ({
    lsn: 100,
    index: i,
    record: { messageId: `m${i}` } as EventRecord,
  }));

/** A trial that refuses any batch holding one of `bad`, counting its calls. */
function refusing(bad: Set<string>) {
  const calls = { n: 0 };
  const trial = async (records: EventRecord[]) => {
    calls.n++;
    const hit = records.find((r) => bad.has(r.messageId));
    if (hit) throw new Error(`refused ${hit.messageId}`);
  };
  return { trial, calls };
}

describe('isolate', () => {
  it('finds each event refused on its own, with its error, in about 2·k·log₂ n trials', async () => {
    const { trial, calls } = refusing(new Set(['m3', 'm700']));
    const found = await isolate(placed(1000), trial);
    expect(found.map((f) => f.item.index)).toEqual([3, 700]);
    expect(String(found[0]!.error)).toMatch(/refused m3/);
    expect(calls.n).toBeLessThanOrEqual(2 * 2 * Math.ceil(Math.log2(1000)) + 1);
  });

  it('returns nothing when the batch passes, and one trial is all it costs', async () => {
    const { trial, calls } = refusing(new Set());
    expect(await isolate(placed(50), trial)).toEqual([]);
    expect(calls.n).toBe(1);
  });

  it('pins nothing on any event when only events together fail', async () => {
    const together = async (records: EventRecord[]) => {
      const ids = new Set(records.map((r) => r.messageId));
      if (ids.has('m1') && ids.has('m2')) throw new Error('only together');
    };
    expect(await isolate(placed(4), together)).toEqual([]);
  });
});
