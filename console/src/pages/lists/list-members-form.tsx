import { type FormEvent, useState } from 'react';
import type { List, ListMembersMode, ListMembersResult } from '../../api/segments-contract.js';
import { ErrorNote } from '../../components/error-note.js';
import { useI18n } from '../../i18n/i18n-provider.js';
import { useWorkspaceApi } from '../../session/session-context.js';
import { IdsInput } from './ids-input.js';
import { parseIds } from './parse-ids.js';

/** Replaces a list's members or appends to them, then tells which ids matched no profile. */
export function ListMembersForm({ list, onSaved }: { list: List; onSaved(list: List): void }) {
  const api = useWorkspaceApi();
  const { t, fmt } = useI18n();
  const [ids, setIds] = useState('');
  const [mode, setMode] = useState<ListMembersMode>('append');
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [result, setResult] = useState<ListMembersResult | null>(null);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (mode === 'replace' && !window.confirm(t('lists.confirmReplace', { name: list.name }))) return;
    setSaving(true);
    setError(null);
    try {
      const saved = await api.setListMembers(list.id, parseIds(ids), mode);
      setResult(saved);
      setIds('');
      onSaved(saved.list);
    } catch (err) {
      setError(err);
    } finally {
      setSaving(false);
    }
  }

  return (
    <form className="list-members" onSubmit={submit} data-testid="list-members-form">
      <IdsInput value={ids} onChange={setIds} testId="list-members" />
      <div className="form-actions">
        <select
          aria-label={t('lists.mode')}
          value={mode}
          onChange={(e) => setMode(e.target.value === 'replace' ? 'replace' : 'append')}
          data-testid="list-members-mode"
        >
          <option value="append">{t('lists.mode.append')}</option>
          <option value="replace">{t('lists.mode.replace')}</option>
        </select>
        <button type="submit" className="primary small" disabled={saving} data-testid="list-members-submit">
          {saving ? t('common.saving') : t('common.save')}
        </button>
      </div>
      <ErrorNote error={error} />
      {result !== null ? (
        <div className="notice" role="status" data-testid="list-members-result">
          {t('lists.matched', { matched: fmt.number(result.matched), size: fmt.number(result.list.size) })}
          {result.unmatched.length > 0 ? (
            <>
              <p className="small">{t('lists.unmatchedIds')}</p>
              <p className="mono small unmatched">{result.unmatched.join(', ')}</p>
            </>
          ) : null}
        </div>
      ) : null}
    </form>
  );
}
