import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import type { Tailor } from '../runtime/tailor.js';
import { type AppOptions, createApp } from './app.js';

export interface RunningServer {
  url: string;
  close(): Promise<void>;
}

/**
 * Listens on host:port (port 0 picks a free one). `close` stops accepting connections, lets
 * in-flight requests finish, then flushes the applier and closes the stores: after a clean
 * shutdown every acknowledged event is in the stores, not only in the spool.
 */
export async function startServer(
  tailor: Tailor,
  opts: AppOptions & { host: string; port: number },
): Promise<RunningServer> {
  const app = createApp(tailor, opts);
  const server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
    const s = serve({ fetch: app.fetch, hostname: opts.host, port: opts.port }, () => resolve(s));
    s.once('error', reject);
  });
  server.on('error', (err) => tailor.log.error({ err }, 'http server error'));
  const addr = server.address() as AddressInfo;
  const host = addr.family === 'IPv6' ? `[${addr.address}]` : addr.address;
  let closing: Promise<void> | undefined;
  return {
    url: `http://${host}:${addr.port}`,
    close() {
      closing ??= (async () => {
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          // Idle keep-alive connections would hold close() open.
          (server as unknown as { closeIdleConnections?: () => void }).closeIdleConnections?.();
        });
        await tailor.close();
      })();
      return closing;
    },
  };
}
