import { EventEmitter } from 'node:events';
import { localMonthDay } from '../../core/time-zone.js';
import type { ProfileSettings } from '../../profiles/settings.js';
import type { EventStore, Row, RunDiff, SegmentTransitionRow } from '../../stores/events/event-store.js';
import { sql } from '../../stores/events/sql.js';
import type { StateStore } from '../../stores/state/state-store.js';
import { clickhouseDialect } from '../compile/clickhouse-dialect.js';
import { type CompileContext, Compiler } from '../compile/compiler.js';
import type { Dialect } from '../compile/dialect.js';
import { duckdbDialect } from '../compile/duckdb-dialect.js';
import { modelParamsQuery, readModelParams } from '../compile/model-params-query.js';
import { diffQuery, flagsOf, type SegmentToEvaluate } from '../compile/one-pass.js';
import { stagedFullRun } from '../compile/staged-run.js';
import { type Definition, MODEL_NAMES, MODEL_VALUES } from '../dsl.js';
import type { ModelParams } from '../models/model-params.js';
import { DEFAULT_MODEL_SETTINGS, type ModelSettings, ModelSettingsSchema } from '../models/model-settings.js';

export interface SegmentEngineDeps {
  state: StateStore;
  events: EventStore;
  settingsFor: (workspaceId: string) => ProfileSettings;
  /** Epoch ms; tests move it to see windows expire. */
  clock?: () => number;
  onError?: (e: unknown) => void;
  /** Whether full runs ask the store to keep the JSON keys they read as columns (default true). */
  keyColumns?: boolean;
}

export type Transition = SegmentTransitionRow;

/** A profile moving between lifecycle stages; `from` is null on its first stage. */
export interface StageChange {
  workspaceId: string;
  profileId: string;
  from: string | null;
  to: string;
  at: number;
}

/** Every group of every built-in model, kept like a segment under the id `<model>:<group>`. */
export const MODEL_SEGMENTS: readonly SegmentToEvaluate[] = MODEL_NAMES.flatMap((model) =>
  MODEL_VALUES[model].map((value) => ({
    id: `${model}:${value}`,
    definition: { version: 1 as const, root: { type: 'model' as const, model, value } },
  })),
);
export const isModelSegment = (id: string) => id.includes(':');

/** What a run of one workspace needs to know besides its events. */
export interface WorkspaceModels {
  segments: SegmentToEvaluate[];
  settings: ModelSettings;
  params: ModelParams | undefined;
  listVersions: Map<string, number>;
}

export interface RunResult {
  workspaceId: string;
  runId: number;
  /** Profiles whose list of segments changed. */
  changed: number;
  entered: number;
  exited: number;
  ms: number;
  /** Where the store times them: milliseconds of each step of applying the run (`AppliedRun.steps`). */
  steps?: Record<string, number>;
}

/**
 * Profiles one incremental run evaluates. On ClickHouse each id is a literal in the SQL (18.16
 * has no server-side parameters; the ids appear in the scan and in the diff). The client lifts
 * `max_query_size` (clickhouse-client.ts), but `max_ast_elements` (50,000) still bounds a query,
 * and a run over a bulk load's 30,000 ids failed on every tick. DuckDB binds them as one list.
 */
const maxRestrict = (kind: EventStore['kind']) => (kind === 'clickhouse' ? 1_000 : 50_000);
const CHUNKS_BEFORE_FULL = 10;

export const dialectFor = (events: EventStore): Dialect =>
  events.kind === 'clickhouse' ? clickhouseDialect : duckdbDialect;

/**
 * Keeps every segment's membership current. A run evaluates all of a workspace's segments in
 * one pass over its events (compile/one-pass.ts), compares the result with the stored lists
 * (`segment_members` in the event store) and writes only what changed: the new lists, one
 * `segment_transitions` row per entry or exit (the membership history), and the sizes. Each
 * change is emitted as `transitions` for the features that react to them.
 *
 * - incremental: profiles that received events (or took part in a merge) since the last run
 *   are re-evaluated every `liveMs`;
 * - full: all profiles, when definitions change and every `refreshMs`, which also catches
 *   windows that expire with time (a user who has not ordered for 30 days *now*).
 */
