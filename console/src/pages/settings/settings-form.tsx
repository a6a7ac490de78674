import { type FormEvent, useState } from 'react';
import { issuesOf } from '../../api/api-client.js';
import type { SettingKey, WorkspaceSettings } from '../../api/settings-contract.js';
import { ErrorNote } from '../../components/error-note.js';
import { useT } from '../../i18n/i18n-provider.js';
import { useWorkspaceApi } from '../../session/session-context.js';
import { SettingField } from './setting-field.js';
import { changedSettings, type Draft, fieldsOf, SECTIONS, settingOf, settingText } from './setting-fields.js';

/**
 * The settings as a form. Saving sends only the settings changed; the server's validation issues
 * (JSON pointers such as `/orderEvents/0`) are shown at the setting they name.
 */
export function SettingsForm({
  saved,
  canEdit,
  onSaved,
}: {
  saved: WorkspaceSettings;
  canEdit: boolean;
  onSaved(settings: WorkspaceSettings): void;
}) {
  const api = useWorkspaceApi();
  const t = useT();
  const [draft, setDraft] = useState<Draft>({});
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<unknown>(null);
  const [done, setDone] = useState(false);
  const changes = changedSettings(saved, draft);
  const changed = Object.keys(changes).length > 0;
  const issues = issuesOf(saveError);
  const unplaced = issues.filter((i) => settingOf(i) === null);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!changed) return;
    setSaving(true);
    setSaveError(null);
    setDone(false);
    try {
      onSaved(await api.patchSettings(changes));
      setDraft({});
      setDone(true);
    } catch (err) {
      setSaveError(err);
    } finally {
      setSaving(false);
    }
  }

  const edit = (key: SettingKey, text: string) => {
    setDraft((d) => ({ ...d, [key]: text }));
    setDone(false);
  };

  return (
    <form className="settings-form" onSubmit={submit} data-testid="settings-form">
      {canEdit ? null : (
        <p className="muted" data-testid="settings-read-only">
          {t('workspaceSettings.readOnly')}
        </p>
      )}
      {SECTIONS.map((section) => (
        <section key={section} className="card" data-testid={`settings-section-${section}`}>
          <h2>{t(`workspaceSettings.section.${section}`)}</h2>
          <div className="setting-grid">
            {fieldsOf(section).map((key) => (
              <SettingField
                key={key}
                setting={key}
                text={draft[key] ?? settingText(saved[key])}
                isList={Array.isArray(saved[key])}
                readOnly={!canEdit}
                messages={issues.filter((i) => settingOf(i) === key).map((i) => i.message)}
                onChange={(text) => edit(key, text)}
              />
            ))}
          </div>
        </section>
      ))}
      {canEdit ? (
        <div className="card settings-actions">
          <p className="muted small">{t('workspaceSettings.effect')}</p>
          {issues.length > 0 ? (
            <div className="error" role="alert" data-testid="settings-invalid">
              {t('workspaceSettings.invalid')}
              {unplaced.length > 0 ? (
                <ul className="issue-list">
                  {unplaced.map((i) => (
                    <li key={`${i.path} ${i.message}`}>
                      <span className="mono">{i.path}</span> {i.message}
                    </li>
                  ))}
                </ul>
              ) : null}
            </div>
          ) : (
            <ErrorNote error={saveError} />
          )}
          {done ? (
            <p className="notice" role="status" data-testid="settings-saved">
              {t('workspaceSettings.saved')}
            </p>
          ) : null}
          <div className="form-actions">
            <button
              type="submit"
              className="primary"
              disabled={saving || !changed}
              data-testid="settings-save"
            >
              {saving ? t('common.saving') : t('common.save')}
            </button>
            {changed ? (
              <button
                type="button"
                disabled={saving}
                onClick={() => {
                  setDraft({});
                  setSaveError(null);
                }}
                data-testid="settings-reset"
              >
                {t('common.cancel')}
              </button>
            ) : null}
          </div>
        </div>
      ) : null}
    </form>
  );
}
