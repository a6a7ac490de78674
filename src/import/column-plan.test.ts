import { describe, expect, test } from 'vitest';
import { ServiceError } from '../core/errors.js';
import type { ColumnMapping } from './column-mapping.js';
import { buildColumnPlan, type ImportKind } from './column-plan.js';

const codeOf = (kind: ImportKind, header: string[], mapping: ColumnMapping = {}) => {
  try {
    buildColumnPlan(kind, header, mapping);
  } catch (e) {
    if (e instanceof ServiceError) return e.code;
    throw e;
  }
  return 'ok';
};

describe('buildColumnPlan', () => {
  test('users: default names (any case) pick the roles, every other column is a trait', () => {
    const plan = buildColumnPlan('users', ['ID', 'Email', 'traits.plan', 'Created_At', 'notes', ''], {});
    expect(plan.roles).toEqual({ userId: 'ID', timestamp: 'Created_At' });
    expect(plan.fields).toEqual([
      { column: 'Email', target: 'traits', name: 'Email', type: 'string' },
      { column: 'traits.plan', target: 'traits', name: 'plan', type: 'string' },
      { column: 'notes', target: 'traits', name: 'notes', type: 'string' },
    ]);
    expect(plan.hashColumns).toEqual(['Created_At', 'Email', 'ID', 'notes', 'traits.plan']);
  });

  test('user_id wins over id; the other id column stays a trait', () => {
    const plan = buildColumnPlan('users', ['id', 'user_id'], {});
    expect(plan.roles.userId).toBe('user_id');
    expect(plan.fields.map((f) => f.name)).toEqual(['id']);
  });

  test('events: roles, prefixed columns, mapping renames, types and ignore', () => {
    const plan = buildColumnPlan(
      'events',
      ['anonymous_id', 'action', 'time', 'type', 'properties.total', 'traits.tier', 'sku', 'vip', 'tmp'],
      { event: 'action', properties: { sku: 'product_id' }, types: { vip: 'boolean' }, ignore: ['tmp'] },
    );
    expect(plan.roles).toEqual({
      anonymousId: 'anonymous_id',
      event: 'action',
      timestamp: 'time',
      type: 'type',
    });
    expect(plan.fields).toEqual([
      { column: 'properties.total', target: 'properties', name: 'total', type: 'auto' },
      { column: 'traits.tier', target: 'traits', name: 'tier', type: 'auto' },
      { column: 'sku', target: 'properties', name: 'product_id', type: 'auto' },
      { column: 'vip', target: 'properties', name: 'vip', type: 'boolean' },
    ]);
  });

  test('a column the mapping claims is not taken for a default role', () => {
    const plan = buildColumnPlan('events', ['user_id', 'event', 'type'], { properties: { type: 'kind' } });
    expect(plan.roles.type).toBeUndefined();
    expect(plan.fields).toEqual([{ column: 'type', target: 'properties', name: 'kind', type: 'auto' }]);
  });

  test.each<[string, ImportKind, string[], ColumnMapping]>([
    ['duplicate_column', 'users', ['user_id', 'a', 'a'], {}],
    ['missing_id_column', 'users', ['email'], {}],
    ['missing_id_column', 'events', ['id', 'event'], {}],
    ['missing_event_column', 'events', ['user_id', 'what'], {}],
    ['invalid_mapping', 'users', ['user_id'], { userId: 'customer_no' }],
    ['invalid_mapping', 'users', ['user_id', 'a'], { ignore: ['b'] }],
    ['invalid_mapping', 'users', ['user_id', 'a'], { traits: { a: 'x' }, ignore: ['a'] }],
    ['invalid_mapping', 'users', ['user_id', 'a'], { properties: { a: 'x' } }],
    ['invalid_mapping', 'users', ['user_id', 'a'], { types: { user_id: 'number' } }],
    ['invalid_mapping', 'users', ['user_id', 'email', 'traits.email'], {}],
    ['invalid_mapping', 'events', ['user_id', 'event', 'a', 'b'], { properties: { a: 'x', b: 'x' } }],
  ])('%s: %s %j %j', (code, kind, header, mapping) => {
    expect(codeOf(kind, header, mapping)).toBe(code);
  });
});
