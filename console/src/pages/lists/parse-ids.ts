/**
 * Ids pasted or read from a file: one per line; for a CSV (or tab-separated) line, its first
 * cell. Quotes around a cell are dropped, blank lines and repeats skipped. A header line is kept:
 * it matches no profile and is reported back as unmatched, which is harmless.
 */
export function parseIds(text: string): string[] {
  const ids = new Set<string>();
  for (const line of text.split(/\r?\n/)) {
    const cell = (line.split(/[,;\t]/)[0] ?? '')
      .trim()
      .replace(/^"(.*)"$/, '$1')
      .trim();
    if (cell !== '') ids.add(cell);
  }
  return [...ids];
}
