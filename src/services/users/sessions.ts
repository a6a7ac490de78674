import { createHash, randomBytes } from 'node:crypto';
import { unauthorized } from '../../core/errors.js';
import { normalizeEmail } from '../../core/normalize.js';
import type { Tailor } from '../../runtime/tailor.js';
import type { ConsoleUser } from './create-user.js';
import { verifyPassword } from './password.js';

const SESSION_DAYS = 14;
const hashToken = (t: string) => createHash('sha256').update(t).digest('hex');

/** Checks the password and opens a session; the token is returned once, only its hash is kept. */
export async function login({
  tailor,
  input,
}: {
  tailor: Tailor;
  input: { email: string; password: string };
}): Promise<{ user: ConsoleUser; token: string; expiresAt: Date }> {
  const email = normalizeEmail(input.email) ?? '';
  const rows = await tailor.state.query<ConsoleUser & { password_hash: string; disabled: boolean }>(
    'SELECT id, email, name, locale, password_hash, disabled FROM console_users WHERE email = $1',
    [email],
  );
  const row = rows[0];
  // Verify against a dummy hash when the user is unknown so timing does not reveal which emails exist.
  const ok = await verifyPassword(input.password, row?.password_hash ?? DUMMY_HASH);
  if (!row || !ok || row.disabled) throw unauthorized('invalid_credentials', 'wrong email or password');
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(Date.now() + SESSION_DAYS * 86_400_000);
  await tailor.state.query('INSERT INTO sessions (token_hash, user_id, expires_at) VALUES ($1, $2, $3)', [
    hashToken(token),
    row.id,
    expiresAt,
  ]);
  return { user: { id: row.id, email: row.email, name: row.name, locale: row.locale }, token, expiresAt };
}

export async function logout({ tailor, token }: { tailor: Tailor; token: string }): Promise<void> {
  await tailor.state.query('DELETE FROM sessions WHERE token_hash = $1', [hashToken(token)]);
}

export async function userForSession({
  tailor,
  token,
}: {
  tailor: Tailor;
  token: string;
}): Promise<ConsoleUser | undefined> {
  const rows = await tailor.state.query<ConsoleUser>(
    `SELECT u.id, u.email, u.name, u.locale FROM sessions s JOIN console_users u ON u.id = s.user_id
     WHERE s.token_hash = $1 AND s.expires_at > now() AND NOT u.disabled`,
    [hashToken(token)],
  );
  return rows[0];
}

const DUMMY_HASH = 'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';
