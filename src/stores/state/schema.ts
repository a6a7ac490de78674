import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  boolean,
  customType,
  doublePrecision,
  foreignKey,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';

/**
 * The state store: configuration and operational records. Every table but the console's own
 * user accounts is scoped by `workspace_id`. Times that come from events are epoch
 * milliseconds (bigint) to match the event store; times Tailor itself records are timestamptz.
 */

const ms = (name: string) => bigint(name, { mode: 'number' });
const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();

export const workspaces = pgTable('workspaces', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  /** See services/workspaces/settings.ts for the shape and defaults. */
  settings: jsonb('settings').notNull().default({}),
  createdAt: createdAt(),
});

export const consoleUsers = pgTable(
  'console_users',
  {
    id: text('id').primaryKey(),
    email: text('email').notNull(),
    name: text('name').notNull(),
    passwordHash: text('password_hash').notNull(),
    locale: text('locale').notNull().default('en'),
    disabled: boolean('disabled').notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('console_users_email').on(t.email)],
);

export const memberships = pgTable(
  'memberships',
  {
    workspaceId: text('workspace_id').notNull(),
    userId: text('user_id').notNull(),
    role: text('role').notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.userId] })],
);

export const sessions = pgTable(
  'sessions',
  {
    tokenHash: text('token_hash').primaryKey(),
    userId: text('user_id').notNull(),
    createdAt: createdAt(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('sessions_user').on(t.userId)],
);

export const apiKeys = pgTable(
  'api_keys',
  {
    id: text('id').primaryKey(),
    workspaceId: text('workspace_id').notNull(),
    type: text('type').notNull(),
    name: text('name').notNull().default(''),
    /** sha256 of the key; keys carry 144 random bits so a fast hash is enough. */
    keyHash: text('key_hash').notNull(),
    prefix: text('prefix').notNull(),
    createdAt: createdAt(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [uniqueIndex('api_keys_hash').on(t.keyHash), index('api_keys_workspace').on(t.workspaceId)],
);

export const auditLog = pgTable(
  'audit_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    workspaceId: text('workspace_id'),
    actorType: text('actor_type').notNull(),
    actorId: text('actor_id').notNull(),
    action: text('action').notNull(),
    targetType: text('target_type').notNull(),
    targetId: text('target_id').notNull(),
    before: jsonb('before'),
    after: jsonb('after'),
    requestId: text('request_id'),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('audit_workspace_at').on(t.workspaceId, t.at)],
);

/** Which profile each known id belongs to. Rewritten when profiles merge. */
export const identities = pgTable(
  'identities',
  {
    workspaceId: text('workspace_id').notNull(),
    idType: text('id_type').notNull(),
    idValue: text('id_value').notNull(),
    profileId: text('profile_id').notNull(),
    firstSeen: ms('first_seen').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.idType, t.idValue] }),
    index('identities_profile').on(t.workspaceId, t.profileId),
    index('identities_value').on(t.workspaceId, t.idValue),
  ],
);

/**
 * One row per profile. `traits` maps a trait name to `[value, eventTimestampMs]` so the newest
 * event wins whatever the arrival order. A merged profile keeps its row with `merged_into`
 * set; events attributed to it count for the surviving profile.
 */
export const profiles = pgTable(
  'profiles',
  {
    workspaceId: text('workspace_id').notNull(),
    profileId: text('profile_id').notNull(),
    mergedInto: text('merged_into'),
    userId: text('user_id'),
    userIdAt: ms('user_id_at'),
    /** Derived from the (normalised) `email` and `phone` traits, for indexed lookup. */
    email: text('email').generatedAlwaysAs(sql`(traits->'email'->>0)`),
    phone: text('phone').generatedAlwaysAs(sql`(traits->'phone'->>0)`),
    traits: jsonb('traits').notNull().default({}),
    firstSeen: ms('first_seen'),
    lastSeen: ms('last_seen'),
    eventCount: bigint('event_count', { mode: 'number' }).notNull().default(0),
    activeDays: integer('active_days').array().notNull().default(sql`'{}'::int[]`),
    orderCount: bigint('order_count', { mode: 'number' }).notNull().default(0),
    totalSpend: doublePrecision('total_spend').notNull().default(0),
    refundCount: bigint('refund_count', { mode: 'number' }).notNull().default(0),
    refundTotal: doublePrecision('refund_total').notNull().default(0),
    firstOrderAt: ms('first_order_at'),
    lastOrderAt: ms('last_order_at'),
    categories: jsonb('categories').notNull().default({}),
    /** JSON text of the newest events (see profile-delta.ts); text, not jsonb: it is only ever read whole. */
    recent: text('recent').notNull().default('[]'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.profileId] }),
    index('profiles_email').on(t.workspaceId, t.email),
    index('profiles_phone').on(t.workspaceId, t.phone),
    index('profiles_user').on(t.workspaceId, t.userId),
    // Small: only merged-away rows. Finds the profiles whose events count for a survivor.
    index('profiles_merged_into').on(t.workspaceId, t.mergedInto).where(sql`merged_into IS NOT NULL`),
  ],
);

/**
 * Each profile's trait values, lower-cased, one per line: what the profile list's free-text
 * search (`q`) reads. Kept by triggers on `profiles` (migration 0006), only when the traits
 * change, so the wide profile rows are never scanned for it. A trigram index (pg_trgm) answers
 * searches of three characters or more; shorter ones scan this narrow table.
 */
