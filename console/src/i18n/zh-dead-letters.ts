import type { DeadLetterMessageKey } from './en.js';

/** Simplified Chinese for the set-aside events; part of zh.ts, typed against en-dead-letters.ts. */
export const zhDeadLetters: Record<DeadLetterMessageKey, string> = {
  'deadLetters.heading': '已搁置的事件（{count}）',
  'deadLetters.help':
    '当某个存储单独拒收一个事件（其中有它无法保存的值）时，Tailor 会把这一个事件搁置，让同一批中的其他事件照常写入。你可以在这里查看它，在修复原因后重试，或将其丢弃。',
  'deadLetters.readOnly': '只有管理员可以重试或丢弃已搁置的事件。',
  'deadLetters.empty': '没有被搁置的事件。',
  'deadLetters.refresh': '刷新',
  'deadLetters.col.setAsideAt': '搁置时间',
  'deadLetters.col.messageId': '消息 ID',
  'deadLetters.col.event': '类型 / 事件',
  'deadLetters.col.user': '用户 ID 或匿名 ID',
  'deadLetters.col.store': '拒收的存储',
  'deadLetters.col.error': '错误',
  'deadLetters.store.state': '状态存储',
  'deadLetters.store.events': '事件存储',
  'deadLetters.error': '错误',
  'deadLetters.times': '时间（接收时的原值）',
  'deadLetters.time.timestamp': '事件时间',
  'deadLetters.time.originalTimestamp': '原始事件时间',
  'deadLetters.time.sentAt': '发送时间',
  'deadLetters.time.receivedAt': '接收时间',
  'deadLetters.record': '原始记录（接收时）',
  'deadLetters.retry': '重试',
  'deadLetters.drop': '丢弃',
  'deadLetters.confirmDrop': '确定永久丢弃事件“{messageId}”吗？它将不会再被写入。',
  'deadLetters.retried': '已重新提交写入。如果存储仍然拒收，它会以新的编号再次被搁置，刷新即可看到。',
  'deadLetters.dropped': '已丢弃“{messageId}”。',
};
