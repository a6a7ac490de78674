import { type FormEvent, useCallback, useState } from 'react';
import { type Issue, issuesOf } from '../../api/api-client.js';
import type { ModelSettings, ModelsConfig } from '../../api/segments-contract.js';
import { ErrorNote } from '../../components/error-note.js';
import { useLoad } from '../../hooks/use-load.js';
import { useT } from '../../i18n/i18n-provider.js';
import type { MessageKey } from '../../i18n/messages.js';
import { useWorkspaceApi } from '../../session/session-context.js';
import { modelRules, type SettingsGroup } from './model-rules.js';

type Field = {
  [G in SettingsGroup]: { group: G; field: keyof ModelSettings[G] & string; label: MessageKey };
}[SettingsGroup];

const GROUPS: ReadonlyArray<{ group: SettingsGroup; title: MessageKey; fields: readonly Field[] }> = [
  {
    group: 'rfm',
    title: 'models.rfm.title',
    fields: [{ group: 'rfm', field: 'windowDays', label: 'settings.windowDays' }],
  },
  {
    group: 'lifecycle',
    title: 'model.lifecycle',
    fields: [
      { group: 'lifecycle', field: 'newDays', label: 'settings.lifecycle.newDays' },
      { group: 'lifecycle', field: 'atRiskDays', label: 'settings.lifecycle.atRiskDays' },
      { group: 'lifecycle', field: 'churnDays', label: 'settings.lifecycle.churnDays' },
      { group: 'lifecycle', field: 'loyalOrders', label: 'settings.lifecycle.loyalOrders' },
    ],
  },
  {
    group: 'activity',
    title: 'model.activity',
    fields: [
      { group: 'activity', field: 'highDays', label: 'settings.activity.highDays' },
      { group: 'activity', field: 'mediumDays', label: 'settings.activity.mediumDays' },
    ],
  },
  {
    group: 'spending',
    title: 'model.spending',
    fields: [
      { group: 'spending', field: 'windowDays', label: 'settings.windowDays' },
      { group: 'spending', field: 'highPercentile', label: 'settings.spending.highPercentile' },
      { group: 'spending', field: 'mediumPercentile', label: 'settings.spending.mediumPercentile' },
    ],
  },
  {
    group: 'interests',
    title: 'models.interests',
    fields: [
      { group: 'interests', field: 'windowDays', label: 'settings.windowDays' },
      { group: 'interests', field: 'top', label: 'settings.interests.top' },
    ],
  },
];

function read(s: ModelSettings, f: Field): number {
  return (s[f.group] as Record<string, number>)[f.field] ?? Number.NaN;
}

function write(s: ModelSettings, f: Field, value: number): ModelSettings {
  return { ...s, [f.group]: { ...s[f.group], [f.field]: value } };
}

/** The models' settings as a form, each model's rules spelled out from the values being edited. */
export function ModelSettingsPanel({ onSaved }: { onSaved(): void }) {
  const api = useWorkspaceApi();
  const t = useT();
  const { data, error, setData } = useLoad(useCallback((signal) => api.getModels(signal), [api]));
  const [draft, setDraft] = useState<ModelSettings | null>(null);
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);

  if (data === null) {
    return (
      <section className="card" data-testid="model-settings">
        <h2>{t('models.settings')}</h2>
        {error === null ? <p className="muted">{t('common.loading')}</p> : <ErrorNote error={error} />}
      </section>
    );
  }
  const settings = draft ?? data.settings;
  const rules = modelRules(t, settings);
  const issues = issuesOf(saveError, 'settings');

  async function submit(e: FormEvent) {
    e.preventDefault();
    setSaving(true);
    setSaveError(null);
    setSaved(false);
    try {
      const next: ModelsConfig = await api.saveModelSettings(settings);
      setData(next);
      setDraft(null);
      setSaved(true);
      onSaved();
    } catch (err) {
      setSaveError(err);
    } finally {
      setSaving(false);
    }
  }

  const p = data.profileSettings;
  return (
    <form className="card" onSubmit={submit} data-testid="model-settings">
      <h2>{t('models.settings')}</h2>
      <p className="muted small">
        {t('models.settingsSource', {
          orders: p.orderEvents.join(', '),
          revenue: p.revenueProperties.join(', '),
          interests: p.interestEvents.join(', '),
          category: p.categoryProperty,
        })}
      </p>
      <div className="settings-groups">
        {GROUPS.map(({ group, title, fields }) => (
          <fieldset key={group} data-testid={`settings-${group}`}>
            <legend>{t(title)}</legend>
            <div className="settings-fields">
              {fields.map((f) => {
                const messages = fieldIssues(issues, f.group, f.field);
                return (
                  <label key={f.field}>
                    {t(f.label)}
                    <input
                      type="number"
                      step={1}
                      className="num-input"
                      value={Number.isFinite(read(settings, f)) ? read(settings, f) : ''}
                      onChange={(e) =>
                        setDraft(
                          write(settings, f, e.target.value === '' ? Number.NaN : Number(e.target.value)),
                        )
                      }
                      aria-invalid={messages.length > 0 ? true : undefined}
                      title={messages.join('\n') || undefined}
                      data-testid={`setting-${f.group}-${f.field}`}
                    />
                  </label>
                );
              })}
            </div>
            {fieldIssues(issues, group).map((m) => (
              <p key={m} className="issue" data-testid="settings-issue">
                {m}
              </p>
            ))}
            <ul className="rules" data-testid={`rules-${group}`}>
              {rules[group].map((r) => (
                <li key={r.id}>{r.text}</li>
              ))}
            </ul>
          </fieldset>
        ))}
      </div>
      {issues.length > 0 ? (
        <ul className="error issue-list" role="alert" data-testid="settings-issues">
          {issues.map((i) => (
            <li key={`${i.path} ${i.message}`}>
              <span className="mono">{i.path}</span> {i.message}
            </li>
          ))}
        </ul>
      ) : (
        <ErrorNote error={saveError} />
      )}
      {saved ? (
        <p className="notice" role="status" data-testid="settings-saved">
          {t('models.settingsSaved')}
        </p>
      ) : null}
      <div className="form-actions">
        <button
          type="submit"
          className="primary"
          disabled={saving || draft === null}
          data-testid="settings-save"
        >
          {saving ? t('common.saving') : t('common.save')}
        </button>
        {draft !== null ? (
          <button type="button" onClick={() => setDraft(null)} data-testid="settings-reset">
            {t('common.cancel')}
          </button>
        ) : null}
      </div>
    </form>
  );
}

/**
 * The messages for one field (`/lifecycle/newDays`), or with no field, for the group itself
 * (`/lifecycle`: a rule between its fields). The server may or may not prefix `/settings`.
 */
function fieldIssues(issues: readonly Issue[], group: string, field?: string): string[] {
  const own = field === undefined ? `/${group}` : `/${group}/${field}`;
  return issues.filter((i) => i.path === own || i.path === `/settings${own}`).map((i) => i.message);
}