export const profileSearch = pgTable(
  'profile_search',
  {
    workspaceId: text('workspace_id').notNull(),
    profileId: text('profile_id').notNull(),
    traitText: text('trait_text').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.profileId] }),
    foreignKey({
      columns: [t.workspaceId, t.profileId],
      foreignColumns: [profiles.workspaceId, profiles.profileId],
    }).onDelete('cascade'),
    index('profile_search_trgm').using('gin', t.traitText.op('gin_trgm_ops')),
  ],
);

export const profileMerges = pgTable(
  'profile_merges',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    workspaceId: text('workspace_id').notNull(),
    fromProfile: text('from_profile').notNull(),
    intoProfile: text('into_profile').notNull(),
    reason: text('reason').notNull(),
    messageId: text('message_id').notNull(),
    at: ms('at').notNull(),
  },
  (t) => [index('profile_merges_into').on(t.workspaceId, t.intoProfile)],
);

/** Merges Tailor refused (two different identified users) so an operator can review them. */
export const identityConflicts = pgTable(
  'identity_conflicts',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    workspaceId: text('workspace_id').notNull(),
    profileA: text('profile_a').notNull(),
    profileB: text('profile_b').notNull(),
    idType: text('id_type').notNull(),
    idValue: text('id_value').notNull(),
    messageId: text('message_id').notNull(),
    at: ms('at').notNull(),
  },
  (t) => [index('identity_conflicts_ws').on(t.workspaceId, t.at)],
);

/** Rejected events per workspace, code and day, for the ingest page and alerts. */
export const ingestErrors = pgTable(
  'ingest_errors',
  {
    workspaceId: text('workspace_id').notNull(),
    day: text('day').notNull(),
    code: text('code').notNull(),
    count: bigint('count', { mode: 'number' }).notNull().default(0),
    lastMessage: text('last_message').notNull().default(''),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.day, t.code] })],
);

const bytea = customType<{ data: Buffer }>({ dataType: () => 'bytea' });

/**
 * Events a store refused on their own, set aside so that the others could be applied
 * (ingest/poison.ts). `record` is the event in the spool's encoding, as bytes: it may hold
 * exactly the text the state store cannot. Keyed by where it sits in the applier's spool, so
 * a replay after a crash skips it again.
 */
export const deadLetters = pgTable(
  'dead_letters',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    workspaceId: text('workspace_id').notNull(),
    applier: text('applier').notNull(),
    spoolLsn: bigint('spool_lsn', { mode: 'number' }).notNull(),
    spoolIndex: integer('spool_index').notNull(),
    messageId: text('message_id').notNull(),
    type: text('type').notNull(),
    event: text('event').notNull(),
    store: text('store').notNull(),
    error: text('error').notNull(),
    record: bytea('record').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('dead_letters_position').on(t.applier, t.spoolLsn, t.spoolIndex),
    index('dead_letters_ws').on(t.workspaceId, t.id),
  ],
);

/** How far each applier has applied its spool into this store (see ingest/applier.ts). */
export const checkpoints = pgTable('checkpoints', {
  name: text('name').primaryKey(),
  lsn: bigint('lsn', { mode: 'number' }).notNull(),
});

/** Per-file import progress, so re-running an import neither duplicates nor loses rows. */
export const imports = pgTable(
  'imports',
  {
    id: text('id').primaryKey(),
    workspaceId: text('workspace_id').notNull(),
    kind: text('kind').notNull(),
    fileName: text('file_name').notNull(),
    fileHash: text('file_hash').notNull(),
    status: text('status').notNull(),
    rowsTotal: bigint('rows_total', { mode: 'number' }).notNull().default(0),
    rowsOk: bigint('rows_ok', { mode: 'number' }).notNull().default(0),
    rowsFailed: bigint('rows_failed', { mode: 'number' }).notNull().default(0),
    errors: jsonb('errors').notNull().default([]),
    createdAt: createdAt(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (t) => [index('imports_ws').on(t.workspaceId, t.createdAt)],
);

/** Segment definitions (segments/dsl.ts). `version` counts saved changes of the definition. */
export const segments = pgTable(
  'segments',
  {
    workspaceId: text('workspace_id').notNull(),
    id: text('id').notNull(),
    name: text('name').notNull(),
    description: text('description').notNull().default(''),
    definition: jsonb('definition').notNull(),
    version: integer('version').notNull().default(1),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.id] })],
);

/** A segment's size after the engine runs that changed it (at most one point a minute). */
export const segmentSizes = pgTable(
  'segment_sizes',
  {
    workspaceId: text('workspace_id').notNull(),
    segmentId: text('segment_id').notNull(),
    at: ms('at').notNull(),
    size: bigint('size', { mode: 'number' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.segmentId, t.at] })],
);

/**
 * Manual lists of profiles (uploaded ids). The resolved profile ids live in the event store
 * (`list_members`), tagged with `version`: a replace writes a new version and then moves
 * this pointer, so readers see the old entries or the new ones, never a mix.
 */
export const lists = pgTable(
  'lists',
  {
    workspaceId: text('workspace_id').notNull(),
    id: text('id').notNull(),
    name: text('name').notNull(),
    description: text('description').notNull().default(''),
    version: integer('version').notNull().default(1),
    size: integer('size').notNull().default(0),
    unmatched: integer('unmatched').notNull().default(0),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.id] })],
);

/** The relative models' cut points (segments/models/model-params.ts), from the last full run. */
export const modelParams = pgTable('model_params', {
  workspaceId: text('workspace_id').primaryKey(),
  params: jsonb('params').notNull(),
  computedAt: ms('computed_at').notNull(),
});
