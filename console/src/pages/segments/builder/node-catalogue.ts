import type { Node, NodeType } from '../../../api/segments-contract.js';

export type ConditionType = Exclude<NodeType, 'and' | 'or' | 'not'>;
export type Condition = Extract<Node, { type: ConditionType }>;

/** The condition types, in the families the type picker shows them in. */
export const CONDITION_FAMILIES = [
  { family: 'profile', types: ['trait', 'computed'] },
  {
    family: 'behaviour',
    types: ['event', 'no_event', 'first_event', 'last_event', 'aggregate', 'sequence', 'trend'],
  },
  { family: 'membership', types: ['segment', 'list', 'bucket'] },
  { family: 'models', types: ['model', 'rfm_score', 'interest'] },
] as const satisfies ReadonlyArray<{ family: string; types: readonly ConditionType[] }>;

export function isCondition(node: Node): node is Condition {
  return node.type !== 'and' && node.type !== 'or' && node.type !== 'not';
}

const lastDays = (amount: number) => ({ last: { amount, unit: 'days' as const } });

/**
 * A new condition of `type` with sensible defaults, keeping the event of `previous` when both
 * are about events (switching "performed" to "did not perform" keeps what was picked).
 */
export function newCondition(type: ConditionType, previous?: Node): Condition {
  const event = previous !== undefined && 'event' in previous ? previous.event : '';
  switch (type) {
    case 'trait':
      return { type, trait: '', op: 'eq', value: '' };
    case 'computed':
      return { type, trait: 'order_count', op: 'gte', value: 1 };
    case 'event':
      return { type, event, count: { op: 'at_least', value: 1 }, window: lastDays(30) };
    case 'no_event':
      return { type, event, window: lastDays(30) };
    case 'first_event':
      return { type, event, window: lastDays(7) };
    case 'last_event':
      return { type, event, olderThan: { amount: 30, unit: 'days' } };
    case 'aggregate':
      return {
        type,
        event,
        property: '',
        fn: 'sum',
        compare: { op: 'gte', value: 100 },
        window: lastDays(90),
      };
    case 'sequence':
      return {
        type,
        first: { event },
        second: { event: '' },
        within: { amount: 1, unit: 'days' },
        followed: true,
      };
    case 'trend':
      return {
        type,
        event,
        change: 'stopped',
        recent: { amount: 30, unit: 'days' },
        previous: { amount: 30, unit: 'days' },
      };
    case 'segment':
      return { type, segmentId: '' };
    case 'list':
      return { type, listId: '' };
    case 'bucket':
      return { type, salt: 'holdout', from: 0, to: 9 };
    case 'model':
      return { type, model: 'lifecycle', value: 'loyal' };
    case 'rfm_score':
      return { type, score: 'r', from: 4, to: 5 };
    case 'interest':
      return { type, category: '' };
  }
}
