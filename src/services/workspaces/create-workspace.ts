import { randomBytes } from 'node:crypto';
import { conflict, invalid } from '../../core/errors.js';
import type { Tailor } from '../../runtime/tailor.js';
import { recordAudit } from '../audit/record-audit.js';
import type { Actor } from '../context.js';

export interface Workspace {
  id: string;
  name: string;
}

/** Creates a workspace; the creating console user (if any) becomes its admin. */
export async function createWorkspace({
  tailor,
  actor,
  input,
}: {
  tailor: Tailor;
  actor: Actor;
  input: { name: string; id?: string | undefined };
}): Promise<Workspace> {
  const name = input.name.trim();
  if (name.length === 0 || name.length > 100)
    throw invalid('invalid_name', 'workspace name must be 1–100 characters');
  const id = input.id ?? `ws_${randomBytes(6).toString('hex')}`;
  if (!/^[a-z0-9][a-z0-9_-]{1,62}$/.test(id)) {
    throw invalid('invalid_workspace_id', 'workspace ids are 2–63 lower-case letters, digits, "-" or "_"');
  }
  await tailor.state.transaction(async (tx) => {
    const rows = await tx.query(
      'INSERT INTO workspaces (id, name) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING id',
      [id, name],
    );
    if (rows.length === 0) throw conflict('workspace_exists', `workspace ${id} already exists`);
    if (actor.type === 'user') {
      await tx.query(`INSERT INTO memberships (workspace_id, user_id, role) VALUES ($1, $2, 'admin')`, [
        id,
        actor.id,
      ]);
    }
    await recordAudit(tx, {
      workspaceId: id,
      actor,
      action: 'workspace.create',
      targetType: 'workspace',
      targetId: id,
      after: { name },
    });
  });
  await tailor.settings.refresh();
  return { id, name };
}
