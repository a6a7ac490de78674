import { Writable } from 'node:stream';
import { describe, expect, test } from 'vitest';
import { renderProgress } from './render-progress.js';

const terminal = (isTTY: boolean) => {
  const out = { text: '' };
  const stream = Object.assign(
    new Writable({
      write(chunk, _encoding, done) {
        out.text += String(chunk);
        done();
      },
    }),
    { isTTY, columns: 160 },
  );
  return { stream, out };
};

const progress = { rows: 12_345, ok: 12_000, failed: 345, bytes: 5 * 1_048_576 };

describe('renderProgress', () => {
  test('a bar over the bytes read when the size is known', () => {
    const { stream, out } = terminal(true);
    const bar = renderProgress({ totalBytes: 10 * 1_048_576, stream });
    bar.update(progress);
    bar.stop();
    expect(out.text).toContain('50% | 5.0 / 10.0 MB | 12,345 rows, 345 failed');
  });

  test('a row counter when it is not', () => {
    const { stream, out } = terminal(true);
    const bar = renderProgress({ stream });
    bar.update(progress);
    bar.stop();
    expect(out.text).toContain('importing 12,345 rows | 12,000 loaded, 345 failed');
  });

  test('nothing when the output is not a terminal', () => {
    const { stream, out } = terminal(false);
    const bar = renderProgress({ totalBytes: 100, stream });
    bar.update(progress);
    bar.stop();
    expect(out.text).toBe('');
  });
});
