import { sql } from '../../stores/events/sql.js';
import { type Ctx, requireRight } from '../context.js';

/**
 * What has actually been ingested, for the segment builder's pickers: event names, the
 * properties of an event and the profile traits, each with the JSON types and a few example
 * values seen. Properties and traits are read from a recent sample, not from every row.
 */
const SAMPLE = 2000;

type Field = { name: string; types: string[]; examples: string[] };

function fieldsOf(objects: Iterable<Record<string, unknown>>): Field[] {
  const fields = new Map<string, { types: Set<string>; examples: Set<string>; n: number }>();
  for (const o of objects) {
    for (const [k, v] of Object.entries(o)) {
      if (v === null || v === undefined) continue;
      let f = fields.get(k);
      if (!f) {
        if (fields.size >= 500) continue;
        f = { types: new Set(), examples: new Set(), n: 0 };
        fields.set(k, f);
      }
      f.n++;
      f.types.add(Array.isArray(v) ? 'array' : typeof v);
      if (f.examples.size < 10 && typeof v !== 'object') f.examples.add(String(v).slice(0, 100));
    }
  }
  return [...fields]
    .sort((a, b) => b[1].n - a[1].n || (a[0] < b[0] ? -1 : 1))
    .map(([name, f]) => ({ name, types: [...f.types].sort(), examples: [...f.examples] }));
}

const parse = (v: unknown): Record<string, unknown> => {
  try {
    const o = typeof v === 'string' ? JSON.parse(v) : v;
    return o && typeof o === 'object' && !Array.isArray(o) ? (o as Record<string, unknown>) : {};
  } catch {
    return {};
  }
};

export async function listEventNames({ ctx }: { ctx: Ctx }) {
  requireRight(ctx, 'segments.read');
  const rows = await ctx.tailor.events.select(
    sql`SELECT event AS name, count(*) AS n, max(timestamp) AS last_ms FROM events
        WHERE workspace_id = ${ctx.workspaceId} AND type = 'track' GROUP BY event ORDER BY n DESC, name LIMIT 1000`,
  );
  return {
    events: rows.map((r) => ({
      name: String(r.name),
      count: Number(r.n),
      lastSeen: new Date(Number(r.last_ms)).toISOString(),
    })),
  };
}

export async function listEventProperties({ ctx, input }: { ctx: Ctx; input: { event: string } }) {
  requireRight(ctx, 'segments.read');
  const rows = await ctx.tailor.events.select(
    sql`SELECT properties FROM events WHERE workspace_id = ${ctx.workspaceId} AND type = 'track' AND event = ${input.event}
        ORDER BY timestamp DESC LIMIT ${SAMPLE}`,
  );
  return { properties: fieldsOf(rows.map((r) => parse(r.properties))) };
}

/** Trait values are stored as [value, set at]; the value is what segments compare. */
export async function listTraits({ ctx }: { ctx: Ctx }) {
  requireRight(ctx, 'segments.read');
  const rows = await ctx.tailor.state.query<{ traits: unknown }>(
    `SELECT traits FROM profiles WHERE workspace_id = $1 AND merged_into IS NULL ORDER BY last_seen DESC NULLS LAST LIMIT ${SAMPLE}`,
    [ctx.workspaceId],
  );
  const values = rows.map((r) =>
    Object.fromEntries(
      Object.entries(parse(r.traits)).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v] as [string, unknown]),
    ),
  );
  return { traits: fieldsOf(values) };
}

/**
 * The interest categories seen (the `categoryProperty` of `interestEvents`, as the `interest`
 * node reads them), most frequent first, from a recent sample of those events.
 */
export async function listCategories({ ctx }: { ctx: Ctx }) {
  requireRight(ctx, 'segments.read');
  const { interestEvents, categoryProperty } = ctx.tailor.settings.profileSettings(ctx.workspaceId);
  const rows = await ctx.tailor.events.select(
    sql`SELECT properties FROM events WHERE workspace_id = ${ctx.workspaceId} AND type = 'track'
        AND event IN ${interestEvents} ORDER BY timestamp DESC LIMIT ${SAMPLE * 5}`,
  );
  const counts = new Map<string, number>();
  for (const r of rows) {
    const v = parse(r.properties)[categoryProperty];
    if (typeof v !== 'string' && typeof v !== 'number') continue;
    const name = String(v).slice(0, 200);
    if (name === '' || (!counts.has(name) && counts.size >= 1000)) continue;
    counts.set(name, (counts.get(name) ?? 0) + 1);
  }
  return {
    property: categoryProperty,
    categories: [...counts]
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
      .map(([name, count]) => ({ name, count })),
  };
}
