import type { SettingsMessageKey } from './en.js';

/** Simplified Chinese for the workspace settings page; part of zh.ts, typed against en-settings.ts. */
export const zhSettings: Record<SettingsMessageKey, string> = {
  'nav.settings': '设置',
  'workspaceSettings.title': '设置',
  'workspaceSettings.intro':
    'Tailor 如何解读本工作区的数据：使用的日历，以及哪些事件和属性算作订单、退款和兴趣。',
  'workspaceSettings.effect':
    '保存后会重新计算所有分群，可能需要一点时间。分群会立即按新设置计算；用户画像上的计算属性只对此后接入的事件按新设置计算。',
  'workspaceSettings.readOnly': '只有管理员可以修改这些设置。',
  'workspaceSettings.listHint': '每行一个。',
  'workspaceSettings.saved': '已保存，分群正按新设置重新计算。',
  'workspaceSettings.invalid': '部分设置无效，未做任何修改。请查看标出的字段。',

  'workspaceSettings.section.calendar': '日历与电话号码',
  'workspaceSettings.section.orders': '订单',
  'workspaceSettings.section.refunds': '退款',
  'workspaceSettings.section.interests': '兴趣',

  'workspaceSettings.timeZone': '时区',
  'workspaceSettings.timeZone.help':
    '工作区的一天从何时开始：活跃天数、活跃度和生日等周年日都按这个日历计算。“最近 7 天”这类时间窗口是时长，与时区无关。',
  'workspaceSettings.timeZone.now': '当地现在：{time}',
  'workspaceSettings.timeZone.unknown': '浏览器不认识这个时区。',
  'workspaceSettings.phoneRegion': '电话地区',
  'workspaceSettings.phoneRegion.help':
    '两位地区代码（CN、US、DE），用于解读没有国家代码的电话号码，这样“138 0013 8000”和“+86 138 0013 8000”会被视为同一个号码。',
  'workspaceSettings.phoneRegion.name': '地区：{name}',
  'workspaceSettings.orderEvents': '订单事件',
  'workspaceSettings.orderEvents.help':
    '算作订单的事件：订单数、消费总额、最近下单、RFM、生命周期阶段和消费水平。',
  'workspaceSettings.revenueProperties': '订单金额属性',
  'workspaceSettings.revenueProperties.help': '从哪些事件属性读取订单金额，按顺序取第一个为数值的属性。',
  'workspaceSettings.refundEvents': '退款事件',
  'workspaceSettings.refundEvents.help': '算作退款的事件：退款次数和退款金额。',
  'workspaceSettings.refundAmountProperties': '退款金额属性',
  'workspaceSettings.refundAmountProperties.help': '从哪些事件属性读取退款金额，按顺序取第一个为数值的属性。',
  'workspaceSettings.interestEvents': '兴趣事件',
  'workspaceSettings.interestEvents.help': '其品类表明用户兴趣的事件：用于偏好品类和分群中的兴趣条件。',
  'workspaceSettings.categoryProperty': '品类属性',
  'workspaceSettings.categoryProperty.help': '兴趣事件中表示品类的属性。',
};
