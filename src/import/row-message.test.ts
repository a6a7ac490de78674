import { describe, expect, test } from 'vitest';
import { buildColumnPlan } from './column-plan.js';
import { generatedMessageId, rowToMessage } from './row-message.js';

const ctx = { workspaceId: 'ws1', importId: 'imp_1', row: 3 };

describe('rowToMessage', () => {
  test('users: identify with trimmed text traits; empty cells left out', () => {
    const plan = buildColumnPlan('users', ['user_id', 'email', 'age', 'plan', 'created_at'], {});
    const out = rowToMessage(
      plan,
      { user_id: ' u1 ', email: ' A@B.co ', age: '42', plan: '  ', created_at: '1709281800' },
      ctx,
    );
    expect(out).toEqual({
      ok: true,
      message: {
        type: 'identify',
        messageId: expect.stringMatching(/^import-[0-9a-f]{32}$/),
        userId: 'u1',
        timestamp: '2024-03-01T08:30:00.000Z',
        traits: { email: 'A@B.co', age: '42' },
        context: { import: { id: 'imp_1', row: 3 } },
      },
    });
  });

  test('users: declared types convert, and a cell that is not of its type fails the row', () => {
    const plan = buildColumnPlan('users', ['user_id', 'age', 'vip'], {
      types: { age: 'number', vip: 'boolean' },
    });
    const ok = rowToMessage(plan, { user_id: 'u1', age: '42', vip: 'yes' }, ctx);
    expect(ok.ok && ok.message.traits).toEqual({ age: 42, vip: true });
    expect(rowToMessage(plan, { user_id: 'u1', age: 'forty', vip: 'yes' }, ctx)).toMatchObject({
      ok: false,
      code: 'invalid_value',
    });
  });

  test('events: track with numeric properties, prefixed traits and properties', () => {
    const plan = buildColumnPlan(
      'events',
      ['user_id', 'event', 'timestamp', 'revenue', 'zip', 'traits.plan', 'properties.name'],
      {},
    );
    const out = rowToMessage(
      plan,
      {
        user_id: 'u1',
        event: 'Order Completed',
        timestamp: '2024-03-01T08:30:00Z',
        revenue: '19.90',
        zip: '02134',
        'traits.plan': 'pro',
        'properties.name': 'x',
      },
      ctx,
    );
    expect(out.ok && out.message).toMatchObject({
      type: 'track',
      event: 'Order Completed',
      timestamp: '2024-03-01T08:30:00.000Z',
      properties: { revenue: 19.9, zip: '02134', name: 'x' },
      traits: { plan: 'pro' },
    });
  });

  test('events: the type column makes page calls named by the event column', () => {
    const plan = buildColumnPlan('events', ['anonymous_id', 'type', 'name', 'time'], {});
    const out = rowToMessage(
      plan,
      { anonymous_id: 'a1', type: 'Page', name: 'Pricing', time: '1709281800000' },
      ctx,
    );
    expect(out.ok && out.message).toMatchObject({ type: 'page', name: 'Pricing', anonymousId: 'a1' });
    expect(out.ok && out.message.event).toBeUndefined();
    expect(
      rowToMessage(plan, { anonymous_id: 'a1', type: 'purchase', name: 'x', time: '1709281800000' }, ctx),
    ).toMatchObject({
      ok: false,
      code: 'invalid_type',
    });
  });

  test('events: a bad or empty time fails the row', () => {
    const plan = buildColumnPlan('events', ['user_id', 'event', 'time'], {});
    expect(rowToMessage(plan, { user_id: 'u', event: 'e', time: 'last tuesday' }, ctx)).toMatchObject({
      ok: false,
      code: 'invalid_timestamp',
    });
    expect(rowToMessage(plan, { user_id: 'u', event: 'e', time: '' }, ctx)).toMatchObject({
      ok: false,
      code: 'missing_timestamp',
    });
  });

  test('a messageId column is used as is; empty cells fall back to a generated id', () => {
    const plan = buildColumnPlan('events', ['user_id', 'event', 'message_id'], {});
    const given = rowToMessage(plan, { user_id: 'u', event: 'e', message_id: 'm-1' }, ctx);
    expect(given.ok && given.message.messageId).toBe('m-1');
    const generated = rowToMessage(plan, { user_id: 'u', event: 'e', message_id: '' }, ctx);
    expect(generated.ok && generated.message.messageId).toMatch(/^import-/);
  });
});

describe('generatedMessageId', () => {
  const plan = buildColumnPlan('users', ['user_id', 'email', 'notes'], {});
  const id = generatedMessageId('ws1', plan, { user_id: 'u1', email: 'a@b.co', notes: '' });

  test('depends on content, not on column order, whitespace, empty cells or the mapping', () => {
    const reordered = buildColumnPlan('users', ['notes', 'email', 'user_id'], { ignore: ['notes'] });
    expect(generatedMessageId('ws1', reordered, { user_id: ' u1', email: 'a@b.co ' })).toBe(id);
  });

  test('differs by workspace, kind and any cell', () => {
    expect(generatedMessageId('ws2', plan, { user_id: 'u1', email: 'a@b.co' })).not.toBe(id);
    expect(generatedMessageId('ws1', plan, { user_id: 'u1', email: 'a@b.com' })).not.toBe(id);
    const asEvents = buildColumnPlan('events', ['user_id', 'email', 'notes'], { event: 'notes' });
    expect(generatedMessageId('ws1', asEvents, { user_id: 'u1', email: 'a@b.co' })).not.toBe(id);
  });
});
