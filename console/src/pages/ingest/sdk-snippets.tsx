import { CopyButton } from '../../components/copy-button.js';
import { useT } from '../../i18n/i18n-provider.js';
import { sdkSnippets, WRITE_KEY_PLACEHOLDER } from './snippets.js';

/** `writeKey` is a key created on this page (and so known in full); otherwise a placeholder is shown. */
export function SdkSnippets({ writeKey }: { writeKey: string | null }) {
  const t = useT();
  const origin = window.location.origin;
  const snippets = sdkSnippets(origin, writeKey ?? WRITE_KEY_PLACEHOLDER);
  const endpoint = `${origin}/v1/batch`;

  return (
    <section className="card" data-testid="sdk-snippets">
      <h2>{t('snippets.title')}</h2>
      <p>{t('snippets.intro')}</p>
      <p>
        {t('snippets.endpoint')}: <code data-testid="ingest-endpoint">{endpoint}</code>{' '}
        <CopyButton text={endpoint} />
      </p>
      <p className="muted small">
        {writeKey === null
          ? t('snippets.placeholder', { placeholder: WRITE_KEY_PLACEHOLDER })
          : t('snippets.usingNewKey')}
      </p>
      {snippets.map((s) => (
        <div key={s.id} className="snippet">
          <div className="snippet-head">
            <h3>{t(`snippets.${s.id}`)}</h3>
            <CopyButton text={s.code} testId={`snippet-copy-${s.id}`} />
          </div>
          <pre data-testid={`snippet-${s.id}`}>{s.code}</pre>
        </div>
      ))}
    </section>
  );
}
