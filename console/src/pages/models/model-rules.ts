import type { ModelSettings } from '../../api/segments-contract.js';
import type { I18n } from '../../i18n/i18n-provider.js';
import { modelGroupLabel } from '../segments/model-labels.js';

export type SettingsGroup = keyof ModelSettings;

export interface Rule {
  id: string;
  text: string;
}

/**
 * Each model's rules in words, from the settings as they stand in the form, so a changed number
 * reads back at once ("Loyal: at least 5 orders and last order within 90 days").
 */
export function modelRules(t: I18n['t'], s: ModelSettings): Record<SettingsGroup, Rule[]> {
  const group = (model: 'lifecycle' | 'activity' | 'spending', id: string, text: string): Rule => ({
    id,
    text: `${modelGroupLabel(t, model, id)}: ${text}`,
  });
  const l = s.lifecycle;
  const a = s.activity;
  return {
    rfm: [{ id: 'rfm', text: t('rule.rfm', { days: s.rfm.windowDays }) }],
    lifecycle: [
      group('lifecycle', 'prospect', t('rule.lifecycle.prospect')),
      group('lifecycle', 'new', t('rule.lifecycle.new', { newDays: l.newDays })),
      group('lifecycle', 'active', t('rule.lifecycle.active', { atRiskDays: l.atRiskDays })),
      group(
        'lifecycle',
        'loyal',
        t('rule.lifecycle.loyal', { orders: l.loyalOrders, atRiskDays: l.atRiskDays }),
      ),
      group(
        'lifecycle',
        'at_risk',
        t('rule.lifecycle.at_risk', { atRiskDays: l.atRiskDays, churnDays: l.churnDays }),
      ),
      group('lifecycle', 'churned', t('rule.lifecycle.churned', { churnDays: l.churnDays })),
      group('lifecycle', 'won_back', t('rule.lifecycle.won_back', { churnDays: l.churnDays })),
    ],
    activity: [
      group('activity', 'high', t('rule.activity.high', { days: a.highDays })),
      group('activity', 'medium', t('rule.activity.medium', { from: a.mediumDays, to: a.highDays - 1 })),
      group(
        'activity',
        'low',
        a.mediumDays > 1 ? t('rule.activity.low', { to: a.mediumDays - 1 }) : t('rule.activity.lowNone'),
      ),
      group('activity', 'dormant', t('rule.activity.dormant')),
    ],
    spending: [
      group(
        'spending',
        'high',
        t('rule.spending.high', { days: s.spending.windowDays, pct: s.spending.highPercentile }),
      ),
      group(
        'spending',
        'medium',
        t('rule.spending.medium', { pct: s.spending.mediumPercentile, high: s.spending.highPercentile }),
      ),
      group('spending', 'low', t('rule.spending.low')),
    ],
    interests: [
      { id: 'interests', text: t('rule.interests', { top: s.interests.top, days: s.interests.windowDays }) },
    ],
  };
}
