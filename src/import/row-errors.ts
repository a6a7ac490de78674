/** A row that did not load. `row` is 1-based and counts data rows (the header is not a row). */
export interface RowError {
  row: number;
  code: string;
  message: string;
}

export const MAX_REPORTED_ERRORS = 1000;

/**
 * Counts every failed row but keeps only the first `keep`, so a file where every row is bad
 * costs the same memory as one with a few bad rows. Rows arrive in file order, so the kept
 * ones are the first rows that failed.
 */
export class RowErrorLog {
  readonly first: RowError[] = [];
  total = 0;

  constructor(
    private readonly keep = MAX_REPORTED_ERRORS,
    private readonly onError?: (e: RowError) => void,
  ) {}

  add(e: RowError): void {
    this.total++;
    if (this.first.length < this.keep) this.first.push(e);
    this.onError?.(e);
  }

  get truncated(): boolean {
    return this.total > this.first.length;
  }
}
