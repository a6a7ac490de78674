import { describe, expect, it } from 'vitest';
import { ServiceError } from '../core/errors.js';
import type { Definition } from './dsl.js';
import { checkReferences, parseDefinition } from './parse-definition.js';

function issuesOf(fn: () => unknown): { path: string; message: string }[] {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(ServiceError);
    expect((e as ServiceError).code).toBe('invalid_definition');
    return ((e as ServiceError).details as { issues: { path: string; message: string }[] }).issues;
  }
  throw new Error('expected the definition to be refused');
}

const def = (root: unknown) => ({ version: 1, root });

describe('parseDefinition', () => {
  it('accepts a nested definition and freezes it', () => {
    const d = parseDefinition(
      def({
        type: 'and',
        children: [
          { type: 'trait', trait: 'plan', op: 'in', values: ['pro', 'team'] },
          {
            type: 'not',
            child: {
              type: 'no_event',
              event: 'Order Completed',
              window: { last: { amount: 30, unit: 'days' } },
            },
          },
          {
            type: 'sequence',
            first: { event: 'Product Added' },
            second: { event: 'Order Completed' },
            within: { amount: 2, unit: 'hours' },
          },
        ],
      }),
    );
    expect(Object.isFrozen(d.root)).toBe(true);
    expect(d.root.type === 'and' && d.root.children[2]).toMatchObject({ followed: true });
  });

  it.each([
    [def({ type: 'or', children: [{ type: 'bogus' }] }), '/root/children/0/type'],
    [def({ type: 'trait', trait: 'plan', op: 'like', value: 'x' }), '/root/op'],
    [
      def({ type: 'event', event: 'x', window: { last: { amount: 0, unit: 'days' } } }),
      '/root/window/last/amount',
    ],
    [
      def({ type: 'event', event: 'x', where: [{ property: 'p', op: 'in', values: [] }] }),
      '/root/where/0/values',
    ],
    [def({ type: 'computed', trait: 'shoe_size', op: 'gt', value: 1 }), '/root/trait'],
    [def({ type: 'bucket', salt: 's', from: 60, to: 10 }), '/root/from'],
    [
      def({ type: 'event', event: 'x', window: { between: { from: '2026-02-01', to: '2026-01-01' } } }),
      '/root/window/between',
    ],
    [def({ type: 'and', children: [] }), '/root/children'],
    [{ version: 2, root: { type: 'segment', segmentId: 'a' } }, '/version'],
    [def({ type: 'trait', trait: 'plan', op: 'eq', value: 'x', extra: 1 }), '/root'],
  ])('points at the offending node (%#)', (input, path) => {
    expect(issuesOf(() => parseDefinition(input)).map((i) => i.path)).toContain(path);
  });

  it('refuses trees nested too deep', () => {
    let root: unknown = { type: 'event', event: 'x' };
    for (let i = 0; i < 25; i++) root = { type: 'not', child: root };
    const issues = issuesOf(() => parseDefinition(def(root)));
    expect(issues).toHaveLength(1); // the first node too deep, not each one below it
    expect(issues[0]).toMatchObject({ path: `/root${'/child'.repeat(20)}` });
    expect(issues[0]!.message).toMatch(/deeper than 20/);
  });

  it('refuses hostile depth (100,000 levels) with the same error, not a stack overflow', () => {
    let root: unknown = { type: 'event', event: 'x' };
    for (let i = 0; i < 100_000; i++) root = { type: 'and', children: [root] };
    expect(issuesOf(() => parseDefinition(def(root)))).toEqual([
      { path: '/root', message: 'nested deeper than 20 levels' },
    ]);
  });
});

describe('checkReferences', () => {
  const ref = (id: string): Definition => ({ version: 1, root: { type: 'segment', segmentId: id } });
  const stored = new Map<string, Definition>([
    ['a', ref('b')],
    ['b', { version: 1, root: { type: 'event', event: 'x' } }],
  ]);
  const lookup = (id: string) => stored.get(id);

  it('accepts references to existing segments', () => {
    expect(() => checkReferences('c', ref('a'), lookup)).not.toThrow();
  });

  it('refuses unknown segments, self references and cycles, naming the path', () => {
    expect(issuesOf(() => checkReferences('c', ref('zzz'), lookup))[0]).toEqual({
      path: '/root',
      message: 'no segment "zzz" in this workspace',
    });
    expect(issuesOf(() => checkReferences('a', ref('a'), lookup))[0]!.message).toMatch(/itself/);
    // b → a would close a → b → a.
    expect(issuesOf(() => checkReferences('b', ref('a'), lookup))[0]!.message).toBe(
      'reference cycle: b → a → b',
    );
  });
});
