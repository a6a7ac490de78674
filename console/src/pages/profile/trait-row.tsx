import { useState } from 'react';
import { EMPTY } from '../../i18n/format.js';
import { useI18n } from '../../i18n/i18n-provider.js';
import { textToTrait, traitToText } from './trait-value.js';

interface Props {
  name: string;
  value: unknown;
  updatedAt: string | undefined;
  /** Resolves true once saved, so the row leaves edit mode only on success. */
  onSave(value: unknown): Promise<boolean>;
  onRemove(): void;
}

export function TraitRow({ name, value, updatedAt, onSave, onRemove }: Props) {
  const { t, fmt } = useI18n();
  const [draft, setDraft] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  async function save() {
    if (draft === null) return;
    setSaving(true);
    const saved = await onSave(textToTrait(draft, value));
    setSaving(false);
    if (saved) setDraft(null);
  }

  return (
    <tr data-testid="trait-row" data-trait-key={name}>
      <th scope="row" className="mono">
        {name}
      </th>
      <td>
        {draft === null ? (
          <span className="trait-value" data-testid="trait-value">
            {traitToText(value)}
          </span>
        ) : (
          <input
            // biome-ignore lint/a11y/noAutofocus: the user just pressed "edit" on this very field.
            autoFocus
            aria-label={name}
            value={draft}
            onChange={(e) => setDraft(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter') void save();
              if (e.key === 'Escape') setDraft(null);
            }}
            data-testid="trait-input"
          />
        )}
      </td>
      <td className="muted small">{updatedAt === undefined ? EMPTY : fmt.dateTime(updatedAt)}</td>
      <td className="actions">
        {draft === null ? (
          <>
            <button
              type="button"
              className="small"
              onClick={() => setDraft(traitToText(value))}
              data-testid="trait-edit"
            >
              {t('common.edit')}
            </button>
            <button type="button" className="small danger" onClick={onRemove} data-testid="trait-remove">
              {t('common.remove')}
            </button>
          </>
        ) : (
          <>
            <button
              type="button"
              className="small primary"
              disabled={saving}
              onClick={save}
              data-testid="trait-save"
            >
              {saving ? t('common.saving') : t('common.save')}
            </button>
            <button type="button" className="small" onClick={() => setDraft(null)} data-testid="trait-cancel">
              {t('common.cancel')}
            </button>
          </>
        )}
      </td>
    </tr>
  );
}
