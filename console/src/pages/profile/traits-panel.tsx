import { useState } from 'react';
import type { Profile } from '../../api/api-contract.js';
import { ErrorNote } from '../../components/error-note.js';
import { useT } from '../../i18n/i18n-provider.js';
import { useWorkspaceApi } from '../../session/session-context.js';
import { AddTraitForm } from './add-trait-form.js';
import { TraitRow } from './trait-row.js';

interface Props {
  profile: Profile;
  onProfile(profile: Profile): void;
}

export function TraitsPanel({ profile, onProfile }: Props) {
  const api = useWorkspaceApi();
  const t = useT();
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const keys = Object.keys(profile.traits).sort();

  /** `null` removes the trait. The server's answer replaces the page's profile, so what is shown is what was stored. */
  async function save(key: string, value: unknown): Promise<boolean> {
    setNotice(null);
    setError(null);
    try {
      const { profile: updated } = await api.patchTraits(profile.profileId, { [key]: value });
      onProfile(updated);
      setNotice(t(value === null ? 'traits.removed' : 'traits.saved', { key }));
      return true;
    } catch (err) {
      setError(err);
      return false;
    }
  }

  function remove(key: string) {
    if (window.confirm(t('traits.confirmRemove', { key }))) void save(key, null);
  }

  return (
    <section className="card" data-testid="traits-panel">
      <h2>{t('traits.title')}</h2>
      {notice !== null ? (
        <p className="notice" role="status" data-testid="trait-notice">
          {notice}
        </p>
      ) : null}
      <ErrorNote error={error} />
      {keys.length === 0 ? (
        <p className="empty">{t('traits.empty')}</p>
      ) : (
        <div className="table-wrap">
          <table className="data" data-testid="traits-table">
            <thead>
              <tr>
                <th>{t('traits.key')}</th>
                <th>{t('traits.value')}</th>
                <th>{t('traits.updated')}</th>
                <th>{t('traits.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {keys.map((key) => (
                <TraitRow
                  key={key}
                  name={key}
                  value={profile.traits[key]}
                  updatedAt={profile.traitUpdatedAt[key]}
                  onSave={(value) => save(key, value)}
                  onRemove={() => remove(key)}
                />
              ))}
            </tbody>
          </table>
        </div>
      )}
      <AddTraitForm onAdd={save} />
      <p className="muted small">{t('traits.hint')}</p>
    </section>
  );
}
