import { type FormEvent, useState } from 'react';
import { useT } from '../../i18n/i18n-provider.js';
import { textToTrait } from './trait-value.js';

export function AddTraitForm({ onAdd }: { onAdd(key: string, value: unknown): Promise<boolean> }) {
  const t = useT();
  const [key, setKey] = useState('');
  const [value, setValue] = useState('');
  const [saving, setSaving] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const name = key.trim();
    if (name === '') return;
    setSaving(true);
    const saved = await onAdd(name, textToTrait(value, undefined));
    setSaving(false);
    if (saved) {
      setKey('');
      setValue('');
    }
  }

  return (
    <form className="add-trait" onSubmit={submit}>
      <input
        required
        placeholder={t('traits.newKey')}
        aria-label={t('traits.newKey')}
        value={key}
        onChange={(e) => setKey(e.target.value)}
        data-testid="trait-add-key"
      />
      <input
        placeholder={t('traits.newValue')}
        aria-label={t('traits.newValue')}
        value={value}
        onChange={(e) => setValue(e.target.value)}
        data-testid="trait-add-value"
      />
      <button type="submit" className="small" disabled={saving} data-testid="trait-add-submit">
        {t('traits.add')}
      </button>
    </form>
  );
}
