import path from 'node:path';
import { addUser, makeWorkspace, startTestTailor } from './tailor.js';

const consoleDir = path.resolve(import.meta.dirname, '../../console/dist');

/**
 * A real Tailor (PGlite + DuckDB on a fresh data dir) serving the built console, with a
 * workspace, an admin login and a write key: what the console's end-to-end test drives.
 * `npm test` builds the console first (the `pretest` script).
 */
export async function startTestServer() {
  const s = await startTestTailor({ state: 'pglite', events: 'duckdb' }, { consoleDir });
  const ws = await makeWorkspace(s.tailor, 'e2e-shop');
  const login = { email: 'admin@e2e.example.com', password: 'password-123' };
  await addUser(s.tailor, ws.id, login.email, 'admin', login.password);
  // `tailor` lets a test add users of other roles to the workspace.
  return { url: s.url, login, workspaceId: ws.id, writeKey: ws.writeKey, tailor: s.tailor, close: s.close };
}
