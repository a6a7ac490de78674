import { startServer } from '../../src/http/server.js';
import { startTailor, type Tailor } from '../../src/runtime/tailor.js';
import { systemCtx } from '../../src/services/context.js';
import { createApiKey } from '../../src/services/keys/create-api-key.js';
import { addConsoleUser } from '../../src/services/users/create-user.js';
import { createWorkspace } from '../../src/services/workspaces/create-workspace.js';
import { type StoreCombo, testConfig } from './stores.js';

export interface TestWorkspace {
  id: string;
  writeKey: string;
  secretKey: string;
}

/** Creates a workspace with a write key and a secret key. */
export async function makeWorkspace(tailor: Tailor, id: string): Promise<TestWorkspace> {
  await createWorkspace({ tailor, actor: { type: 'system', id: 'test' }, input: { id, name: id } });
  const ctx = systemCtx(tailor, id);
  const w = await createApiKey({ ctx, input: { type: 'write' } });
  const s = await createApiKey({ ctx, input: { type: 'secret' } });
  return { id, writeKey: w.secret, secretKey: s.secret };
}

export async function addUser(
  tailor: Tailor,
  workspaceId: string,
  email: string,
  role: 'admin' | 'operator' | 'analyst' | 'agent',
  password = 'password-123',
) {
  return addConsoleUser({
    tailor,
    actor: { type: 'system', id: 'test' },
    input: { workspaceId, email, password, role },
  });
}

export interface TestServer {
  tailor: Tailor;
  url: string;
  close(): Promise<void>;
}

/** A real Tailor server on a free loopback port, on fresh stores of the given combination. */
export async function startTestTailor(
  combo: Pick<StoreCombo, 'state' | 'events'>,
  opts: { consoleDir?: string; maxBacklog?: number } = {},
): Promise<TestServer> {
  const { config, cleanup } = await testConfig(combo);
  const tailor = await startTailor(config, { maxBacklog: opts.maxBacklog });
  const server = await startServer(tailor, { host: '127.0.0.1', port: 0, consoleDir: opts.consoleDir });
  return {
    tailor,
    url: server.url,
    async close() {
      await server.close();
      await cleanup();
    },
  };
}

/** POSTs JSON to the tracking API with the write key as HTTP Basic user. */
export async function track(
  url: string,
  writeKey: string,
  path: string,
  body: unknown,
  headers: Record<string, string> = {},
) {
  const res = await fetch(`${url}${path}`, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      Authorization: `Basic ${Buffer.from(`${writeKey}:`).toString('base64')}`,
      ...headers,
    },
    body: typeof body === 'string' || body instanceof Uint8Array ? (body as string) : JSON.stringify(body),
  });
  const json = (await res.json().catch(() => null)) as Record<string, unknown> | null;
  const code = (json?.error as { code?: string } | undefined)?.code;
  return { status: res.status, headers: res.headers, body: json, code };
}

/** GET/PATCH/POST on the admin API with a secret key. */
export async function api(url: string, secretKey: string, method: string, path: string, body?: unknown) {
  const res = await fetch(`${url}/api/v1${path}`, {
    method,
    headers: {
      Authorization: `Bearer ${secretKey}`,
      ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  // biome-ignore lint/suspicious/noExplicitAny: tests read deep into JSON responses and assert on the values.
  return { status: res.status, body: (text ? JSON.parse(text) : null) as Record<string, any> };
}
