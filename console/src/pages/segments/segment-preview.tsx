import { useEffect, useState } from 'react';
import { type Issue, isAbort, issuesOf } from '../../api/api-client.js';
import type { Definition, SegmentPreview as Preview } from '../../api/segments-contract.js';
import { ErrorNote } from '../../components/error-note.js';
import { useDebounced } from '../../hooks/use-debounced.js';
import { useI18n } from '../../i18n/i18n-provider.js';
import { hrefFor } from '../../router.js';
import { useWorkspaceApi } from '../../session/session-context.js';
import { IssueList } from './issue-list.js';

const SAMPLE = 10;

interface Props {
  definition: Definition;
  /** The server's issues with the definition, or none once it is valid again. */
  onIssues(issues: Issue[]): void;
}

/** The live size of the definition being edited: re-evaluated half a second after the last change. */
export function SegmentPreview({ definition, onIssues }: Props) {
  const api = useWorkspaceApi();
  const { t, fmt } = useI18n();
  const settled = useDebounced(definition, 500);
  const [preview, setPreview] = useState<Preview | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(false);
  const empty = isEmptyGroup(settled);

  useEffect(() => {
    if (empty) {
      setPreview(null);
      setError(null);
      onIssues([]);
      return;
    }
    const controller = new AbortController();
    setLoading(true);
    api.previewSegment(settled, SAMPLE, controller.signal).then(
      (p) => {
        setPreview(p);
        setError(null);
        setLoading(false);
        onIssues([]);
      },
      (err: unknown) => {
        if (isAbort(err)) return;
        setPreview(null);
        setError(err);
        setLoading(false);
        onIssues(issuesOf(err, 'definition'));
      },
    );
    return () => controller.abort();
  }, [api, settled, empty, onIssues]);

  const issues = issuesOf(error, 'definition');
  const stale = loading || settled !== definition;
  return (
    <aside className="card preview" data-testid="segment-preview" aria-busy={stale}>
      <h2>{t('preview.title')}</h2>
      {empty ? <p className="muted">{t('preview.empty')}</p> : null}
      {preview !== null ? (
        <>
          <p className={stale ? 'preview-size stale' : 'preview-size'}>
            <span className="stat" data-testid="preview-size">
              {fmt.number(preview.size)}
            </span>{' '}
            <span className="muted" data-testid="preview-profiles">
              {t('preview.ofProfiles', {
                count: fmt.number(preview.profiles),
                percent: fmt.number(preview.profiles === 0 ? 0 : (100 * preview.size) / preview.profiles),
              })}
            </span>
          </p>
          {preview.sample.length > 0 ? (
            <>
              <h3>{t('preview.sample')}</h3>
              <ul className="plain" data-testid="preview-sample">
                {preview.sample.map((id) => (
                  <li key={id}>
                    <a className="mono" href={hrefFor({ name: 'profile', id })}>
                      {id}
                    </a>
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </>
      ) : null}
      {stale && preview === null && !empty ? <p className="muted">{t('common.loading')}</p> : null}
      {issues.length > 0 ? (
        <IssueList title={t('preview.invalid')} issues={issues} testId="preview-issues" />
      ) : (
        <ErrorNote error={error} />
      )}
    </aside>
  );
}

/** A definition whose root is a group without conditions: nothing to evaluate yet. */
export function isEmptyGroup(definition: Definition): boolean {
  const root = definition.root;
  return (root.type === 'and' || root.type === 'or') && root.children.length === 0;
}
