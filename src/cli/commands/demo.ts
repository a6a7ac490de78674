import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { conflict, ServiceError } from '../../core/errors.js';
import { DEFAULT_END, type DemoMessage, demoHistories } from '../../demo/index.js';
import type { Tailor } from '../../runtime/tailor.js';
import { systemCtx } from '../../services/context.js';
import { createApiKey } from '../../services/keys/create-api-key.js';
import { addConsoleUser } from '../../services/users/create-user.js';
import { createWorkspace } from '../../services/workspaces/create-workspace.js';
import { getWorkspace } from '../../services/workspaces/list-workspaces.js';

export const DEMO_LOGIN = { email: 'admin@tailor.local', password: 'tailor-demo' };

export interface DemoResult {
  workspaceId: string;
  writeKey: string;
  login: typeof DEMO_LOGIN;
  /** Customers in the shop now, and how many this call added. */
  users: number;
  added: number;
  events: number;
}

const SYSTEM = { type: 'system' as const, id: 'tailor-demo' };

/**
 * What a workspace's demo shop was generated with, kept in its settings (`settings.demo`):
 * customers [0, users) of the history (seed, end) have been ingested. A later `tailor demo`
 * adds only customers from `users` on, with the same seed and end, so running it again never
 * sends an event twice, however long after (the ingest dedup window covers only 24 hours).
 */
export interface DemoRecord {
  seed: number;
  end: number;
  users: number;
}

export async function readDemoRecord(tailor: Tailor, ws: string): Promise<DemoRecord | null> {
  const [row] = await tailor.state.query<{ demo: DemoRecord | null }>(
    "SELECT settings->'demo' AS demo FROM workspaces WHERE id = $1",
    [ws],
  );
  return row?.demo ?? null;
}

async function writeDemoRecord(tailor: Tailor, ws: string, rec: DemoRecord): Promise<void> {
  await tailor.state.query(
    `UPDATE workspaces SET settings = jsonb_set(coalesce(settings, '{}'::jsonb), '{demo}', $2::jsonb) WHERE id = $1`,
    [ws, JSON.stringify(rec)],
  );
}

const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/**
 * Creates or extends the demo shop workspace: an admin login, a write key, and generated
 * customers sent through the normal ingest path, up to `users` in all. The write key is kept
 * in the data directory so `npm start` can print it every time (demo workspaces only).
 *
 * Customers already loaded are not sent again (see `DemoRecord`); progress is recorded as it
 * goes, so an interrupted load resumes where it stopped. Extending needs the seed and end the
 * shop was made with: another history would be a second shop mixed into the first, so that is
 * refused (`demo_mismatch`), as is generating into a workspace that has data of its own
 * (`demo_workspace_not_empty`).
 */
export async function loadDemo(
  tailor: Tailor,
  opts: {
    workspaceId: string;
    /** Customers the shop should have in all. */
    users: number;
    seed: number;
    /** Epoch ms at which the generated history ends (default: demo/options.ts's fixed day). */
    end?: number | undefined;
    onProgress?: (done: number, total: number) => void;
  },
): Promise<DemoResult> {
  const ws = opts.workspaceId;
  const end = opts.end ?? DEFAULT_END;
  if (!(await getWorkspace({ tailor, id: ws }))) {
    await createWorkspace({
      tailor,
      actor: SYSTEM,
      input: { id: ws, name: ws === 'demo' ? 'Demo shop · 演示商城' : ws },
    });
  }
  const record = await readDemoRecord(tailor, ws);
  const loaded = record?.users ?? 0;
  if (opts.users > loaded) {
    if (record && (record.seed !== opts.seed || record.end !== end))
      throw conflict(
        'demo_mismatch',
        `workspace ${ws} holds a demo shop with seed ${record.seed} ending ${day(record.end)}; ` +
          `extend it with the same --seed and --end, or use another workspace`,
      );
    if (!record) {
      const [row] = await tailor.state.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM profiles WHERE workspace_id = $1',
        [ws],
      );
      if ((row?.n ?? 0) > 0)
        throw conflict(
          'demo_workspace_not_empty',
          `workspace ${ws} already has profiles that no demo load recorded; use another workspace`,
        );
    }
  }
  await addConsoleUser({
    tailor,
    actor: SYSTEM,
    input: {
      workspaceId: ws,
      email: DEMO_LOGIN.email,
      name: 'Admin',
      password: DEMO_LOGIN.password,
      role: 'admin',
    },
  }).catch((e) => {
    if (!(e instanceof ServiceError && e.code === 'member_exists')) throw e;
  });
  const writeKey = await demoWriteKey(tailor, ws);
  if (opts.users <= loaded)
    return { workspaceId: ws, writeKey, login: DEMO_LOGIN, users: loaded, added: 0, events: 0 };

  let events = 0;
  let pending: DemoMessage[] = [];
  let done = loaded;
  const flush = async () => {
    while (pending.length > 0) {
      try {
        const r = await tailor.ingestor.ingest(ws, pending);
        events += r.accepted;
        pending = [];
      } catch (e) {
        if (!(e instanceof ServiceError && e.kind === 'rate_limited')) throw e;
        await new Promise((res) => setTimeout(res, 200));
      }
    }
    // Every customer before `done` is now in the spool (durable): record it, so a load that is
    // interrupted and run again starts here rather than sending those events twice.
    await writeDemoRecord(tailor, ws, { seed: opts.seed, end, users: done });
  };
  for (const h of demoHistories({ seed: opts.seed, users: opts.users, end }, loaded)) {
    pending.push(...h.messages);
    done++;
    if (pending.length >= 2000) await flush();
    if (done % 1000 === 0) opts.onProgress?.(done, opts.users);
  }
  await flush();
  await tailor.applier.idle();
  // A full run now, so the models' cut points and every membership are there when the shop is
  // first shown, rather than after the first periodic refresh.
  await tailor.segments.run(ws);
  opts.onProgress?.(opts.users, opts.users);
  return {
    workspaceId: ws,
    writeKey,
    login: DEMO_LOGIN,
    users: opts.users,
    added: opts.users - loaded,
    events,
  };
}

/** `today` (the start of the current UTC day) or a date `YYYY-MM-DD`, as epoch ms. */
export function parseDemoEnd(text: string, now = Date.now()): number {
  if (text === 'today') return now - (now % 86_400_000);
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  const t = m ? Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) : Number.NaN;
  if (!m || new Date(t).getUTCDate() !== Number(m[3]))
    throw new ServiceError('invalid', 'invalid_demo_end', 'end must be "today" or a date YYYY-MM-DD');
  return t;
}

async function demoWriteKey(tailor: Tailor, ws: string): Promise<string> {
  const file = path.join(tailor.config.dataDir, `demo-write-key-${ws}`);
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  const { secret } = await createApiKey({
    ctx: systemCtx(tailor, ws),
    input: { type: 'write', name: 'demo' },
  });
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}
