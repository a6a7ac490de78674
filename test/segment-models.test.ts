import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StageChange } from '../src/segments/engine/segment-engine.js';
import { systemCtx } from '../src/services/context.js';
import { deleteList } from '../src/services/lists/delete-list.js';
import { createList, setListMembers } from '../src/services/lists/save-list.js';
import { lifecycleReport } from '../src/services/models/lifecycle-report.js';
import { rfmReport } from '../src/services/models/rfm-report.js';
import { updateModels } from '../src/services/models/update-models.js';
import { findProfile } from '../src/services/profiles/find-profile.js';
import { previewSegment } from '../src/services/segments/preview-segment.js';
import { saveSegment } from '../src/services/segments/save-segment.js';
import { listSegmentMembers } from '../src/services/segments/segment-members.js';
import { EVENT_ENGINES } from './helpers/stores.js';
import { makeWorkspace, startTestTailor, type TestServer } from './helpers/tailor.js';

/** The built-in models and manual lists, on both event stores, each test in its own workspace. */
type Msg = Record<string, unknown>;
const T0 = Date.parse('2026-01-01T12:00:00.000Z');
const day = (n: number) => new Date(T0 + n * 86_400_000).toISOString();
let seq = 0;
const order = (userId: string, at: string, total = 10): Msg => ({
  type: 'track',
  userId,
  event: 'Order Completed',
  properties: { total },
  timestamp: at,
  messageId: `o${++seq}`,
});
const track = (userId: string, event: string, at: string, properties: Msg = {}): Msg => ({
  type: 'track',
  userId,
  event,
  properties,
  timestamp: at,
  messageId: `t${++seq}`,
});

