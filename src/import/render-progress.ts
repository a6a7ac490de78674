import cliProgress from 'cli-progress';
import type { ImportProgress } from './import-csv.js';

export interface ProgressRenderer {
  update(p: ImportProgress): void;
  stop(): void;
}

const count = (n: number) => n.toLocaleString('en-US');
const megabytes = (bytes: number) => (bytes / 1_048_576).toFixed(1);

/**
 * A progress line on stderr for the CLI: a bar over the bytes read when the file size is
 * known, otherwise a running row count (input from a pipe). Draws nothing when the stream is
 * not a terminal, so logs and CI output stay clean.
 */
export function renderProgress(
  opts: { totalBytes?: number | undefined; stream?: NodeJS.WritableStream | undefined } = {},
): ProgressRenderer {
  const total = opts.totalBytes !== undefined && opts.totalBytes > 0 ? opts.totalBytes : undefined;
  const bar = new cliProgress.SingleBar(
    {
      stream: opts.stream ?? process.stderr,
      format:
        total !== undefined
          ? 'importing [{bar}] {percentage}% | {mb} / {totalMb} MB | {rows} rows, {failed} failed | ETA {eta_formatted}'
          : 'importing {rows} rows | {ok} loaded, {failed} failed | {duration_formatted}',
      fps: 5,
      etaBuffer: 50,
    },
    cliProgress.Presets.shades_classic,
  );
  const payload = (p: ImportProgress) => ({
    rows: count(p.rows),
    ok: count(p.ok),
    failed: count(p.failed),
    mb: megabytes(p.bytes),
    totalMb: megabytes(total ?? 0),
  });
  bar.start(total ?? 0, 0, payload({ rows: 0, ok: 0, failed: 0, bytes: 0 }));
  return {
    update: (p) => bar.update(total !== undefined ? Math.min(p.bytes, total) : p.rows, payload(p)),
    stop: () => bar.stop(),
  };
}
