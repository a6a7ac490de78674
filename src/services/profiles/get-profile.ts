import type { RecentEvent } from '../../profiles/profile-delta.js';
import { type Ctx, requireRight } from '../context.js';
import { findProfile } from './find-profile.js';
import { computedTraits, encodeCursor, recentEventView, traitsOf } from './profile-view.js';

/**
 * The 360° view: traits, computed traits, identities, merged profiles and the newest events.
 * Everything comes from the state store (the newest events from the profile row), so a lookup
 * is one statement of indexed reads; `nextCursor` continues the timeline from the event store.
 */
export async function getProfile({ ctx, input }: { ctx: Ctx; input: { id: string } }) {
  requireRight(ctx, 'profiles.read');
  const { row, identities, mergedFrom } = await findProfile(ctx, input.id);
  const profileId = String(row.profile_id);
  const recent = JSON.parse(String(row.recent ?? '[]')) as RecentEvent[];
  const last = recent.at(-1);
  const more = Number(row.event_count ?? 0) > recent.length;
  const { traits, traitUpdatedAt } = traitsOf(row);
  return {
    profile: {
      profileId,
      userId: (row.user_id as string | null) ?? null,
      email: (row.email as string | null) ?? null,
      phone: (row.phone as string | null) ?? null,
      traits,
      traitUpdatedAt,
      computed: computedTraits(
        row,
        Date.now(),
        ctx.tailor.settings.profileSettings(ctx.workspaceId).timeZone,
      ),
      identities: identities.map((i) => ({
        type: i.type,
        value: i.value,
        firstSeen: new Date(i.firstSeen).toISOString(),
      })),
      mergedFrom,
    },
    recentEvents: recent.map((r) => recentEventView(r, profileId)),
    nextCursor: more && last ? encodeCursor([last.ts, last.id]) : null,
  };
}
