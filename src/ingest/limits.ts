/** Segment's documented limits for the HTTP tracking API, which Tailor enforces the same way. */
export const INGEST_LIMITS = {
  maxEventBytes: 32 * 1024,
  maxRequestBytes: 500 * 1024,
  maxBatchEvents: 2500,
} as const;
