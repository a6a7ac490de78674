/**
 * Identity ids that SDKs and buggy integrations send when they have no real id. They are kept
 * on the raw event but never used to stitch identities: one shared junk id would otherwise
 * merge thousands of unrelated people into a single profile.
 */
const JUNK_IDS = new Set([
  '',
  '0',
  '-1',
  'null',
  'undefined',
  'nil',
  'none',
  'nan',
  'anonymous',
  'guest',
  'unknown',
  'true',
  'false',
  '[object object]',
  '00000000-0000-0000-0000-000000000000',
  'id',
  'user_id',
  'userid',
  'distinct_id',
  'email',
  'not_authenticated',
  '"null"',
  '"undefined"',
]);

/** Longest id accepted for identity stitching (ids are kept verbatim on the event regardless). */
export const MAX_ID_LENGTH = 255;

/** Returns the id trimmed if it can identify a person, otherwise `undefined`. */
export function usableId(raw: unknown): string | undefined {
  if (typeof raw !== 'string' && typeof raw !== 'number') return undefined;
  if (typeof raw === 'number' && !Number.isFinite(raw)) return undefined;
  const id = String(raw).trim();
  if (id.length === 0 || id.length > MAX_ID_LENGTH) return undefined;
  if (JUNK_IDS.has(id.toLowerCase())) return undefined;
  return id;
}

export function isJunkId(raw: unknown): boolean {
  return usableId(raw) === undefined;
}
