import type { Profile } from '../../api/api-contract.js';
import { EMPTY } from '../../i18n/format.js';
import { useT } from '../../i18n/i18n-provider.js';
import { profileName } from './profile-name.js';

export function ProfileHeader({ profile }: { profile: Profile }) {
  const t = useT();
  const name = profileName(profile);
  const fields = [
    { label: t('profile.email'), value: profile.email, testId: 'profile-email' },
    { label: t('profile.phone'), value: profile.phone, testId: 'profile-phone' },
    { label: t('profile.userId'), value: profile.userId, testId: 'profile-user-id' },
    { label: t('profile.profileId'), value: profile.profileId, testId: 'profile-id' },
  ];
  return (
    <header className="card profile-head">
      <div className="avatar" aria-hidden="true">
        {(name ?? profile.email ?? '?').slice(0, 1).toUpperCase()}
      </div>
      <div>
        <h1 data-testid="profile-name">
          {name ?? profile.email ?? profile.userId ?? t('profiles.anonymous')}
        </h1>
        <dl className="inline-fields">
          {fields.map((f) => (
            <div key={f.testId}>
              <dt>{f.label}</dt>
              <dd className="mono" data-testid={f.testId}>
                {f.value || EMPTY}
              </dd>
            </div>
          ))}
        </dl>
      </div>
    </header>
  );
}
