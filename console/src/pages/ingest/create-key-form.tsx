import { type FormEvent, useState } from 'react';
import type { CreatedKey, KeyType } from '../../api/api-contract.js';
import { CopyButton } from '../../components/copy-button.js';
import { ErrorNote } from '../../components/error-note.js';
import { useT } from '../../i18n/i18n-provider.js';
import { useWorkspaceApi } from '../../session/session-context.js';

export function CreateKeyForm({ onCreated }: { onCreated(created: CreatedKey): void }) {
  const api = useWorkspaceApi();
  const t = useT();
  const [type, setType] = useState<KeyType>('write');
  const [name, setName] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  // Held only in memory: the server cannot show it again, and it must not linger in storage.
  const [secret, setSecret] = useState<string | null>(null);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const created = await api.createKey(type, name.trim());
      setSecret(created.secret);
      setName('');
      onCreated(created);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <form className="inline-form" onSubmit={submit}>
        <select
          aria-label={t('keys.type')}
          value={type}
          onChange={(e) => setType(e.target.value === 'secret' ? 'secret' : 'write')}
          data-testid="key-create-type"
        >
          <option value="write">{t('keys.type.write')}</option>
          <option value="secret">{t('keys.type.secret')}</option>
        </select>
        <input
          required
          aria-label={t('keys.name')}
          placeholder={t('keys.namePlaceholder')}
          value={name}
          onChange={(e) => setName(e.target.value)}
          data-testid="key-create-name"
        />
        <button type="submit" className="primary small" disabled={busy} data-testid="key-create-submit">
          {t('keys.create')}
        </button>
      </form>
      <ErrorNote error={error} />
      {secret !== null ? (
        <div className="secret" role="status">
          <p className="secret-note">{t('keys.secretOnce')}</p>
          <div className="secret-line">
            <code data-testid="new-key-secret">{secret}</code>
            <CopyButton text={secret} testId="new-key-copy" />
            <button type="button" className="link" onClick={() => setSecret(null)}>
              {t('common.dismiss')}
            </button>
          </div>
        </div>
      ) : null}
    </>
  );
}
