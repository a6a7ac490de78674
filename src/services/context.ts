import { forbidden } from '../core/errors.js';
import type { Tailor } from '../runtime/tailor.js';

export const ROLES = ['admin', 'operator', 'analyst', 'agent'] as const;
export type Role = (typeof ROLES)[number];

/** Who is acting: a console user, an API key, or Tailor itself (CLI, demo). */
export interface Actor {
  type: 'user' | 'key' | 'system';
  id: string;
}

/** What every workspace-scoped service verb receives. */
export interface Ctx {
  tailor: Tailor;
  actor: Actor;
  workspaceId: string;
  role: Role;
  requestId?: string | undefined;
}

/** What each role may do. Later capabilities add rights here, in one place. */
const RIGHTS = {
  'profiles.read': ['admin', 'operator', 'analyst', 'agent'],
  'profiles.write': ['admin', 'operator', 'agent'],
  'ingest.read': ['admin', 'operator', 'analyst'],
  'ingest.manage': ['admin'],
  'imports.run': ['admin', 'operator'],
  'segments.read': ['admin', 'operator', 'analyst', 'agent'],
  'segments.write': ['admin', 'operator', 'analyst'],
  'keys.manage': ['admin'],
  'users.manage': ['admin'],
  'audit.read': ['admin'],
  'workspace.manage': ['admin'],
} as const satisfies Record<string, readonly Role[]>;

export type Right = keyof typeof RIGHTS;

export function can(role: Role, right: Right): boolean {
  return (RIGHTS[right] as readonly Role[]).includes(role);
}

export function requireRight(ctx: Pick<Ctx, 'role'>, right: Right): void {
  if (!can(ctx.role, right))
    throw forbidden('missing_right', `your role (${ctx.role}) may not do this (${right})`);
}

export const systemCtx = (tailor: Tailor, workspaceId: string): Ctx => ({
  tailor,
  actor: { type: 'system', id: 'tailor' },
  workspaceId,
  role: 'admin',
});
