import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { finished } from 'node:stream/promises';
import type { RowError } from './row-errors.js';

export interface ErrorsCsv {
  write(e: RowError): void;
  close(): Promise<void>;
}

/**
 * A CSV of failed rows (`row,code,message`) written as the import runs, so it holds every
 * failed row, not only the report's first 1,000. Opened before the import starts so a bad
 * path fails before any row is loaded.
 */
export async function openErrorsCsv(path: string): Promise<ErrorsCsv> {
  const out = createWriteStream(path);
  await once(out, 'open');
  out.write('row,code,message\n');
  return {
    // Rows arrive far slower than a file takes them; the stream's buffer stays small.
    write: (e) => void out.write(`${e.row},${csvField(e.code)},${csvField(e.message)}\n`),
    close: async () => {
      out.end();
      await finished(out);
    },
  };
}

export function csvField(s: string): string {
  return /[",\r\n]|^\s|\s$/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}
