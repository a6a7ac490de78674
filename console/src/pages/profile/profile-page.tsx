import { useEffect, useState } from 'react';
import { isAbort } from '../../api/api-client.js';
import type { ProfileDetail } from '../../api/api-contract.js';
import { ErrorNote } from '../../components/error-note.js';
import { useT } from '../../i18n/i18n-provider.js';
import { hrefFor } from '../../router.js';
import { useWorkspaceApi } from '../../session/session-context.js';
import { ComputedGrid } from './computed-grid.js';
import { EventTimeline } from './event-timeline.js';
import { IdentitiesPanel } from './identities-panel.js';
import { ProfileHeader } from './profile-header.js';
import { SegmentsPanel } from './segments-panel.js';
import { TraitsPanel } from './traits-panel.js';

/** The 360° view of one profile. `id` may be any id the profile is known by; the server resolves it. */
export function ProfilePage({ id }: { id: string }) {
  const api = useWorkspaceApi();
  const t = useT();
  const [detail, setDetail] = useState<ProfileDetail | null>(null);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    const controller = new AbortController();
    api.getProfile(id, controller.signal).then(setDetail, (err: unknown) => {
      if (!isAbort(err)) setError(err);
    });
    return () => controller.abort();
  }, [api, id]);

  const back = (
    <a className="back" href={hrefFor({ name: 'profiles' })} data-testid="profile-back">
      ← {t('profile.back')}
    </a>
  );
  if (detail === null) {
    return (
      <section className="page" data-testid="profile-page">
        {back}
        {error === null ? <p className="muted">{t('common.loading')}</p> : <ErrorNote error={error} />}
      </section>
    );
  }

  const { profile } = detail;
  return (
    <section className="page" data-testid="profile-page" data-profile-id={profile.profileId}>
      {back}
      <ProfileHeader profile={profile} />
      <ComputedGrid computed={profile.computed} />
      <div className="columns">
        <TraitsPanel
          profile={profile}
          onProfile={(p) => setDetail((d) => (d === null ? d : { ...d, profile: p }))}
        />
        <IdentitiesPanel profile={profile} />
      </div>
      <SegmentsPanel profileId={profile.profileId} />
      <EventTimeline
        key={profile.profileId}
        profileId={profile.profileId}
        initialEvents={detail.recentEvents}
        initialCursor={detail.nextCursor}
      />
    </section>
  );
}
