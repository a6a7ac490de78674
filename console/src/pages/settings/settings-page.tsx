import { useCallback } from 'react';
import { ErrorNote } from '../../components/error-note.js';
import { useLoad } from '../../hooks/use-load.js';
import { useT } from '../../i18n/i18n-provider.js';
import { useSession, useWorkspaceApi } from '../../session/session-context.js';
import { SettingsForm } from './settings-form.js';

/**
 * The workspace's settings: its time zone, phone region, and which events and properties count
 * as orders, refunds and interests. Every role reads them; only admins change them.
 */
export function SettingsPage() {
  const api = useWorkspaceApi();
  const t = useT();
  const { workspaces } = useSession();
  const { data, error, setData } = useLoad(useCallback((signal) => api.getSettings(signal), [api]));
  // The server's rule (right `workspace.manage`) restated, only to offer the form read-only; the
  // server refuses a change from any other role whatever the console shows.
  const canEdit = workspaces.find((w) => w.id === api.workspaceId)?.role === 'admin';

  return (
    <section className="page" data-testid="settings-page">
      <div className="page-head">
        <h1>{t('workspaceSettings.title')}</h1>
        <span className="muted">{t('workspaceSettings.intro')}</span>
      </div>
      {data !== null ? (
        <SettingsForm saved={data} canEdit={canEdit} onSaved={setData} />
      ) : error === null ? (
        <p className="muted">{t('common.loading')}</p>
      ) : (
        <ErrorNote error={error} />
      )}
    </section>
  );
}
