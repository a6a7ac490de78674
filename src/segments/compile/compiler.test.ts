import { describe, expect, it } from 'vitest';
import { DEFAULT_PROFILE_SETTINGS } from '../../profiles/settings.js';
import { render } from '../../stores/events/sql.js';
import { MODEL_SEGMENTS } from '../engine/segment-engine.js';
import { DEFAULT_MODEL_SETTINGS } from '../models/model-settings.js';
import { clickhouseDialect } from './clickhouse-dialect.js';
import { type CompileContext, Compiler } from './compiler.js';
import { duckdbDialect } from './duckdb-dialect.js';

const ctx: CompileContext = {
  workspaceId: 'w',
  now: Date.UTC(2026, 10, 1),
  settings: DEFAULT_PROFILE_SETTINGS,
  monthDay: '11-01',
  definitionOf: () => undefined,
  listVersion: () => undefined,
  models: {
    settings: DEFAULT_MODEL_SETTINGS,
    params: {
      computedAt: 0,
      rfm: {
        customers: 10,
        cuts: { r: [], f: [], m: [] },
        averages: { lastOrderAt: 0, recencyDays: 0, frequency: 1, monetary: 1 },
      },
      spending: { spenders: 10, high: { v: 100, pid: 'p' }, medium: { v: 10, pid: 'p' } },
    },
  },
};

describe('Compiler: shared aggregate columns', () => {
  // Each use of an order's amount (total spend, the spending tiers, RFM's monetary) once had
  // a lambda of a fresh name, so equal aggregates never matched: one JSON parse per use.
  for (const dialect of [duckdbDialect, clickhouseDialect])
    it(`computes each distinct aggregate once (${dialect.name})`, () => {
      const c = new Compiler(dialect, ctx);
      for (const s of MODEL_SEGMENTS) c.definition(s.definition);
      for (let i = 0; i < 3; i++)
        c.definition({ version: 1, root: { type: 'computed', trait: 'total_spend', op: 'gte', value: 100 } });
      const texts = c.aggregateColumns().map((col) => render(col, (v) => JSON.stringify(v)).text);
      const bodies = texts.map((t) => t.replace(/ AS a\d+$/, ''));
      expect(new Set(bodies).size).toBe(bodies.length);
      const allTimeSpend = bodies.filter(
        (t) => /^sum(If)?\(/.test(t) && t.includes('revenue') && !t.includes('ts >='),
      );
      expect(allTimeSpend).toHaveLength(1);
    });
});
