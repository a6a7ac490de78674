import type { Tailor } from '../../runtime/tailor.js';
import type { Role } from '../context.js';

export interface WorkspaceMembership {
  id: string;
  name: string;
  role: Role;
}

/** The workspaces a console user belongs to, with their role in each. */
export async function listWorkspacesForUser({
  tailor,
  userId,
}: {
  tailor: Tailor;
  userId: string;
}): Promise<WorkspaceMembership[]> {
  return tailor.state.query<WorkspaceMembership>(
    `SELECT w.id, w.name, m.role FROM memberships m JOIN workspaces w ON w.id = m.workspace_id
     WHERE m.user_id = $1 ORDER BY w.created_at, w.id`,
    [userId],
  );
}

export async function getWorkspace({
  tailor,
  id,
}: {
  tailor: Tailor;
  id: string;
}): Promise<{ id: string; name: string } | undefined> {
  const rows = await tailor.state.query<{ id: string; name: string }>(
    'SELECT id, name FROM workspaces WHERE id = $1',
    [id],
  );
  return rows[0];
}
