import { useCallback, useEffect, useState } from 'react';
import type { ApiKey, CreatedKey } from '../../api/api-contract.js';
import { ErrorNote } from '../../components/error-note.js';
import { useI18n } from '../../i18n/i18n-provider.js';
import { useWorkspaceApi } from '../../session/session-context.js';
import { CreateKeyForm } from './create-key-form.js';

export function KeysPanel({ onCreated }: { onCreated(created: CreatedKey): void }) {
  const api = useWorkspaceApi();
  const { t, fmt } = useI18n();
  const [keys, setKeys] = useState<ApiKey[] | null>(null);
  const [error, setError] = useState<unknown>(null);

  const reload = useCallback(async () => {
    try {
      setKeys((await api.listKeys()).keys);
    } catch (err) {
      setError(err);
    }
  }, [api]);

  useEffect(() => {
    void reload();
  }, [reload]);

  async function revoke(key: ApiKey) {
    if (!window.confirm(t('keys.confirmRevoke', { name: key.name }))) return;
    setError(null);
    try {
      await api.revokeKey(key.id);
      await reload();
    } catch (err) {
      setError(err);
    }
  }

  return (
    <section className="card" data-testid="keys-panel">
      <h2>{t('keys.title')}</h2>
      <CreateKeyForm
        onCreated={(created) => {
          setKeys((prev) => [created.key, ...(prev ?? [])]);
          onCreated(created);
        }}
      />
      <ErrorNote error={error} />
      {keys !== null && keys.length === 0 ? <p className="empty">{t('keys.empty')}</p> : null}
      {keys !== null && keys.length > 0 ? (
        <div className="table-wrap">
          <table className="data" data-testid="keys-table">
            <thead>
              <tr>
                <th>{t('keys.name')}</th>
                <th>{t('keys.type')}</th>
                <th>{t('keys.prefix')}</th>
                <th>{t('keys.created')}</th>
                <th>{t('keys.status')}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {keys.map((k) => (
                <tr key={k.id} className={k.revokedAt === null ? undefined : 'revoked'} data-testid="key-row">
                  <td>{k.name}</td>
                  <td>{t(k.type === 'write' ? 'keys.type.write' : 'keys.type.secret')}</td>
                  <td className="mono">{k.prefix}…</td>
                  <td>{fmt.dateTime(k.createdAt)}</td>
                  <td>
                    {k.revokedAt === null
                      ? t('keys.active')
                      : t('keys.revoked', { date: fmt.dateTime(k.revokedAt) })}
                  </td>
                  <td className="actions">
                    {k.revokedAt === null ? (
                      <button
                        type="button"
                        className="small danger"
                        onClick={() => revoke(k)}
                        data-testid="key-revoke"
                      >
                        {t('keys.revoke')}
                      </button>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}
