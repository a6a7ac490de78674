import { createHash, randomBytes } from 'node:crypto';

export type KeyType = 'write' | 'secret';

const PREFIX: Record<KeyType, string> = { write: 'tw_', secret: 'ts_' };

/** A new key: a type prefix and 144 random bits. Only its sha256 is stored. */
export function newKey(type: KeyType): string {
  return `${PREFIX[type]}${randomBytes(18).toString('base64url')}`;
}

export const hashKey = (key: string) => createHash('sha256').update(key).digest('hex');

export const keyTypeOf = (key: string): KeyType | undefined =>
  key.startsWith('tw_') ? 'write' : key.startsWith('ts_') ? 'secret' : undefined;
