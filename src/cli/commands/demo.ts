import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ServiceError } from '../../core/errors.js';
import { type DemoMessage, demoHistories } from '../../demo/index.js';
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
  users: number;
  events: number;
}

const SYSTEM = { type: 'system' as const, id: 'tailor-demo' };

/**
 * Creates (or tops up) the demo shop workspace: an admin login, a write key, and `users`
 * generated customers sent through the normal ingest path. The write key is kept in the data
 * directory so `npm start` can print it every time (demo workspaces only).
 */
export async function loadDemo(
  tailor: Tailor,
  opts: {
    workspaceId: string;
    users: number;
    seed: number;
    /** Epoch ms at which the generated history ends (demo/options.ts has the fixed default). */
    end?: number | undefined;
    onProgress?: (done: number, total: number) => void;
  },
): Promise<DemoResult> {
  const ws = opts.workspaceId;
  if (!(await getWorkspace({ tailor, id: ws }))) {
    await createWorkspace({
      tailor,
      actor: SYSTEM,
      input: { id: ws, name: ws === 'demo' ? 'Demo shop · 演示商城' : ws },
    });
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
  let events = 0;
  let pending: DemoMessage[] = [];
  const flush = async () => {
    for (;;) {
      try {
        const r = await tailor.ingestor.ingest(ws, pending);
        events += r.accepted;
        break;
      } catch (e) {
        if (!(e instanceof ServiceError && e.kind === 'rate_limited')) throw e;
        await new Promise((res) => setTimeout(res, 200));
      }
    }
    pending = [];
  };
  let done = 0;
  const demoOpts = {
    seed: opts.seed,
    users: opts.users,
    ...(opts.end === undefined ? {} : { end: opts.end }),
  };
  for (const h of demoHistories(demoOpts)) {
    pending.push(...h.messages);
    done++;
    if (pending.length >= 2000) await flush();
    if (done % 1000 === 0) opts.onProgress?.(done, opts.users);
  }
  if (pending.length > 0) await flush();
  await tailor.applier.idle();
  // A full run now, so the models' cut points and every membership are there when the shop is
  // first shown, rather than after the first periodic refresh.
  if (opts.users > 0) await tailor.segments.run(ws);
  opts.onProgress?.(opts.users, opts.users);
  return { workspaceId: ws, writeKey, login: DEMO_LOGIN, users: opts.users, events };
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
