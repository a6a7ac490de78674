import { useEffect, useState } from 'react';
import type { SegmentMembers as Page } from '../../api/segments-contract.js';
import { ErrorNote } from '../../components/error-note.js';
import { useI18n } from '../../i18n/i18n-provider.js';
import { useWorkspaceApi } from '../../session/session-context.js';
import { ProfilesTable } from '../profiles/profiles-table.js';

/** The segment's current members, a page at a time, each linking to its profile. */
export function SegmentMembers({ id, exportUrl }: { id: string; exportUrl: string }) {
  const api = useWorkspaceApi();
  const { t, fmt } = useI18n();
  const [page, setPage] = useState<Page | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    let live = true;
    api.segmentMembers(id, null).then(
      (p) => live && setPage(p),
      (err: unknown) => live && setError(err),
    );
    return () => {
      live = false;
    };
  }, [api, id]);

  async function loadMore() {
    const cursor = page?.nextCursor;
    if (cursor == null) return;
    setLoading(true);
    setError(null);
    try {
      const next = await api.segmentMembers(id, cursor);
      setPage((prev) => ({
        members: [...(prev?.members ?? []), ...next.members],
        nextCursor: next.nextCursor,
      }));
    } catch (err) {
      setError(err);
    } finally {
      setLoading(false);
    }
  }

  const members = page?.members ?? [];
  return (
    <section className="card" data-testid="segment-members">
      <div className="card-head">
        <h2>{t('segment.members')}</h2>
        {page !== null ? (
          <span className="muted small" data-testid="members-shown">
            {t('segment.membersShown', { count: fmt.number(members.length) })}
          </span>
        ) : null}
        {/* A plain link: the browser downloads with the session cookie, no script involved. */}
        <a className="button small push-end" href={exportUrl} download data-testid="segment-export">
          {t('segment.export')}
        </a>
      </div>
      <ErrorNote error={error} />
      {page === null && error === null ? <p className="muted">{t('common.loading')}</p> : null}
      {page !== null && members.length === 0 ? <p className="empty">{t('segment.noMembers')}</p> : null}
      {members.length > 0 ? <ProfilesTable profiles={members} /> : null}
      {page?.nextCursor ? (
        <button
          type="button"
          className="more"
          disabled={loading}
          onClick={loadMore}
          data-testid="members-more"
        >
          {loading ? t('common.loading') : t('common.loadMore')}
        </button>
      ) : null}
    </section>
  );
}
