import { totalmem } from 'node:os';
import path from 'node:path';
import { z } from 'zod';

/**
 * The only place `process.env` is read. Everything else receives a `Config`.
 * Flags given on the command line override these values (see cli/options.ts).
 */
const EnvSchema = z.object({
  TAILOR_DATA_DIR: z.string().min(1).default('./.tailor'),
  TAILOR_STATE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'TAILOR_STATE_URL must be a postgres:// URL')
    .optional(),
  TAILOR_EVENTS_URL: z
    .string()
    .regex(/^https?:\/\//, 'TAILOR_EVENTS_URL must be the http(s):// URL of the ClickHouse HTTP interface')
    .optional(),
  TAILOR_HOST: z.string().default('127.0.0.1'),
  TAILOR_PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  TAILOR_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  TAILOR_PUBLIC_URL: z.string().url().optional(),
  TAILOR_DEDUP_MAX_IDS: z.coerce.number().int().min(1000).default(20_000_000),
  TAILOR_MAX_BACKLOG: z.coerce.number().int().min(100).default(400_000),
  TAILOR_SEGMENT_LIVE_MS: z.coerce.number().int().min(50).max(600_000).default(1000),
  TAILOR_SEGMENT_REFRESH_MS: z.coerce.number().int().min(1000).default(600_000),
  TAILOR_KEY_COLUMNS: z.enum(['auto', 'off']).default('auto'),
  TAILOR_APPLY_LINGER_MS: z.coerce.number().int().min(0).max(10_000).default(500),
  TAILOR_DUCKDB_MEMORY: z
    .string()
    .regex(/^\d+(\.\d+)?\s*(KB|MB|GB|TB|KiB|MiB|GiB|TiB)$/i, 'TAILOR_DUCKDB_MEMORY is a size such as 1GB')
    // A quarter of the machine's memory, at least 1 GiB: a segment run over a million profiles
    // holds every profile's aggregates (lists for sequences cannot spill) and needs gigabytes.
    .default(`${Math.max(1024, Math.floor(totalmem() / 4 / 2 ** 20))}MiB`),
});

export type StateStoreConfig = { kind: 'pglite'; dir: string } | { kind: 'postgres'; url: string };
export type EventStoreConfig =
  | { kind: 'duckdb'; file: string; memoryLimit?: string }
  | { kind: 'clickhouse'; url: string };

export interface Config {
  dataDir: string;
  state: StateStoreConfig;
  events: EventStoreConfig;
  host: string;
  port: number;
  logLevel: z.infer<typeof EnvSchema>['TAILOR_LOG_LEVEL'];
  publicUrl: string | undefined;
  /** Most message ids the dedup window remembers (≈32 bytes each). */
  dedupMaxIds: number;
  /** Events acknowledged but not yet applied beyond which ingest answers 429. */
  maxBacklog: number;
  /** Least time between two applier batches under load (see Applier). */
  applyLingerMs: number;
  /** How often profiles with new events are re-evaluated against every segment. */
  segmentLiveMs: number;
  /** How often all profiles are (catches windows that expire with time). */
  segmentRefreshMs: number;
  /**
   * 'auto': full runs ask the event store to keep the JSON keys the segments read as columns
   * of their own (`EventStore.materializeKeys`); 'off': they never do.
   */
  keyColumns: 'auto' | 'off';
}

export interface ConfigOverrides {
  dataDir?: string | undefined;
  stateUrl?: string | undefined;
  eventsUrl?: string | undefined;
  host?: string | undefined;
  port?: number | undefined;
}

export function loadConfig(
  env: Record<string, string | undefined> = process.env,
  overrides: ConfigOverrides = {},
): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`invalid environment: ${issues}`);
  }
  const e = parsed.data;
  const dataDir = path.resolve(overrides.dataDir ?? e.TAILOR_DATA_DIR);
  const stateUrl = overrides.stateUrl ?? e.TAILOR_STATE_URL;
  const eventsUrl = overrides.eventsUrl ?? e.TAILOR_EVENTS_URL;
  return {
    dataDir,
    state: stateUrl
      ? { kind: 'postgres', url: stateUrl }
      : { kind: 'pglite', dir: path.join(dataDir, 'state') },
    events: eventsUrl
      ? { kind: 'clickhouse', url: eventsUrl }
      : { kind: 'duckdb', file: path.join(dataDir, 'events.duckdb'), memoryLimit: e.TAILOR_DUCKDB_MEMORY },
    host: overrides.host ?? e.TAILOR_HOST,
    port: overrides.port ?? e.TAILOR_PORT,
    logLevel: e.TAILOR_LOG_LEVEL,
    publicUrl: e.TAILOR_PUBLIC_URL,
    dedupMaxIds: e.TAILOR_DEDUP_MAX_IDS,
    maxBacklog: e.TAILOR_MAX_BACKLOG,
    applyLingerMs: e.TAILOR_APPLY_LINGER_MS,
    segmentLiveMs: e.TAILOR_SEGMENT_LIVE_MS,
    segmentRefreshMs: e.TAILOR_SEGMENT_REFRESH_MS,
    keyColumns: e.TAILOR_KEY_COLUMNS,
  };
}
