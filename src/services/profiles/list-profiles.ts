import { invalid } from '../../core/errors.js';
import { normalizeEmail, normalizePhone } from '../../core/normalize.js';
import { localDay } from '../../core/time-zone.js';
import { type Ctx, requireRight } from '../context.js';
import { PROFILE_COLUMNS } from './find-profile.js';
import { decodeCursor, encodeCursor, summaryOf } from './profile-view.js';

export const PROFILE_SORTS = [
  'last_seen',
  'first_seen',
  'event_count',
  'order_count',
  'total_spend',
  'average_order_value',
  'last_order_at',
  'first_order_at',
  'days_since_last_order',
  'active_days_30',
  'refund_total',
] as const;
export type ProfileSort = (typeof PROFILE_SORTS)[number];

export interface ListProfilesInput {
  q?: string | undefined;
  sort?: ProfileSort | undefined;
  order?: 'asc' | 'desc' | undefined;
  limit: number;
  cursor?: string | undefined;
  hasOrders?: boolean | undefined;
  minTotalSpend?: number | undefined;
  maxTotalSpend?: number | undefined;
  seenWithinDays?: number | undefined;
  /** Exact match on trait values: {city: '上海'}. */
  traits?: Record<string, string> | undefined;
}

/** SQL expression of each sort key; `{now}` is now (ms) and `{today}` today's UTC day number, bound when used. */
const SORT_SQL: Record<ProfileSort, string> = {
  last_seen: 'last_seen::float8',
  first_seen: 'first_seen::float8',
  event_count: 'event_count::float8',
  order_count: 'order_count::float8',
  total_spend: 'total_spend',
  average_order_value: 'CASE WHEN order_count > 0 THEN total_spend / order_count END',
  last_order_at: 'last_order_at::float8',
  first_order_at: 'first_order_at::float8',
  days_since_last_order: 'floor(({now}::float8 - last_order_at) / 86400000)',
  active_days_30:
    '(SELECT count(*) FROM unnest(active_days) d WHERE d > {today}::int - 30 AND d <= {today}::int)::float8',
  refund_total: 'refund_total',
};

const isCursor = (v: unknown): v is [number, string] =>
  Array.isArray(v) && v.length === 2 && typeof v[0] === 'number' && typeof v[1] === 'string';

/**
 * Lists a workspace's profiles: search (`q` matches a profile id, any known id, an email or
 * phone after normalisation, or any trait value), filters, sort by any computed trait, keyset
 * pagination. Profiles without a value for the sort key come last either way.
 */
export async function listProfiles({ ctx, input }: { ctx: Ctx; input: ListProfilesInput }) {
  requireRight(ctx, 'profiles.read');
  const sort = input.sort ?? 'last_seen';
  const desc = (input.order ?? 'desc') === 'desc';
  const now = Date.now();
  const { timeZone } = ctx.tailor.settings.profileSettings(ctx.workspaceId);
  const params: unknown[] = [ctx.workspaceId];
  const p = (v: unknown) => {
    params.push(v);
    return `$${params.length}`;
  };
  const where = ['workspace_id = $1', 'merged_into IS NULL'];
  const q = input.q?.trim();
  if (q) {
    // Exact matches first (indexed): a profile id, any known id, a normalised email or phone.
    // Only when nothing matches is the text searched for in trait values: an index lookup from
    // three characters on, a scan of the narrow profile_search table below that.
    const region = ctx.tailor.settings.profileSettings(ctx.workspaceId).phoneRegion;
    const email = normalizeEmail(q);
    const phone = normalizePhone(q, region);
    const exact = await ctx.tailor.state.query<{ profile_id: string }>(
      `SELECT profile_id FROM identities WHERE workspace_id = $1 AND id_value = $2
       UNION SELECT profile_id FROM profiles WHERE workspace_id = $1 AND profile_id = $2
       UNION SELECT profile_id FROM profiles WHERE workspace_id = $1 AND email = $3
       UNION SELECT profile_id FROM profiles WHERE workspace_id = $1 AND phone = $4`,
      [ctx.workspaceId, q, email ?? null, phone ?? null],
    );
    if (exact.length > 0) where.push(`profile_id = ANY(${p(exact.map((r) => r.profile_id))}::text[])`);
    else {
      // Case-insensitive substring of any trait value (profile_search, kept by triggers).
      const pattern = `%${q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
      where.push(
        `profile_id IN (SELECT profile_id FROM profile_search WHERE workspace_id = $1 AND trait_text LIKE lower(${p(pattern)}))`,
      );
    }
  }
  if (input.hasOrders !== undefined) where.push(input.hasOrders ? 'order_count > 0' : 'order_count = 0');
  if (input.minTotalSpend !== undefined) where.push(`total_spend >= ${p(input.minTotalSpend)}`);
  if (input.maxTotalSpend !== undefined) where.push(`total_spend <= ${p(input.maxTotalSpend)}`);
  if (input.seenWithinDays !== undefined)
    where.push(`last_seen >= ${p(now - input.seenWithinDays * 86_400_000)}`);
  for (const [k, v] of Object.entries(input.traits ?? {})) where.push(`traits->${p(k)}->>0 = ${p(v)}`);

  // NULL sort values go last in both directions; the cursor carries the substituted value.
  const sentinel = desc ? -1e300 : 1e300;
  const expr = SORT_SQL[sort]
    .replace('{now}', () => p(now))
    .replaceAll('{today}', () => p(localDay(timeZone, now)));
  const key = `coalesce(${expr}, ${sentinel})`;
  let cursor: [number, string] | undefined;
  try {
    cursor = decodeCursor(input.cursor, isCursor);
  } catch {
    throw invalid('invalid_cursor', 'cursor is not one this API returned');
  }
  if (cursor)
    where.push(`(${key}, profile_id) ${desc ? '<' : '>'} (${p(cursor[0])}::float8, ${p(cursor[1])})`);
  const dir = desc ? 'DESC' : 'ASC';
  const rows = await ctx.tailor.state.query<Record<string, unknown>>(
    `SELECT ${PROFILE_COLUMNS}, ${key} AS sort_key FROM profiles WHERE ${where.join(' AND ')}
     ORDER BY sort_key ${dir}, profile_id ${dir} LIMIT ${p(input.limit + 1)}`,
    params,
  );
  const page = rows.slice(0, input.limit);
  const last = page.at(-1);
  return {
    profiles: page.map((r) => summaryOf(r, now, timeZone)),
    nextCursor:
      rows.length > input.limit && last
        ? encodeCursor([Number(last.sort_key), String(last.profile_id)])
        : null,
  };
}
