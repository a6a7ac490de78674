import { appendFileSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Spool } from './spool.js';

const dirs: string[] = [];
const tmp = () => {
  const d = mkdtempSync(path.join(tmpdir(), 'tailor-spool-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const texts = (s: Spool, after = 0) => [...s.replay(after)].map((r) => r.payload.toString());

describe('Spool', () => {
  it('appends concurrently, in order, and replays after reopening', async () => {
    const dir = tmp();
    const s = await Spool.open(dir);
    const lsns = await Promise.all(Array.from({ length: 50 }, (_, i) => s.append(Buffer.from(`r${i}`))));
    expect(lsns).toEqual([...lsns].sort((a, b) => a - b));
    await s.close();
    const again = await Spool.open(dir);
    expect(texts(again)).toEqual(Array.from({ length: 50 }, (_, i) => `r${i}`));
    expect(texts(again, lsns[47])).toEqual(['r48', 'r49']);
    expect(again.end).toBe(lsns[49]);
    await again.close();
  });

  it('cuts a torn tail (a record never acknowledged) and keeps appending after it', async () => {
    const dir = tmp();
    const s = await Spool.open(dir);
    await s.append(Buffer.from('whole'));
    await s.close();
    const file = path.join(dir, readdirSync(dir)[0]!);
    appendFileSync(file, Buffer.from([200, 0, 0, 0, 1, 2, 3, 4, 5, 6])); // header of a 200-byte record, cut short
    const size = statSync(file).size;
    const again = await Spool.open(dir);
    expect(texts(again)).toEqual(['whole']);
    expect(statSync(file).size).toBeLessThan(size);
    await again.append(Buffer.from('next'));
    await again.close();
    expect(texts(await Spool.open(dir))).toEqual(['whole', 'next']);
  });

  it('detects a corrupted record by its checksum', async () => {
    const dir = tmp();
    const s = await Spool.open(dir);
    await s.append(Buffer.from('first'));
    await s.close();
    const file = path.join(dir, readdirSync(dir)[0]!);
    const bad = Buffer.alloc(13);
    bad.writeUInt32LE(5, 0);
    bad.writeUInt32LE(12345, 4);
    bad.write('xxxxx', 8);
    appendFileSync(file, bad);
    const again = await Spool.open(dir);
    expect(texts(again)).toEqual(['first']);
    await again.close();
  });

  it('releases whole files once their records are applied', async () => {
    const dir = tmp();
    const s = await Spool.open(dir);
    const big = Buffer.alloc(40 * 1024 * 1024, 1);
    await s.append(big);
    const second = await s.append(big); // the first file passed 64 MB worth after this one
    const third = await s.append(Buffer.from('tail'));
    expect(readdirSync(dir).length).toBeGreaterThan(1);
    s.release(second);
    expect([...s.replay(second)].map((r) => r.lsn)).toEqual([third]);
    expect(readdirSync(dir).length).toBe(1);
    await s.close();
  });
});
