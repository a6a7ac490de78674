import type { StateStore } from '../../stores/state/state-store.js';
import { hashKey, type KeyType } from './key-format.js';

interface Cached {
  workspaceId: string | null;
  type: KeyType | null;
  id: string | null;
  until: number;
}

// Ingest checks a write key on every request; a short cache keeps that off the state store.
// Revocation in this process takes effect at once (forgetKey), in others within TTL_MS.
const TTL_MS = 10_000;
const cache = new Map<string, Cached>();

export function forgetKey(keyHash: string): void {
  cache.delete(keyHash);
}

/** The workspace a live key belongs to, or undefined for unknown, revoked or wrong-type keys. */
export async function authenticateKey(
  state: StateStore,
  key: string,
  type: KeyType,
): Promise<{ workspaceId: string; keyId: string } | undefined> {
  if (key.length < 8 || key.length > 200) return undefined;
  const h = hashKey(key);
  let c = cache.get(h);
  if (!c || c.until < Date.now()) {
    const rows = await state.query<{ workspace_id: string; type: KeyType; id: string }>(
      'SELECT workspace_id, type, id FROM api_keys WHERE key_hash = $1 AND revoked_at IS NULL',
      [h],
    );
    const r = rows[0];
    c = {
      workspaceId: r?.workspace_id ?? null,
      type: r?.type ?? null,
      id: r?.id ?? null,
      until: Date.now() + TTL_MS,
    };
    if (cache.size > 10_000) cache.clear();
    cache.set(h, c);
  }
  if (c.workspaceId === null || c.type !== type || c.id === null) return undefined;
  return { workspaceId: c.workspaceId, keyId: c.id };
}
