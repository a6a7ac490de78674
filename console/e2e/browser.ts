import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { CHROMIUM } from '../../test/helpers/chromium.js';
import { startTestServer } from '../../test/helpers/server.js';

export type TestServer = Awaited<ReturnType<typeof startTestServer>>;

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface ConsoleSession {
  server: TestServer;
  context: BrowserContext;
  page: Page;
  /** Uncaught errors of the page; a test ends by expecting none. */
  pageErrors: string[];
  /** The console API as the signed-in browser calls it (session cookie, workspace header). */
  api(
    method: 'GET' | 'POST' | 'PATCH',
    url: string,
    data?: unknown,
  ): Promise<{ status: number; body: Record<string, unknown> }>;
  close(): Promise<void>;
}

/**
 * A real Tailor (fresh data dir, console already built) and a headless Chromium pointed at it,
 * with confirm dialogs accepted. Call only where `CHROMIUM` is set.
 */
export async function openConsole(): Promise<ConsoleSession> {
  const server = await startTestServer();
  // launch() refuses a --user-data-dir argument; a persistent context is Playwright's way to pass one.
  const userDataDir = mkdtempSync(path.join(tmpdir(), 'tailor-e2e-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM!,
    args: CHROMIUM_ARGS,
    headless: true,
    locale: 'en-US',
    baseURL: server.url,
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const pageErrors: string[] = [];
  page.on('pageerror', (err) => pageErrors.push(err.message));
  page.on('dialog', (dialog) => void dialog.accept());
  return {
    server,
    context,
    page,
    pageErrors,
    async api(method, url, data) {
      const headers = { 'Tailor-Workspace': server.workspaceId };
      const res =
        method === 'GET'
          ? await context.request.get(url, { headers })
          : await context.request.fetch(url, { method, headers, data });
      return { status: res.status(), body: (await res.json()) as Record<string, unknown> };
    },
    async close() {
      await context.close();
      await server.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

/** Posts a batch to the tracking API with the workspace's write key. */
export async function postBatch(server: TestServer, batch: Record<string, unknown>[]) {
  const res = await fetch(`${server.url}/v1/batch`, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      Authorization: `Basic ${Buffer.from(`${server.writeKey}:`).toString('base64')}`,
    },
    body: JSON.stringify({ batch }),
  });
  return { status: res.status, body: (await res.json()) as unknown };
}
