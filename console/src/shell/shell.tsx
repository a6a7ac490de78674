import { useMemo } from 'react';
import { workspaceApi } from '../api/api.js';
import { useT } from '../i18n/i18n-provider.js';
import { IngestPage } from '../pages/ingest/ingest-page.js';
import { ListsPage } from '../pages/lists/lists-page.js';
import { ModelsPage } from '../pages/models/models-page.js';
import { ProfilePage } from '../pages/profile/profile-page.js';
import { ProfilesPage } from '../pages/profiles/profiles-page.js';
import { SegmentEditorPage } from '../pages/segments/segment-editor-page.js';
import { SegmentPage } from '../pages/segments/segment-page.js';
import { SegmentsPage } from '../pages/segments/segments-page.js';
import { SettingsPage } from '../pages/settings/settings-page.js';
import { type Route, useRoute } from '../router.js';
import { useSession, WorkspaceApiContext } from '../session/session-context.js';
import { TopBar } from './top-bar.js';

export function Shell() {
  const route = useRoute();
  const t = useT();
  const { workspaceId } = useSession();
  const api = useMemo(() => (workspaceId === null ? null : workspaceApi(workspaceId)), [workspaceId]);

  return (
    <div className="shell">
      <TopBar route={route} />
      <main>
        {api === null ? (
          <p className="empty" data-testid="no-workspace">
            {t('workspace.none')}
          </p>
        ) : (
          <WorkspaceApiContext.Provider value={api}>
            {/* Keyed by workspace so that switching drops every page's state and loads afresh. */}
            <Page key={api.workspaceId} route={route} />
          </WorkspaceApiContext.Provider>
        )}
      </main>
    </div>
  );
}

function Page({ route }: { route: Route }) {
  switch (route.name) {
    case 'login':
    case 'profiles':
      return <ProfilesPage />;
    case 'profile':
      return <ProfilePage key={route.id} id={route.id} />;
    case 'ingest':
      return <IngestPage />;
    case 'segments':
      return <SegmentsPage />;
    case 'segmentNew':
      return <SegmentEditorPage key="new" id={null} />;
    case 'segment':
      return <SegmentPage key={route.id} id={route.id} />;
    case 'segmentEdit':
      return <SegmentEditorPage key={route.id} id={route.id} />;
    case 'lists':
      return <ListsPage />;
    case 'models':
      return <ModelsPage />;
    case 'settings':
      return <SettingsPage />;
  }
}
