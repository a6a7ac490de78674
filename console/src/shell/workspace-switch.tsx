import { useT } from '../i18n/i18n-provider.js';
import { useSession } from '../session/session-context.js';

export function WorkspaceSwitch() {
  const t = useT();
  const { workspaces, workspaceId, selectWorkspace, refreshWorkspaces } = useSession();
  if (workspaces.length === 0) return null;
  return (
    <select
      className="compact"
      aria-label={t('workspace.label')}
      title={t('workspace.label')}
      value={workspaceId ?? ''}
      onChange={(e) => selectWorkspace(e.target.value)}
      // Picks up memberships granted since login without a page reload; a failure keeps the old list.
      onFocus={() => refreshWorkspaces().catch(() => {})}
      data-testid="workspace-switch"
    >
      {workspaces.map((w) => (
        <option key={w.id} value={w.id}>
          {w.name}
        </option>
      ))}
    </select>
  );
}