describe.each(EVENT_ENGINES)('models and lists on $name', ({ name, available }) => {
  let s: TestServer;
  let n = 0;
  beforeAll(async () => {
    if (available) s = await startTestTailor({ state: 'pglite', events: name });
  });
  afterAll(async () => {
    await s?.close();
  });

  async function workspace(now: number) {
    const ws = `mod${n++}`;
    await makeWorkspace(s.tailor, ws);
    s.tailor.segments.setClock(() => now);
    return { ws, ctx: systemCtx(s.tailor, ws) };
  }
  async function ingest(ws: string, msgs: Msg[]) {
    await s.tailor.ingestor.ingest(ws, msgs);
    await s.tailor.applier.idle();
  }
  async function members(ctx: ReturnType<typeof systemCtx>, id: string): Promise<string[]> {
    const { members } = await listSegmentMembers({ ctx, input: { id, limit: 1000 } });
    const users: string[] = [];
    for (const pid of members) {
      const { identities } = await findProfile(ctx, pid);
      users.push(identities.find((i) => i.type === 'user')?.value ?? pid);
    }
    return users.sort();
  }
  async function groups(ctx: ReturnType<typeof systemCtx>, model: string, values: readonly string[]) {
    const out: Record<string, string[]> = {};
    for (const v of values) out[v] = await members(ctx, `${model}:${v}`);
    return out;
  }

  it.skipIf(!available)(
    'lifecycle: one stage each, by the documented rules; moves are recorded',
    async () => {
      let now = T0 + 400 * 86_400_000;
      const { ws, ctx } = await workspace(now);
      s.tailor.segments.setClock(() => now);
      await ingest(ws, [
        { type: 'identify', userId: 'p1', traits: { name: 'P' }, timestamp: day(10), messageId: 'i1' },
        order('n1', day(390)),
        order('a1', day(300)),
        order('a1', day(380)),
        ...[320, 340, 360, 380, 395].map((d) => order('l1', day(d))),
        order('r1', day(290)),
        order('c1', day(100)),
        order('w1', day(50)),
        order('w1', day(380)),
      ]);
      await s.tailor.segments.run(ws);
      const stages = ['prospect', 'new', 'active', 'loyal', 'at_risk', 'churned', 'won_back'];
      expect(await groups(ctx, 'lifecycle', stages)).toEqual({
        prospect: ['p1'],
        new: ['n1'],
        active: ['a1'],
        loyal: ['l1'],
        at_risk: ['r1'],
        churned: ['c1'],
        won_back: ['w1'],
      });
      // The churned customer orders again: a live run moves them, and the move is an event.
      const seen: StageChange[] = [];
      const on = (c: StageChange[]) => seen.push(...c.filter((x) => x.workspaceId === ws));
      s.tailor.segments.on('stageChanges', on);
      await ingest(ws, [order('c1', day(399))]);
      await s.tailor.segments.runDirty();
      s.tailor.segments.off('stageChanges', on);
      const c1 = String((await findProfile(ctx, 'c1')).row.profile_id);
      expect(seen).toEqual([{ workspaceId: ws, profileId: c1, from: 'churned', to: 'won_back', at: now }]);
      // 100 days without orders: every recent customer ages into "at risk", the at-risk one churns.
      now = T0 + 500 * 86_400_000;
      await s.tailor.segments.run(ws);
      expect(await members(ctx, 'lifecycle:at_risk')).toEqual(['a1', 'c1', 'l1', 'n1', 'w1']);
      expect(await members(ctx, 'lifecycle:churned')).toEqual(['r1']);
      const report = await lifecycleReport({ ctx, input: { days: 365 } });
      expect(report.stages.find((x) => x.id === 'at_risk')?.count).toBe(5);
      expect(report.flows).toContainEqual({ from: 'churned', to: 'won_back', count: 1 });
      expect(report.flows).toContainEqual({ from: 'new', to: 'at_risk', count: 1 });
      expect(report.flows).toContainEqual({ from: null, to: 'prospect', count: 1 });
      await updateModels({ ctx, input: { settings: { lifecycle: { atRiskDays: 150, churnDays: 300 } } } });
      // The thresholds are settings: with longer ones, only r1 is at risk and l1 is loyal again.
      expect(await members(ctx, 'lifecycle:at_risk')).toEqual(['r1']);
      expect(await members(ctx, 'lifecycle:loyal')).toEqual(['l1']);
      await expect(
        updateModels({ ctx, input: { settings: { lifecycle: { atRiskDays: 400, churnDays: 300 } } } }),
      ).rejects.toMatchObject({ code: 'invalid_settings' });
    },
  );

  it.skipIf(!available)(
    'activity levels, spending tiers by percentile, interests by top categories',
    async () => {
      const now = T0 + 100 * 86_400_000;
      const { ctx, ws } = await workspace(now);
      const view = (u: string, d: number, category: string) =>
        track(u, 'Product Viewed', day(d), { category });
      await ingest(ws, [
        ...Array.from({ length: 10 }, (_, i) => track('h1', 'App Opened', day(99 - i))),
        ...Array.from({ length: 4 }, (_, i) => track('m1', 'App Opened', day(99 - i))),
        track('lo1', 'App Opened', day(95)),
        track('d1', 'App Opened', day(50)),
        ...Array.from({ length: 10 }, (_, i) => order(`s${i + 1}`, day(90), (i + 1) * 10)),
        ...['books', 'books', 'books', 'games', 'games', 'music', 'toys'].map((c) => view('i1', 95, c)),
        view('i2', 95, 'food'),
        view('i3', 1, 'music'),
      ]);
      await s.tailor.segments.run(ws);
      const activity = await groups(ctx, 'activity', ['high', 'medium', 'low']);
      expect(activity).toMatchObject({ high: ['h1'], medium: ['m1'] });
      expect(activity.low).toContain('lo1');
      expect(await members(ctx, 'activity:dormant')).toEqual(['d1', 'i3']);
      // Ten spenders of 10…100: above the 80th percentile is the top 20 %, above the 50th the next 30 %.
      expect(await groups(ctx, 'spending', ['high', 'medium', 'low'])).toEqual({
        high: ['s10', 's9'],
        medium: ['s6', 's7', 's8'],
        low: ['s1', 's2', 's3', 's4', 's5'],
      });
      const interested = async (category: string) => {
        const seg = await saveSegment({
          ctx,
          input: { name: category, definition: { version: 1, root: { type: 'interest', category } } },
        });
        return members(ctx, seg.id);
      };
      // i1's top three: books, games, then music and toys tied; i3's music is outside the 90-day window.
      expect(await interested('music')).toEqual(['i1']);
      expect(await interested('toys')).toEqual(['i1']);
      expect(await interested('food')).toEqual(['i2']);
      expect(await interested('garden')).toEqual([]);
    },
  );

  it.skipIf(!available)(
    'RFM: quintiles with ties broken by profile id, the grid, the 8 classes',
    async () => {
      const now = T0 + 200 * 86_400_000;
      const { ctx, ws } = await workspace(now);
      // 23 customers with few distinct order counts (ties in F), distinct last orders and spend.
      const msgs: Msg[] = [];
      const want: { user: string; last: number; f: number; m: number }[] = [];
      for (let i = 0; i < 23; i++) {
        const f = 1 + (i % 3);
        const lastDay = 100 + ((i * 7) % 23);
        for (let k = 0; k < f; k++) msgs.push(order(`c${i}`, day(lastDay - k * 2), 5 + ((i * 13) % 17) + k));
        want.push({ user: `c${i}`, last: lastDay, f, m: 0 });
      }
      msgs.push(order('old', day(-300), 1000)); // outside the 365-day window: not a customer
      await ingest(ws, msgs);
      await s.tailor.segments.run(ws);
      const pids = new Map<string, string>();
      for (const w of want) pids.set(w.user, String((await findProfile(ctx, w.user)).row.profile_id));
      for (const w of want)
        w.m = msgs
          .filter((x) => x.userId === w.user)
          .reduce((a, x) => a + Number((x.properties as Msg).total), 0);
      // The reference: rank by (value, profile id); score s covers ranks (⌈n(s−1)/5⌉, ⌈ns/5⌉].
      const scores = (value: (w: (typeof want)[number]) => number) => {
        const sorted = [...want].sort(
          (a, b) => value(a) - value(b) || (pids.get(a.user)! < pids.get(b.user)! ? -1 : 1),
        );
        const out = new Map<string, number>();
        sorted.forEach((w, i) => {
          let score = 1;
          for (const k of [1, 2, 3, 4]) if (i + 1 > Math.ceil((sorted.length * k) / 5)) score++;
          out.set(w.user, score);
        });
        return out;
      };
      const expected = { r: scores((w) => w.last), f: scores((w) => w.f), m: scores((w) => w.m) };
      for (const score of ['r', 'f', 'm'] as const)
        for (let v = 1; v <= 5; v++) {
          const p = await previewSegment({
            ctx,
            input: {
              definition: { version: 1, root: { type: 'rfm_score', score, from: v, to: v } },
              sample: 100,
            },
          });
          const users = want.filter((w) => expected[score].get(w.user) === v).map((w) => pids.get(w.user)!);
          expect({ score, v, members: p.sample }).toEqual({ score, v, members: users.sort() });
        }
      const report = await rfmReport({ ctx });
      expect(report.customers).toBe(23);
      expect(report.cells.reduce((a, c) => a + c.count, 0)).toBe(23);
      expect(report.grid.reduce((a, c) => a + c.count, 0)).toBe(23);
      expect(report.classes.reduce((a, c) => a + c.count, 0)).toBe(23);
      const champions = want.filter((w) => expected.r.get(w.user) === 5 && expected.f.get(w.user)! >= 4);
      expect(await members(ctx, 'rfm_grid:champions')).toEqual(champions.map((w) => w.user).sort());
      const avgF = want.reduce((a, w) => a + w.f, 0) / 23;
      const avgM = want.reduce((a, w) => a + w.m, 0) / 23;
      const avgLast = want.reduce((a, w) => a + w.last, 0) / 23;
      const value = want.filter((w) => w.last >= avgLast && w.f >= avgF && w.m >= avgM);
      expect(await members(ctx, 'rfm_cn8:important_value')).toEqual(value.map((w) => w.user).sort());
    },
  );

  it.skipIf(!available)(
    'manual lists: upload by any id, replace, append, refuse deleting a used list',
    async () => {
      const now = T0 + 10 * 86_400_000;
      const { ctx, ws } = await workspace(now);
      await ingest(ws, [
        {
          type: 'identify',
          userId: 'u1',
          traits: { email: 'Ada@Example.com' },
          timestamp: day(1),
          messageId: 'l1',
        },
        track('u2', 'Seen', day(1)),
        { type: 'track', anonymousId: 'anon-3', event: 'Seen', timestamp: day(1), messageId: 'l3' },
        track('u4', 'Seen', day(1)),
      ]);
      const created = await createList({
        ctx,
        input: { name: 'VIP', ids: ['ada@example.com', 'u2', 'nobody'] },
      });
      expect(created).toMatchObject({ matched: 2, unmatched: ['nobody'], list: { size: 2, unmatched: 1 } });
      const seg = await saveSegment({
        ctx,
        input: { name: 'vip', definition: { version: 1, root: { type: 'list', listId: created.list.id } } },
      });
      expect(await members(ctx, seg.id)).toEqual(['u1', 'u2']);
      await setListMembers({ ctx, input: { id: created.list.id, ids: ['anon-3'], mode: 'replace' } });
      expect(await members(ctx, seg.id)).toEqual([String((await findProfile(ctx, 'anon-3')).row.profile_id)]);
      const appended = await setListMembers({
        ctx,
        input: { id: created.list.id, ids: ['u4', 'u4'], mode: 'append' },
      });
      expect(appended.list.size).toBe(2);
      expect((await members(ctx, seg.id)).filter((u) => u === 'u4')).toEqual(['u4']);
      await expect(deleteList({ ctx, input: { id: created.list.id } })).rejects.toMatchObject({
        code: 'list_in_use',
      });
      await expect(
        saveSegment({
          ctx,
          input: { name: 'x', definition: { version: 1, root: { type: 'list', listId: 'list_nope' } } },
        }),
      ).rejects.toMatchObject({ code: 'invalid_definition' });
    },
  );
});
