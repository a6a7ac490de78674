import { useI18n } from '../i18n/i18n-provider.js';
import { isLocale, LOCALES } from '../i18n/messages.js';

export function LanguageSwitch() {
  const { locale, setLocale, t } = useI18n();
  return (
    <select
      className="compact"
      aria-label={t('lang.label')}
      value={locale}
      onChange={(e) => isLocale(e.target.value) && setLocale(e.target.value)}
      data-testid="language-switch"
    >
      {LOCALES.map((l) => (
        <option key={l} value={l}>
          {t(`lang.${l}`)}
        </option>
      ))}
    </select>
  );
}
