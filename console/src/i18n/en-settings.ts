/** English messages of the workspace settings page; part of en.ts. */
export const enSettings = {
  'nav.settings': 'Settings',
  'workspaceSettings.title': 'Settings',
  'workspaceSettings.intro':
    'How Tailor reads this workspace’s data: its calendar, and which events and properties count as orders, refunds and interests.',
  'workspaceSettings.effect':
    'Saving recomputes every segment, which may take a moment. Segments follow a change at once; the computed traits on profiles follow it for events ingested from then on.',
  'workspaceSettings.readOnly': 'Only admins can change these settings.',
  'workspaceSettings.listHint': 'One per line.',
  'workspaceSettings.saved': 'Saved. Segments are recomputed with the new settings.',
  'workspaceSettings.invalid': 'Some settings are not valid; nothing was changed. See the marked fields.',

  'workspaceSettings.section.calendar': 'Calendar and phone numbers',
  'workspaceSettings.section.orders': 'Orders',
  'workspaceSettings.section.refunds': 'Refunds',
  'workspaceSettings.section.interests': 'Interests',

  'workspaceSettings.timeZone': 'Time zone',
  'workspaceSettings.timeZone.help':
    'Where the workspace’s days begin: active days, activity levels and anniversaries such as birthdays are counted on this calendar. Windows such as “in the last 7 days” are durations and do not depend on it.',
  'workspaceSettings.timeZone.now': 'Now there: {time}',
  'workspaceSettings.timeZone.unknown': 'Not a time zone this browser knows.',
  'workspaceSettings.phoneRegion': 'Phone region',
  'workspaceSettings.phoneRegion.help':
    'Two-letter region code (CN, US, DE) for phone numbers written without a country code, so that “138 0013 8000” and “+86 138 0013 8000” are the same number.',
  'workspaceSettings.phoneRegion.name': 'Region: {name}',
  'workspaceSettings.orderEvents': 'Order events',
  'workspaceSettings.orderEvents.help':
    'Events that count as an order: order count, total spend, last order, RFM, lifecycle stages and spending levels.',
  'workspaceSettings.revenueProperties': 'Order amount properties',
  'workspaceSettings.revenueProperties.help':
    'The event properties an order’s amount is read from, in order: the first one holding a number counts.',
  'workspaceSettings.refundEvents': 'Refund events',
  'workspaceSettings.refundEvents.help': 'Events that count as a refund: refund count and refunded amount.',
  'workspaceSettings.refundAmountProperties': 'Refund amount properties',
  'workspaceSettings.refundAmountProperties.help':
    'The event properties a refund’s amount is read from, in order: the first one holding a number counts.',
  'workspaceSettings.interestEvents': 'Interest events',
  'workspaceSettings.interestEvents.help':
    'Events whose category shows what someone is interested in: top categories and the segments’ interest condition.',
  'workspaceSettings.categoryProperty': 'Category property',
  'workspaceSettings.categoryProperty.help': 'The property of interest events that names the category.',
};
