import type { MODEL_VALUES, ModelName } from '../dsl.js';

type Names = { [M in ModelName]: Record<(typeof MODEL_VALUES)[M][number], [en: string, zh: string]> };

/** Display names of the built-in models' groups, in English and Chinese. */
export const GROUP_NAMES: Names = {
  rfm_grid: {
    champions: ['Champions', '冠军客户'],
    loyal_customers: ['Loyal Customers', '忠诚客户'],
    potential_loyalists: ['Potential Loyalists', '潜在忠诚客户'],
    new_customers: ['New Customers', '新客户'],
    promising: ['Promising', '有潜力客户'],
    need_attention: ['Need Attention', '需要关注'],
    about_to_sleep: ['About to Sleep', '即将沉睡'],
    at_risk: ['At Risk', '有流失风险'],
    cant_lose_them: ["Can't Lose Them", '不能失去的客户'],
    hibernating: ['Hibernating', '休眠客户'],
    lost: ['Lost', '已流失'],
  },
  rfm_cn8: {
    important_value: ['Important value', '重要价值客户'],
    important_development: ['Important development', '重要发展客户'],
    important_retention: ['Important retention', '重要保持客户'],
    important_recovery: ['Important recovery', '重要挽留客户'],
    general_value: ['General value', '一般价值客户'],
    general_development: ['General development', '一般发展客户'],
    general_retention: ['General retention', '一般保持客户'],
    general_recovery: ['General recovery', '一般挽留客户'],
  },
  lifecycle: {
    prospect: ['Prospect', '潜在客户'],
    new: ['New', '新客户'],
    active: ['Active', '活跃客户'],
    loyal: ['Loyal', '忠诚客户'],
    at_risk: ['At risk', '流失风险'],
    churned: ['Churned', '已流失'],
    won_back: ['Won back', '已召回'],
  },
  activity: {
    high: ['High activity', '高活跃'],
    medium: ['Medium activity', '中活跃'],
    low: ['Low activity', '低活跃'],
    dormant: ['Dormant', '沉睡'],
  },
  spending: {
    high: ['High spending power', '高消费力'],
    medium: ['Medium spending power', '中消费力'],
    low: ['Low spending power', '低消费力'],
  },
};

/** `lifecycle:new` → ['New', '新客户']; undefined for an id that is not a model group. */
export function groupName(segmentId: string): [string, string] | undefined {
  const [model, value] = segmentId.split(':') as [ModelName, string];
  const names = GROUP_NAMES[model] as Record<string, [string, string]> | undefined;
  return names?.[value];
}
