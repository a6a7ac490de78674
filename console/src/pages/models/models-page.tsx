import { useState } from 'react';
import { useT } from '../../i18n/i18n-provider.js';
import { DistributionPanel } from './distribution-panel.js';
import { LifecyclePanel } from './lifecycle-panel.js';
import { ModelSettingsPanel } from './model-settings-panel.js';
import { RfmPanel } from './rfm-panel.js';

/**
 * The built-in user models: RFM, lifecycle stages, activity and spending, and their settings.
 * Every group count leads to the group's members (the model segment `<model>:<value>`).
 */
export function ModelsPage() {
  const t = useT();
  // Bumped after the settings are saved, so every report is read again.
  const [generation, setGeneration] = useState(0);
  return (
    <section className="page" data-testid="models-page">
      <div className="page-head">
        <h1>{t('models.title')}</h1>
        <span className="muted">{t('models.intro')}</span>
      </div>
      <RfmPanel key={`rfm-${generation}`} />
      <LifecyclePanel key={`lifecycle-${generation}`} />
      <DistributionPanel key={`distribution-${generation}`} />
      <ModelSettingsPanel onSaved={() => setGeneration((g) => g + 1)} />
    </section>
  );
}
