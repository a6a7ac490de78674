import type { ProfileSummary } from '../../api/api-contract.js';
import { EMPTY } from '../../i18n/format.js';
import { useI18n } from '../../i18n/i18n-provider.js';
import { hrefFor, navigate } from '../../router.js';

export function ProfilesTable({ profiles }: { profiles: ProfileSummary[] }) {
  const { t, fmt } = useI18n();
  const orNone = <T,>(value: T | null, show: (v: T) => string) => (value === null ? EMPTY : show(value));

  return (
    <div className="table-wrap">
      <table className="data clickable" data-testid="profiles-table">
        <thead>
          <tr>
            <th>{t('profiles.col.profile')}</th>
            <th>{t('profiles.col.lastSeen')}</th>
            <th className="num">{t('profiles.col.events')}</th>
            <th className="num">{t('profiles.col.orders')}</th>
            <th className="num">{t('profiles.col.totalSpend')}</th>
            <th className="num">{t('profiles.col.aov')}</th>
            <th>{t('profiles.col.categories')}</th>
          </tr>
        </thead>
        <tbody>
          {profiles.map((p) => {
            const href = hrefFor({ name: 'profile', id: p.profileId });
            const c = p.computed;
            const details = [p.email, p.phone, p.userId].filter((x) => x !== null && x !== '');
            return (
              <tr
                key={p.profileId}
                onClick={() => navigate({ name: 'profile', id: p.profileId })}
                data-testid="profile-row"
                data-profile-id={p.profileId}
              >
                <td>
                  {/* A real link keeps keyboard access and "open in new tab"; the row click is a shortcut. */}
                  <a href={href} onClick={(e) => e.stopPropagation()} className="strong">
                    {p.name || details[0] || t('profiles.anonymous')}
                  </a>
                  <div className="muted small">{(p.name ? details : details.slice(1)).join(' · ')}</div>
                </td>
                <td>{orNone(c.lastSeen, fmt.dateTime)}</td>
                <td className="num">{fmt.number(c.eventCount)}</td>
                <td className="num">{fmt.number(c.orderCount)}</td>
                <td className="num" data-testid="profile-total-spend">
                  {fmt.money(c.totalSpend)}
                </td>
                <td className="num">{orNone(c.averageOrderValue, fmt.money)}</td>
                <td>
                  {c.topCategories.slice(0, 3).map((tc) => (
                    <span key={tc.category} className="chip">
                      {tc.category}
                    </span>
                  ))}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
