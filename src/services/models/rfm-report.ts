import { classOf, rfmReportQuery } from '../../segments/compile/model-report-query.js';
import { MODEL_VALUES } from '../../segments/dsl.js';
import { rfGridSegment } from '../../segments/models/rfm-rules.js';
import { type Ctx, requireRight } from '../context.js';
import { round2 } from '../profiles/profile-view.js';

type Group = { id: string; count: number; avgSpend: number };

/** The RFM heat map (R × F cells with counts and average spend) and both group tables. */
export async function rfmReport({ ctx }: { ctx: Ctx }) {
  requireRight(ctx, 'segments.read');
  const engine = ctx.tailor.segments;
  const w = await engine.load(ctx.workspaceId);
  const q = rfmReportQuery(engine.dialect, engine.compileContext(ctx.workspaceId, w));
  const rows = q ? await ctx.tailor.events.select(q) : [];
  const cells = new Map<string, { r: number; f: number; n: number; spend: number }>();
  const grid = new Map<string, { n: number; spend: number }>(
    MODEL_VALUES.rfm_grid.map((id) => [id, { n: 0, spend: 0 }]),
  );
  const classes = new Map<string, { n: number; spend: number }>(
    MODEL_VALUES.rfm_cn8.map((id) => [id, { n: 0, spend: 0 }]),
  );
  for (let r = 5; r >= 1; r--) for (let f = 1; f <= 5; f++) cells.set(`${r}${f}`, { r, f, n: 0, spend: 0 });
  for (const row of rows) {
    const [r, f, n, spend] = [Number(row.r), Number(row.f), Number(row.n), Number(row.spend)];
    for (const acc of [
      cells.get(`${r}${f}`),
      grid.get(rfGridSegment(r, f)),
      classes.get(classOf(Number(row.rh) === 1, Number(row.fh) === 1, Number(row.mh) === 1)),
    ]) {
      if (!acc) continue;
      acc.n += n;
      acc.spend += spend;
    }
  }
  const avg = (a: { n: number; spend: number }) => (a.n === 0 ? 0 : round2(a.spend / a.n));
  const groups = (m: Map<string, { n: number; spend: number }>): Group[] =>
    [...m].map(([id, a]) => ({ id, count: a.n, avgSpend: avg(a) }));
  const p = w.params;
  return {
    computedAt: p ? new Date(p.computedAt).toISOString() : null,
    windowDays: w.settings.rfm.windowDays,
    customers: p?.rfm.customers ?? 0,
    averages: {
      recencyDays: round2(p?.rfm.averages.recencyDays ?? 0),
      frequency: round2(p?.rfm.averages.frequency ?? 0),
      monetary: round2(p?.rfm.averages.monetary ?? 0),
    },
    cells: [...cells.values()].map((c) => ({ r: c.r, f: c.f, count: c.n, avgSpend: avg(c) })),
    grid: groups(grid),
    classes: groups(classes),
  };
}
