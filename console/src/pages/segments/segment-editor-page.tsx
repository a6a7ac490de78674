import { useEffect, useMemo, useState } from 'react';
import { type Issue, isAbort, issuesOf } from '../../api/api-client.js';
import type { Definition, Node } from '../../api/segments-contract.js';
import { ErrorNote } from '../../components/error-note.js';
import { useT } from '../../i18n/i18n-provider.js';
import { hrefFor, navigate } from '../../router.js';
import { useWorkspaceApi } from '../../session/session-context.js';
import { ConditionBuilder } from './builder/condition-builder.js';
import { IssueList } from './issue-list.js';
import { isModelSegment } from './model-labels.js';
import { SegmentPreview } from './segment-preview.js';

interface Draft {
  name: string;
  description: string;
  root: Node;
}

const NEW_DRAFT: Draft = { name: '', description: '', root: { type: 'and', children: [] } };

/** The builder edits a group at the root; any other root is put in one (same meaning). */
function editableRoot(root: Node): Node {
  return root.type === 'and' || root.type === 'or' ? root : { type: 'and', children: [root] };
}

/** Creates a segment (`id` null) or edits one, with the live size of what is being built. */
export function SegmentEditorPage({ id }: { id: string | null }) {
  const api = useWorkspaceApi();
  const t = useT();
  const [draft, setDraft] = useState<Draft | null>(id === null ? NEW_DRAFT : null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [issues, setIssues] = useState<Issue[]>([]);
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<unknown>(null);

  useEffect(() => {
    if (id === null) return;
    const controller = new AbortController();
    api.getSegment(id, controller.signal).then(
      (s) => setDraft({ name: s.name, description: s.description, root: editableRoot(s.definition.root) }),
      (err: unknown) => {
        if (!isAbort(err)) setLoadError(err);
      },
    );
    return () => controller.abort();
  }, [api, id]);

  const root = draft?.root;
  const definition = useMemo<Definition | null>(
    () => (root === undefined ? null : { version: 1, root }),
    [root],
  );

  const back =
    id === null ? (
      <a className="back" href={hrefFor({ name: 'segments' })}>
        ← {t('segments.back')}
      </a>
    ) : (
      <a className="back" href={hrefFor({ name: 'segment', id })}>
        ← {t('editor.backToSegment')}
      </a>
    );

  if (id !== null && isModelSegment(id)) {
    return (
      <section className="page" data-testid="segment-editor">
        {back}
        <p className="empty">{t('segment.modelReadOnly')}</p>
      </section>
    );
  }
  if (draft === null || definition === null) {
    return (
      <section className="page" data-testid="segment-editor">
        {back}
        {loadError === null ? (
          <p className="muted">{t('common.loading')}</p>
        ) : (
          <ErrorNote error={loadError} />
        )}
      </section>
    );
  }

  async function save() {
    if (draft === null || definition === null) return;
    setSaving(true);
    setSaveError(null);
    try {
      const input = { name: draft.name, description: draft.description, definition };
      const saved = id === null ? await api.createSegment(input) : await api.updateSegment(id, input);
      navigate({ name: 'segment', id: saved.id });
    } catch (err) {
      setSaveError(err);
      const found = issuesOf(err, 'definition');
      if (found.length > 0) setIssues(found);
    } finally {
      setSaving(false);
    }
  }

  const saveIssues = issuesOf(saveError, 'definition');
  return (
    <section className="page" data-testid="segment-editor">
      {back}
      <h1>{t(id === null ? 'editor.newTitle' : 'editor.editTitle')}</h1>
      <div className="editor-layout">
        <div className="stack">
          <div className="card form-grid">
            <label>
              {t('editor.name')}
              <input
                required
                maxLength={200}
                value={draft.name}
                onChange={(e) => setDraft({ ...draft, name: e.target.value })}
                data-testid="segment-name"
              />
            </label>
            <label>
              {t('editor.description')}
              <textarea
                rows={2}
                maxLength={2000}
                value={draft.description}
                onChange={(e) => setDraft({ ...draft, description: e.target.value })}
                data-testid="segment-description"
              />
            </label>
          </div>
          <div className="card">
            <h2>{t('editor.conditions')}</h2>
            <ConditionBuilder
              root={draft.root}
              onChange={(next) => setDraft((d) => (d === null ? d : { ...d, root: next }))}
              issues={issues}
              selfId={id}
            />
            <details className="json-view">
              <summary className="json-summary muted small">{t('editor.json')}</summary>
              <pre data-testid="definition-json">{JSON.stringify(definition, null, 2)}</pre>
            </details>
          </div>
          {saveIssues.length > 0 ? (
            <IssueList title={t('editor.invalid')} issues={saveIssues} testId="save-issues" />
          ) : (
            <ErrorNote error={saveError} />
          )}
          <div className="form-actions">
            <button
              type="button"
              className="primary"
              disabled={saving || draft.name.trim() === ''}
              onClick={save}
              data-testid="segment-save"
            >
              {saving ? t('common.saving') : t('common.save')}
            </button>
            <a href={id === null ? hrefFor({ name: 'segments' }) : hrefFor({ name: 'segment', id })}>
              {t('common.cancel')}
            </a>
          </div>
        </div>
        <SegmentPreview definition={definition} onIssues={setIssues} />
      </div>
    </section>
  );
}
