import { useT } from '../../i18n/i18n-provider.js';
import { parseIds } from './parse-ids.js';

/** Ids to paste, one per line, or to read from a .csv/.txt file chosen here. */
export function IdsInput({
  value,
  onChange,
  testId,
}: {
  value: string;
  onChange(text: string): void;
  testId: string;
}) {
  const t = useT();
  const count = parseIds(value).length;
  return (
    <div className="ids-input">
      <textarea
        rows={6}
        placeholder={t('lists.idsPlaceholder')}
        aria-label={t('lists.ids')}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        data-testid={`${testId}-ids`}
      />
      <div className="ids-foot">
        <label className="file-pick">
          {t('lists.chooseFile')}
          <input
            type="file"
            accept=".csv,.txt,text/csv,text/plain"
            onChange={(e) => {
              const file = e.target.files?.[0];
              // Cleared so that choosing the same file again (after editing it) reads it again.
              e.target.value = '';
              if (file !== undefined) void file.text().then(onChange);
            }}
            data-testid={`${testId}-file`}
          />
        </label>
        <span className="muted small" data-testid={`${testId}-count`}>
          {t('lists.idCount', { count })}
        </span>
      </div>
      <p className="ids-hint muted small">{t('lists.idsHint')}</p>
    </div>
  );
}
