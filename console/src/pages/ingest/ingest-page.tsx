import { useState } from 'react';
import { useT } from '../../i18n/i18n-provider.js';
import { useSession, useWorkspaceApi } from '../../session/session-context.js';
import { DeadLettersPanel } from './dead-letters-panel.js';
import { IngestStatsPanel } from './ingest-stats.js';
import { KeysPanel } from './keys-panel.js';
import { LiveEvents } from './live-events.js';
import { SdkSnippets } from './sdk-snippets.js';

export function IngestPage() {
  const t = useT();
  // A write key created here fills the snippets in, so they can be pasted without editing.
  const [writeKey, setWriteKey] = useState<string | null>(null);
  const { workspaces } = useSession();
  const workspaceId = useWorkspaceApi().workspaceId;
  // Keys are the admin's (right `keys.manage`); other roles would only meet a 403 in the panel.
  const admin = workspaces.find((w) => w.id === workspaceId)?.role === 'admin';
  return (
    <section className="page" data-testid="ingest-page">
      <div className="page-head">
        <h1>{t('ingest.title')}</h1>
      </div>
      <IngestStatsPanel />
      <DeadLettersPanel />
      <div className="columns">
        <LiveEvents />
        <div className="stack">
          {admin ? (
            <KeysPanel onCreated={(c) => c.key.type === 'write' && setWriteKey(c.secret)} />
          ) : (
            <section className="card" data-testid="keys-admin-only">
              <h2>{t('keys.title')}</h2>
              <p className="muted">{t('keys.adminOnly')}</p>
            </section>
          )}
          <SdkSnippets writeKey={writeKey} />
        </div>
      </div>
    </section>
  );
}
