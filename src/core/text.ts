/**
 * Text PostgreSQL can store. Its `text` and `jsonb` types refuse the NUL character (U+0000) and
 * unpaired UTF-16 surrogates (which JSON.stringify writes as escapes from `\ud800` to `\udfff`). Such values
 * arrive from SDKs and CSV files now and then; stored as they are, one of them would make a
 * whole ingest batch fail on every retry. Both become U+FFFD, the replacement character.
 */
export function storableText(s: string): string {
  if (!s.includes('\u0000') && s.isWellFormed()) return s;
  return s.toWellFormed().replaceAll('\u0000', '\uFFFD');
}

/** Does JSON text (from JSON.stringify) hold an escape that `storableText` would replace? */
export const jsonNeedsCleaning = (json: string): boolean => /\\u(?:0000|d[89a-f])/i.test(json);

/** A copy of a JSON value with every string and key made storable. */
export function storableJson(v: unknown): unknown {
  if (typeof v === 'string') return storableText(v);
  if (Array.isArray(v)) return v.map(storableJson);
  if (typeof v === 'object' && v !== null) {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) out[storableText(k)] = storableJson(x);
    return out;
  }
  return v;
}
