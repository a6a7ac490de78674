import type { Profile } from '../../api/api-contract.js';
import { useI18n } from '../../i18n/i18n-provider.js';

export function IdentitiesPanel({ profile }: { profile: Profile }) {
  const { t, fmt } = useI18n();
  return (
    <section className="card">
      <h2>{t('identities.title')}</h2>
      {profile.identities.length === 0 ? (
        <p className="empty">{t('identities.empty')}</p>
      ) : (
        <ul className="plain" data-testid="identities">
          {profile.identities.map((id) => (
            <li key={`${id.type}:${id.value}`}>
              <span className="badge">{t(id.type === 'user' ? 'identities.user' : 'identities.anon')}</span>{' '}
              <span className="mono">{id.value}</span>{' '}
              <span className="muted small">
                {t('identities.firstSeen', { date: fmt.dateTime(id.firstSeen) })}
              </span>
            </li>
          ))}
        </ul>
      )}
      <h3>{t('merged.title')}</h3>
      {profile.mergedFrom.length === 0 ? (
        <p className="muted small">{t('merged.empty')}</p>
      ) : (
        <ul className="plain" data-testid="merged-from">
          {profile.mergedFrom.map((id) => (
            <li key={id} className="mono">
              {id}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