export class SegmentEngine extends EventEmitter<{
  transitions: [Transition[]];
  stageChanges: [StageChange[]];
  run: [RunResult];
}> {
  readonly dialect: Dialect;
  private readonly dirty = new Map<string, Set<string>>();
  private chain: Promise<unknown> = Promise.resolve();
  private lastRunId = 0;
  private timers: NodeJS.Timeout[] = [];

  constructor(private readonly deps: SegmentEngineDeps) {
    super();
    this.dialect = dialectFor(deps.events);
  }

  now(): number {
    return (this.deps.clock ?? Date.now)();
  }

  /** Replaces the clock (scenario tests move time forward to see windows expire). */
  setClock(clock: () => number): void {
    this.deps.clock = clock;
  }

  /** A profile whose membership may have changed (from the applier's `applied`). */
  markDirty(workspaceId: string, profileId: string): void {
    let s = this.dirty.get(workspaceId);
    if (!s) {
      s = new Set();
      this.dirty.set(workspaceId, s);
    }
    s.add(profileId);
  }

  start(opts: { liveMs: number; refreshMs: number }): void {
    const guard = (p: Promise<unknown>) => p.catch((e) => this.deps.onError?.(e));
    this.timers.push(setInterval(() => void guard(this.runDirty()), opts.liveMs));
    this.timers.push(setInterval(() => void guard(this.runAll()), opts.refreshMs));
    for (const t of this.timers) t.unref();
  }

  async stop(): Promise<void> {
    for (const t of this.timers) clearInterval(t);
    this.timers = [];
    await this.chain.catch(() => {});
  }

  /**
   * Incremental runs for every workspace with dirty profiles, at most `maxRestrict` profiles a
   * run. Past `CHUNKS_BEFORE_FULL` runs' worth (a bulk load), one full run is cheaper.
   */
  async runDirty(): Promise<RunResult[]> {
    const out: RunResult[] = [];
    const chunk = maxRestrict(this.deps.events.kind);
    for (const [ws, set] of [...this.dirty]) {
      if (set.size === 0) continue;
      this.dirty.delete(ws);
      if (set.size > chunk * CHUNKS_BEFORE_FULL) {
        out.push(await this.run(ws, { models: false }));
        continue;
      }
      const ids = [...set];
      for (let i = 0; i < ids.length; i += chunk)
        out.push(await this.run(ws, { restrict: ids.slice(i, i + chunk) }));
    }
    return out;
  }

  /** Full runs for every workspace. */
  async runAll(): Promise<RunResult[]> {
    const rows = await this.deps.state.query<{ id: string }>('SELECT id FROM workspaces ORDER BY id');
    const out: RunResult[] = [];
    for (const r of rows) out.push(await this.run(r.id));
    return out;
  }

  /**
   * One run for a workspace, all of its profiles or only `restrict` (surviving profile ids).
   * A full run first recomputes the models' cut points, unless `models: false` (a change that
   * cannot move them, such as a saved segment) and they already exist.
   */
  run(
    workspaceId: string,
    opts: { restrict?: readonly string[]; models?: boolean } = {},
  ): Promise<RunResult> {
    const next = this.chain.then(() => this.runNow(workspaceId, opts.restrict, opts.models ?? true));
    this.chain = next.catch(() => {});
    return next;
  }

  async definitions(workspaceId: string): Promise<SegmentToEvaluate[]> {
    const rows = await this.deps.state.query<{ id: string; definition: unknown }>(
      'SELECT id, definition FROM segments WHERE workspace_id = $1',
      [workspaceId],
    );
    return rows.map((r) => ({
      id: r.id,
      definition: (typeof r.definition === 'string' ? JSON.parse(r.definition) : r.definition) as Definition,
    }));
  }

  /** The workspace's segments, model settings, model parameters and list versions. */
  async load(workspaceId: string): Promise<WorkspaceModels> {
    const { state } = this.deps;
    const [segments, settings, params, lists] = await Promise.all([
      this.definitions(workspaceId),
      state.query<{ models: unknown }>("SELECT settings->'models' AS models FROM workspaces WHERE id = $1", [
        workspaceId,
      ]),
      state.query<{ params: unknown }>('SELECT params FROM model_params WHERE workspace_id = $1', [
        workspaceId,
      ]),
      state.query<{ id: string; version: number }>('SELECT id, version FROM lists WHERE workspace_id = $1', [
        workspaceId,
      ]),
    ]);
    const parsed = ModelSettingsSchema.safeParse(settings[0]?.models ?? {});
    const p = params[0]?.params;
    return {
      segments,
      settings: parsed.success ? parsed.data : DEFAULT_MODEL_SETTINGS,
      params: (typeof p === 'string' ? JSON.parse(p) : p) as ModelParams | undefined,
      listVersions: new Map(lists.map((l) => [l.id, Number(l.version)])),
    };
  }

  compileContext(workspaceId: string, w: WorkspaceModels, now = this.now()): CompileContext {
    const byId = new Map(w.segments.map((s) => [s.id, s.definition]));
    const settings = this.deps.settingsFor(workspaceId);
    return {
      workspaceId,
      now,
      settings,
      monthDay: localMonthDay(settings.timeZone, now),
      definitionOf: (id) => byId.get(id),
      listVersion: (id) => w.listVersions.get(id),
      models: { settings: w.settings, params: w.params },
      materialized: this.deps.events.materializedKeys(),
    };
  }

  /**
   * Asks the event store to keep the event properties the workspace's segments and models
   * read as columns of their own (`EventStore.materializeKeys`) and waits until they are
   * filled. Returns how many keys it asked for. Full runs ask without waiting.
   *
   * Traits stay in the JSON: at 100 M events their seven columns took 6.3 s of aggregation
   * against 7.2 s from the JSON (the `arg_max`es cost more than the parse), while every append
   * paid about 7 µs an event more for them (docs/benchmarks.md).
   */
  async materializeReads(workspaceId: string, w?: WorkspaceModels): Promise<number> {
    const models = w ?? (await this.load(workspaceId));
    const c = new Compiler(this.dialect, this.compileContext(workspaceId, models));
    c.models.prelude();
    flagsOf(c, [...models.segments, ...MODEL_SEGMENTS]);
    const keys = c.jsonKeys().filter((k) => k.source === 'properties');
    await this.deps.events.materializeKeys(keys);
    return keys.length;
  }

  /** Recomputes the relative models' cut points over all customers and stores them. */
  private async refreshModels(workspaceId: string, w: WorkspaceModels, now: number): Promise<ModelParams> {
    const rows = await this.deps.events.select(
      modelParamsQuery(this.dialect, this.compileContext(workspaceId, w, now)),
    );
    return this.storeParams(workspaceId, rows, now);
  }

  private async storeParams(workspaceId: string, rows: Row[], now: number): Promise<ModelParams> {
    const params = readModelParams(rows[0] ?? {}, now);
    await this.deps.state.query(
      `INSERT INTO model_params (workspace_id, params, computed_at) VALUES ($1, $2, $3)
       ON CONFLICT (workspace_id) DO UPDATE SET params = excluded.params, computed_at = excluded.computed_at`,
      [workspaceId, JSON.stringify(params), now],
    );
    return params;
  }

  private async runNow(
    workspaceId: string,
    restrict: readonly string[] | undefined,
    models: boolean,
  ): Promise<RunResult> {
    const started = performance.now();
    // A full run re-evaluates everyone; profiles marked from here on are marked again.
    if (restrict === undefined) this.dirty.delete(workspaceId);
    const { events } = this.deps;
    const w = await this.load(workspaceId);
    const now = this.now();
    const all = [...w.segments, ...MODEL_SEGMENTS];
    let diff: RunDiff;
    if (restrict === undefined && models) {
      // The cut points and the memberships from one scan (where the store keeps the rows).
      diff = stagedFullRun(
        this.dialect,
        (params) => this.compileContext(workspaceId, { ...w, params }, now),
        w.params,
        all,
        async (rows) => {
          w.params = await this.storeParams(workspaceId, rows, now);
          return w.params;
        },
      );
    } else {
      // A workspace's first run of any kind computes the cut points: until then every relative
      // model group (RFM, spending tiers) would stay empty, up to a whole refresh interval.
      if (!w.params) w.params = await this.refreshModels(workspaceId, w, now);
      diff = diffQuery(
        this.dialect,
        this.compileContext(workspaceId, w, now),
        all,
        restrict,
        restrict && (await this.sources(workspaceId, restrict)),
      );
    }
    const runId = Math.max(Date.now(), this.lastRunId + 1);
    this.lastRunId = runId;
    const applied = await events.applyRun({ workspaceId, runId, at: now, diff });
    if (restrict === undefined && this.deps.keyColumns !== false)
      this.materializeReads(workspaceId, w).catch((e) => this.deps.onError?.(e));
    if (applied.segments.length > 0) {
      await this.recordSizes(workspaceId, applied.segments, now, restrict === undefined ? undefined : runId);
      // Read back only when something listens: a first run can hold tens of millions.
      if (this.listenerCount('transitions') + this.listenerCount('stageChanges') > 0) {
        const transitions = await this.transitionsOf(workspaceId, runId, now);
        this.emit('transitions', transitions);
        const changes = stageChanges(transitions);
        if (changes.length > 0) this.emit('stageChanges', changes);
      }
    }
    const result: RunResult = {
      workspaceId,
      runId,
      changed: applied.changed,
      entered: applied.entered,
      exited: applied.exited,
      ms: Math.round(performance.now() - started),
      ...(applied.steps && { steps: applied.steps }),
    };
    this.emit('run', result);
    return result;
  }

  private async transitionsOf(workspaceId: string, runId: number, at: number): Promise<Transition[]> {
    const rows = await this.deps.events.select(
      sql`SELECT segment_id, profile_id, entered FROM segment_transitions WHERE workspace_id = ${workspaceId} AND run_id = ${runId} ORDER BY profile_id, segment_id`,
    );
    return rows.map((r) => ({
      workspaceId,
      runId,
      segmentId: String(r.segment_id),
      profileId: String(r.profile_id),
      at,
      entered: r.entered === true || Number(r.entered) === 1,
    }));
  }

  /** The profile ids the events of these surviving profiles carry: theirs and the merged ones'. */
  private async sources(workspaceId: string, restrict: readonly string[]): Promise<string[]> {
    const rows = await this.deps.events.select(
      sql`SELECT from_profile FROM profile_merges WHERE workspace_id = ${workspaceId} AND into_profile IN ${restrict}`,
    );
    return [...new Set([...restrict, ...rows.map((r) => String(r.from_profile))])];
  }

  /**
   * Current sizes of these segments, one point per segment per minute in the state store. A
   * full run counts the stored lists; an incremental one (`runId`) adds its entries and exits to
   * the last recorded sizes, since counting a million lists would take longer than the run.
   */
  private async recordSizes(
    workspaceId: string,
    ids: readonly string[],
    now: number,
    runId?: number,
  ): Promise<void> {
    const sizes =
      (runId !== undefined && (await this.sizesAfter(workspaceId, ids, runId))) ||
      (await this.sizes(workspaceId));
    const at = Math.floor(now / 60_000) * 60_000;
    await this.deps.state.query(
      `INSERT INTO segment_sizes (workspace_id, segment_id, at, size)
       SELECT $1, s, $2, n FROM unnest($3::text[], $4::bigint[]) AS t(s, n)
       ON CONFLICT (workspace_id, segment_id, at) DO UPDATE SET size = excluded.size`,
      [workspaceId, at, ids, ids.map((id) => sizes.get(id) ?? 0)],
    );
  }

  /** The last recorded sizes plus one run's entries minus its exits; undefined when one has none. */
  private async sizesAfter(
    workspaceId: string,
    ids: readonly string[],
    runId: number,
  ): Promise<Map<string, number> | undefined> {
    const [last, deltas] = await Promise.all([
      this.deps.state.query<{ segment_id: string; size: string | number }>(
        `SELECT DISTINCT ON (segment_id) segment_id, size FROM segment_sizes
         WHERE workspace_id = $1 AND segment_id = ANY($2::text[]) ORDER BY segment_id, at DESC`,
        [workspaceId, [...ids]],
      ),
      this.deps.events.select(
        sql`SELECT segment_id, sum(CASE WHEN entered THEN 1 ELSE -1 END) AS d FROM segment_transitions
            WHERE workspace_id = ${workspaceId} AND run_id = ${runId} GROUP BY segment_id`,
      ),
    ]);
    if (last.length < ids.length) return undefined;
    const sizes = new Map(last.map((r) => [r.segment_id, Number(r.size)]));
    for (const r of deltas) {
      const id = String(r.segment_id);
      sizes.set(id, (sizes.get(id) ?? 0) + Number(r.d));
    }
    return sizes;
  }

  /** Member counts per segment, from the stored lists. */
  async sizes(workspaceId: string): Promise<Map<string, number>> {
    const rows = await this.deps.events.select(this.dialect.memberCounts(workspaceId));
    return new Map(rows.map((r) => [String(r.segment_id), Number(r.n)]));
  }
}

/** Lifecycle moves in one run's transitions: the stage a profile left and the one it entered. */
export function stageChanges(transitions: readonly Transition[]): StageChange[] {
  const byProfile = new Map<string, { from: string | null; to: string | null; t: Transition }>();
  for (const t of transitions) {
    if (!t.segmentId.startsWith('lifecycle:')) continue;
    const stage = t.segmentId.slice('lifecycle:'.length);
    const e = byProfile.get(t.profileId) ?? { from: null, to: null, t };
    if (t.entered) e.to = stage;
    else e.from = stage;
    byProfile.set(t.profileId, e);
  }
  const out: StageChange[] = [];
  for (const [profileId, e] of byProfile)
    if (e.to !== null)
      out.push({ workspaceId: e.t.workspaceId, profileId, from: e.from, to: e.to, at: e.t.at });
  return out;
}
