import { useEffect, useMemo, useRef, useState } from 'react';
import { isAbort } from '../../api/api-client.js';
import type { ProfileList } from '../../api/api-contract.js';
import { ErrorNote } from '../../components/error-note.js';
import { useDebounced } from '../../hooks/use-debounced.js';
import { useI18n } from '../../i18n/i18n-provider.js';
import { useWorkspaceApi } from '../../session/session-context.js';
import { ProfileFilterBar } from './profile-filter-bar.js';
import { loadFilters, saveFilters, toQuery } from './profile-filters.js';
import { ProfilesTable } from './profiles-table.js';

const PAGE_SIZE = 50;

export function ProfilesPage() {
  const api = useWorkspaceApi();
  const { t, fmt } = useI18n();
  const [filters, setFilters] = useState(loadFilters);
  const settled = useDebounced(filters, 300);
  const query = useMemo(() => ({ ...toQuery(settled), limit: PAGE_SIZE }), [settled]);

  const [list, setList] = useState<ProfileList | null>(null);
  const [loading, setLoading] = useState(true);
  const [loadingMore, setLoadingMore] = useState(false);
  const [error, setError] = useState<unknown>(null);
  // Bumped per query so a "load more" answer that arrives after the filters changed is dropped.
  const generation = useRef(0);

  useEffect(() => saveFilters(filters), [filters]);

  useEffect(() => {
    const controller = new AbortController();
    generation.current++;
    setLoading(true);
    setError(null);
    api.listProfiles(query, controller.signal).then(
      (page) => {
        setList(page);
        setLoading(false);
      },
      (err: unknown) => {
        if (isAbort(err)) return;
        setError(err);
        setLoading(false);
      },
    );
    return () => controller.abort();
  }, [api, query]);

  async function loadMore() {
    const cursor = list?.nextCursor;
    if (cursor == null) return;
    const gen = generation.current;
    setLoadingMore(true);
    try {
      const page = await api.listProfiles({ ...query, cursor });
      if (gen !== generation.current) return;
      setList((prev) => ({
        profiles: [...(prev?.profiles ?? []), ...page.profiles],
        nextCursor: page.nextCursor,
      }));
    } catch (err) {
      setError(err);
    } finally {
      setLoadingMore(false);
    }
  }

  const profiles = list?.profiles ?? [];
  return (
    <section className="page" data-testid="profiles-page" aria-busy={loading}>
      <div className="page-head">
        <h1>{t('profiles.title')}</h1>
        {list !== null ? (
          <span className="muted" data-testid="profiles-count">
            {t('profiles.count', { count: fmt.number(profiles.length) })}
          </span>
        ) : null}
      </div>
      <ProfileFilterBar filters={filters} onChange={setFilters} />
      <ErrorNote error={error} />
      {list === null && loading ? <p className="muted">{t('common.loading')}</p> : null}
      {list !== null && profiles.length === 0 && !loading ? (
        <p className="empty" data-testid="profiles-empty">
          {t('profiles.empty')}
        </p>
      ) : null}
      {profiles.length > 0 ? <ProfilesTable profiles={profiles} /> : null}
      {list?.nextCursor ? (
        <button
          type="button"
          className="more"
          disabled={loadingMore}
          onClick={loadMore}
          data-testid="load-more"
        >
          {loadingMore ? t('common.loading') : t('common.loadMore')}
        </button>
      ) : null}
    </section>
  );
}
