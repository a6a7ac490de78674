import { type FormEvent, useState } from 'react';
import type { List } from '../../api/segments-contract.js';
import { ErrorNote } from '../../components/error-note.js';
import { useT } from '../../i18n/i18n-provider.js';
import { useWorkspaceApi } from '../../session/session-context.js';
import { IdsInput } from './ids-input.js';
import { parseIds } from './parse-ids.js';

export function CreateListForm({ onCreated }: { onCreated(list: List): void }) {
  const api = useWorkspaceApi();
  const t = useT();
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [ids, setIds] = useState('');
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>(null);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setSaving(true);
    setError(null);
    try {
      onCreated(await api.createList(name.trim(), description.trim(), parseIds(ids)));
      setName('');
      setDescription('');
      setIds('');
    } catch (err) {
      setError(err);
    } finally {
      setSaving(false);
    }
  }

  return (
    <form className="card form-grid" onSubmit={submit} data-testid="list-create">
      <h2>{t('lists.create')}</h2>
      <label>
        {t('lists.name')}
        <input
          required
          maxLength={200}
          value={name}
          onChange={(e) => setName(e.target.value)}
          data-testid="list-name"
        />
      </label>
      <label>
        {t('lists.description')}
        <input
          maxLength={2000}
          value={description}
          onChange={(e) => setDescription(e.target.value)}
          data-testid="list-description"
        />
      </label>
      <IdsInput value={ids} onChange={setIds} testId="list-create" />
      <ErrorNote error={error} />
      <div className="form-actions">
        <button type="submit" className="primary" disabled={saving} data-testid="list-create-submit">
          {saving ? t('common.saving') : t('lists.create')}
        </button>
      </div>
    </form>
  );
}
