import { randomBytes } from 'node:crypto';
import { conflict, invalid } from '../../core/errors.js';
import { normalizeEmail } from '../../core/normalize.js';
import type { Tailor } from '../../runtime/tailor.js';
import { recordAudit } from '../audit/record-audit.js';
import { type Actor, ROLES, type Role } from '../context.js';
import { hashPassword } from './password.js';

export interface ConsoleUser {
  id: string;
  email: string;
  name: string;
  locale: string;
}

/**
 * Creates a console user, or adds an existing one (same email) to the workspace with the
 * given role. Passwords are at least 8 characters and stored as scrypt hashes.
 */
export async function addConsoleUser({
  tailor,
  actor,
  input,
}: {
  tailor: Tailor;
  actor: Actor;
  input: {
    workspaceId: string;
    email: string;
    name?: string | undefined;
    password: string;
    role: Role;
    locale?: string | undefined;
  };
}): Promise<ConsoleUser> {
  const email = normalizeEmail(input.email);
  if (!email) throw invalid('invalid_email', 'a valid email address is required');
  if (!(ROLES as readonly string[]).includes(input.role))
    throw invalid('invalid_role', `role must be one of ${ROLES.join(', ')}`);
  if (input.password.length < 8) throw invalid('weak_password', 'passwords need at least 8 characters');
  const locale = input.locale === 'zh' ? 'zh' : 'en';
  const passwordHash = await hashPassword(input.password);
  return tailor.state.transaction(async (tx) => {
    const existing = await tx.query<ConsoleUser>(
      'SELECT id, email, name, locale FROM console_users WHERE email = $1',
      [email],
    );
    let user = existing[0];
    if (!user) {
      user = {
        id: `usr_${randomBytes(8).toString('hex')}`,
        email,
        name: (input.name ?? email.split('@')[0]!).slice(0, 100),
        locale,
      };
      await tx.query(
        'INSERT INTO console_users (id, email, name, password_hash, locale) VALUES ($1, $2, $3, $4, $5)',
        [user.id, user.email, user.name, passwordHash, locale],
      );
    }
    const added = await tx.query(
      'INSERT INTO memberships (workspace_id, user_id, role) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING user_id',
      [input.workspaceId, user.id, input.role],
    );
    if (added.length === 0 && existing.length > 0)
      throw conflict('member_exists', `${email} is already a member of this workspace`);
    await recordAudit(tx, {
      workspaceId: input.workspaceId,
      actor,
      action: 'user.add',
      targetType: 'console_user',
      targetId: user.id,
      after: { email, role: input.role },
    });
    return user;
  });
}
