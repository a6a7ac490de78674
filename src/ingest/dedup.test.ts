import { describe, expect, it } from 'vitest';
import { DedupWindow } from './dedup.js';

describe('DedupWindow', () => {
  it('claims an id once per workspace', () => {
    const d = new DedupWindow();
    expect(d.claim('w1', 'm', 0)).toBe(true);
    expect(d.claim('w1', 'm', 10)).toBe(false);
    expect(d.claim('w2', 'm', 10)).toBe(true);
    d.release('w1', 'm');
    expect(d.claim('w1', 'm', 20)).toBe(true);
  });

  it('forgets ids older than the window, hour by hour', () => {
    const d = new DedupWindow(24 * 3600_000);
    d.claim('w', 'old', 0);
    expect(d.has('w', 'old')).toBe(true);
    d.claim('w', 'new', 26 * 3600_000);
    expect(d.has('w', 'old')).toBe(false);
    expect(d.has('w', 'new')).toBe(true);
  });

  it('forgets the oldest hours first when over its size bound', () => {
    const d = new DedupWindow(24 * 3600_000, 1000);
    for (let i = 0; i < 800; i++) d.claim('w', `old-${i}`, 0);
    for (let i = 0; i < 800; i++) d.claim('w', `new-${i}`, 3600_000);
    expect(d.has('w', 'old-1')).toBe(false);
    expect(d.has('w', 'new-1')).toBe(true);
    expect(d.size).toBe(800);
  });

  it('holds a million ids without false duplicates', () => {
    const d = new DedupWindow();
    let fresh = 0;
    for (let i = 0; i < 1_000_000; i++) if (d.claim('w', `msg-${i}`, 1000)) fresh++;
    expect(fresh).toBe(1_000_000);
    expect(d.size).toBe(1_000_000);
    expect(d.claim('w', 'msg-123456', 1000)).toBe(false);
  });
});
