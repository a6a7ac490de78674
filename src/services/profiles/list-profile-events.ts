import { invalid } from '../../core/errors.js';
import type { EventCursor } from '../../stores/events/event-store.js';
import { type Ctx, requireRight } from '../context.js';
import { findProfile } from './find-profile.js';
import { decodeCursor, encodeCursor, eventView } from './profile-view.js';

const isCursor = (v: unknown): v is [number, string] =>
  Array.isArray(v) && v.length === 2 && typeof v[0] === 'number' && typeof v[1] === 'string';

/** A profile's events (including those of profiles merged into it), newest first, by keyset cursor. */
export async function listProfileEvents({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: { id: string; limit: number; cursor?: string | undefined };
}) {
  requireRight(ctx, 'profiles.read');
  let before: EventCursor | undefined;
  try {
    const c = decodeCursor(input.cursor, isCursor);
    before = c ? { timestamp: c[0], messageId: c[1] } : undefined;
  } catch {
    throw invalid('invalid_cursor', 'cursor is not one this API returned');
  }
  const { row, mergedFrom } = await findProfile(ctx, input.id);
  const rows = await ctx.tailor.events.profileEvents(
    ctx.workspaceId,
    [String(row.profile_id), ...mergedFrom],
    {
      limit: input.limit + 1,
      before,
    },
  );
  const page = rows.slice(0, input.limit);
  const last = page.at(-1);
  return {
    events: page.map(eventView),
    nextCursor: rows.length > input.limit && last ? encodeCursor([last.timestamp, last.messageId]) : null,
  };
}
