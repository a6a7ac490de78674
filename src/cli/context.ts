import type { Command } from 'commander';
import { type Config, loadConfig } from '../config/env.js';
import { exitCodeOf, invalid, ServiceError } from '../core/errors.js';
import { startTailor, type Tailor } from '../runtime/tailor.js';
import { getWorkspace } from '../services/workspaces/list-workspaces.js';

export interface GlobalOptions {
  dataDir?: string;
  stateUrl?: string;
  eventsUrl?: string;
}

export function configFrom(cmd: Command, extra: { host?: string; port?: number } = {}): Config {
  const g = cmd.optsWithGlobals<GlobalOptions>();
  return loadConfig(process.env, {
    dataDir: g.dataDir,
    stateUrl: g.stateUrl,
    eventsUrl: g.eventsUrl,
    ...extra,
  });
}

/**
 * Runs a command body against a started Tailor and always closes it. `ingest: false` for
 * administrative commands, which need the stores but not the ingest machinery.
 */
export async function withTailor<T>(
  cmd: Command,
  fn: (t: Tailor) => Promise<T>,
  opts: { ingest?: boolean } = {},
): Promise<T> {
  const cfg = configFrom(cmd);
  const tailor = await startTailor({ ...cfg, logLevel: 'warn' }, { ingest: opts.ingest ?? true });
  try {
    return await fn(tailor);
  } finally {
    await tailor.close();
  }
}

/** `withTailor` for a command acting in one workspace: an unknown workspace is refused first. */
export function withWorkspace<T>(
  cmd: Command,
  workspaceId: string,
  fn: (t: Tailor) => Promise<T>,
  opts: { ingest?: boolean } = {},
): Promise<T> {
  return withTailor(
    cmd,
    async (t) => {
      if (!(await getWorkspace({ tailor: t, id: workspaceId })))
        throw invalid('unknown_workspace', `no workspace ${workspaceId}`);
      return fn(t);
    },
    opts,
  );
}

/** Prints an error the way scripts expect: one line on stderr, an exit code per error kind. */
export function fail(e: unknown): never {
  if (e instanceof ServiceError) {
    process.stderr.write(`error: ${e.message} (${e.code})\n`);
    process.exit(exitCodeOf(e.kind));
  }
  process.stderr.write(`error: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
}
