import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command, InvalidArgumentError, Option } from 'commander';
import { ServiceError } from '../core/errors.js';
import { startServer } from '../http/server.js';
import { startTailor } from '../runtime/tailor.js';
import { ROLES, type Role, systemCtx } from '../services/context.js';
import { createApiKey } from '../services/keys/create-api-key.js';
import { addConsoleUser } from '../services/users/create-user.js';
import { createWorkspace } from '../services/workspaces/create-workspace.js';
import { getWorkspaceSettings } from '../services/workspaces/get-workspace-settings.js';
import { getWorkspace } from '../services/workspaces/list-workspaces.js';
import { updateWorkspaceSettings } from '../services/workspaces/update-workspace-settings.js';
import { loadDemo, parseDemoEnd, readDemoRecord } from './commands/demo.js';
import { registerSegmentCommands } from './commands/segment.js';
import { configFrom, fail, withTailor, withWorkspace } from './context.js';

/** Commands that only administer skip the ingest start-up work (see withTailor). */
const ADMIN = { ingest: false };

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const consoleDir = path.join(repoRoot, 'console/dist');

const int = (name: string, min: number, max: number) => (v: string) => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < min || n > max)
    throw new InvalidArgumentError(`${name} must be an integer from ${min} to ${max}`);
  return n;
};

const program = new Command('tailor')
  .description('Tailor: user operations platform')
  .option(
    '--data-dir <dir>',
    'data directory for embedded stores and the ingest spool (env TAILOR_DATA_DIR, default ./.tailor)',
  )
  .option(
    '--state-url <url>',
    'PostgreSQL URL for the state store (env TAILOR_STATE_URL; default embedded PGlite)',
  )
  .option(
    '--events-url <url>',
    'ClickHouse HTTP URL for the event store (env TAILOR_EVENTS_URL; default embedded DuckDB)',
  )
  .showHelpAfterError()
  .exitOverride((err) => process.exit(err.exitCode === 0 ? 0 : 2));

async function serveUntilSignal(
  cmd: Command,
  opts: { host?: string; port?: number },
  before?: (t: Awaited<ReturnType<typeof startTailor>>) => Promise<string[]>,
) {
  const cfg = configFrom(cmd, opts);
  const tailor = await startTailor(cfg);
  const lines = before ? await before(tailor) : [];
  const server = await startServer(tailor, { host: cfg.host, port: cfg.port, consoleDir });
  const shown = cfg.host === '0.0.0.0' ? server.url.replace('0.0.0.0', 'localhost') : server.url;
  process.stdout.write(
    [`Tailor is running at ${shown}`, `API docs: ${shown}/api/v1/docs`, ...lines, ''].join('\n'),
  );
  if (!existsSync(path.join(consoleDir, 'index.html')))
    process.stdout.write('(console not built: run npm run console:build)\n');
  const stop = async (signal: string) => {
    tailor.log.info({ signal }, 'shutting down: flushing events to the stores');
    await server.close();
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop('SIGTERM'));
  process.once('SIGINT', () => void stop('SIGINT'));
}

program
  .command('serve')
  .description('start the HTTP server (tracking API, admin API, console)')
  .option('--host <host>', 'interface to listen on (env TAILOR_HOST, default 127.0.0.1)')
  .addOption(
    new Option('--port <port>', 'port (env TAILOR_PORT, default 3000)').argParser(int('port', 0, 65535)),
  )
  .action(async (o, cmd: Command) => serveUntilSignal(cmd, o));

program
  .command('start')
  .description('serve with the demo workspace, creating it on first start (what `npm start` runs)')
  .option('--host <host>', 'interface to listen on')
  .addOption(new Option('--port <port>', 'port').argParser(int('port', 0, 65535)))
  .addOption(
    new Option('--users <n>', 'demo customers on first start')
      .argParser(int('users', 1, 10_000_000))
      .default(2000),
  )
  .action(async (o, cmd: Command) =>
    serveUntilSignal(cmd, o, async (tailor) => {
      const fresh = !(await getWorkspace({ tailor, id: 'demo' }));
      // A first start creates the shop; a later one finishes a load that was interrupted, with
      // the history it began. A demo workspace from before loads were recorded is left as is.
      const record = fresh ? null : await readDemoRecord(tailor, 'demo');
      if (fresh) process.stdout.write(`Creating the demo workspace (${o.users} customers)…\n`);
      else if (record && record.users < o.users)
        process.stdout.write(`Finishing the demo workspace (${record.users} of ${o.users} customers)…\n`);
      const load = (users: number) =>
        loadDemo(tailor, {
          workspaceId: 'demo',
          users,
          seed: record?.seed ?? 42,
          // The history ends today, so a new demo's "last 30 days" are full whenever it is started.
          end: record?.end ?? parseDemoEnd('today'),
        });
      const demo = await load(o.users).catch((e) => {
        if (e instanceof ServiceError && e.code === 'demo_workspace_not_empty') return load(0);
        throw e;
      });
      return [
        `Log in: ${demo.login.email} / ${demo.login.password}`,
        `Write key (demo workspace): ${demo.writeKey}`,
      ];
    }),
  );

program
  .command('demo')
  .description('create or extend a demo shop workspace with generated customers')
  .option('--workspace <id>', 'workspace id', 'demo')
  .addOption(
    new Option('--users <n>', 'customers the shop should have (an existing demo shop is extended)')
      .argParser(int('users', 1, 10_000_000))
      .default(2000),
  )
  .addOption(
    new Option('--seed <n>', 'random seed (same seed, same data)')
      .argParser(int('seed', 0, 2 ** 31))
      .default(42),
  )
  .option(
    '--end <date>',
    'day the history ends: YYYY-MM-DD or "today" (default 2026-11-01, so output never depends on the clock)',
  )
  .action(async (o, cmd: Command) =>
    withTailor(cmd, async (tailor) => {
      const started = Date.now();
      const r = await loadDemo(tailor, {
        workspaceId: o.workspace,
        users: o.users,
        seed: o.seed,
        end: o.end === undefined ? undefined : parseDemoEnd(o.end),
        onProgress: (done, total) => process.stderr.write(`\r${done}/${total} customers`),
      });
      process.stderr.write('\n');
      process.stdout.write(
        `workspace ${r.workspaceId}: ${r.users} customers (${r.added} added), ${r.events} events in ${((Date.now() - started) / 1000).toFixed(1)} s\nlogin ${r.login.email} / ${r.login.password}\nwrite key ${r.writeKey}\n`,
      );
    }),
  );

program
  .command('migrate')
  .description('create or upgrade the schemas of both stores')
  .action(async (_o, cmd: Command) => {
    await withTailor(
      cmd,
      async (t) => {
        process.stdout.write(`migrated state store (${t.state.kind}) and event store (${t.events.kind})\n`);
      },
      ADMIN,
    );
  });

const keys = program.command('keys').description('API keys');
keys
  .command('create')
  .description('create a key and print only the key (for scripts)')
  .requiredOption('--workspace <id>', 'workspace id')
  .addOption(
    new Option('--type <type>', 'write (SDKs send events) or secret (admin API)')
      .choices(['write', 'secret'])
      .makeOptionMandatory(),
  )
  .option('--name <name>', 'a label', '')
  .action(async (o, cmd: Command) =>
    withWorkspace(
      cmd,
      o.workspace,
      async (tailor) => {
        const { secret } = await createApiKey({
          ctx: systemCtx(tailor, o.workspace),
          input: { type: o.type, name: o.name },
        });
        process.stdout.write(`${secret}\n`);
      },
      ADMIN,
    ),
  );

const workspace = program.command('workspace').description('workspaces');
workspace
  .command('create')
  .requiredOption('--name <name>', 'display name')
  .option('--id <id>', 'workspace id (default: generated)')
  .action(async (o, cmd: Command) =>
    withTailor(
      cmd,
      async (tailor) => {
        const ws = await createWorkspace({
          tailor,
          actor: { type: 'system', id: 'cli' },
          input: { name: o.name, id: o.id },
        });
        process.stdout.write(`${ws.id}\n`);
      },
      ADMIN,
    ),
  );
workspace
  .command('settings')
  .description("print the workspace's settings (JSON), changing those given first")
  .requiredOption('--workspace <id>', 'workspace id')
  .option('--time-zone <name>', 'IANA time zone where the days begin, e.g. Asia/Shanghai')
  .option('--phone-region <code>', 'region for phone numbers without a country code, e.g. CN')
  .action(async (o, cmd: Command) =>
    withWorkspace(
      cmd,
      o.workspace,
      async (tailor) => {
        const ctx = systemCtx(tailor, o.workspace);
        const patch = {
          ...(o.timeZone === undefined ? {} : { timeZone: o.timeZone }),
          ...(o.phoneRegion === undefined ? {} : { phoneRegion: o.phoneRegion }),
        };
        const settings =
          Object.keys(patch).length > 0
            ? await updateWorkspaceSettings({ ctx, input: patch })
            : await getWorkspaceSettings({ ctx });
        process.stdout.write(`${JSON.stringify(settings, null, 2)}\n`);
      },
      ADMIN,
    ),
  );

program
  .command('user')
  .description('console users')
  .command('add')
  .requiredOption('--workspace <id>', 'workspace id')
  .requiredOption('--email <email>', 'login email')
  .requiredOption('--password <password>', 'password (8+ characters)')
  .addOption(new Option('--role <role>', 'role in the workspace').choices([...ROLES]).default('operator'))
  .option('--name <name>', 'display name')
  .action(async (o, cmd: Command) =>
    withWorkspace(
      cmd,
      o.workspace,
      async (tailor) => {
        const u = await addConsoleUser({
          tailor,
          actor: { type: 'system', id: 'cli' },
          input: {
            workspaceId: o.workspace,
            email: o.email,
            password: o.password,
            role: o.role as Role,
            name: o.name,
          },
        });
        process.stdout.write(`${u.id}\n`);
      },
      ADMIN,
    ),
  );

registerImport(program);
registerSegmentCommands(program);

function registerImport(p: Command) {
  const imp = p
    .command('import')
    .description('import a CSV file (streaming; re-running the same file adds nothing)');
  for (const kind of ['users', 'events'] as const) {
    imp
      .command(`${kind} <file>`)
      .description(
        kind === 'users'
          ? 'one row per user: id column plus trait columns'
          : 'one row per event: id, event name, timestamp, property columns',
      )
      .requiredOption('--workspace <id>', 'workspace id')
      .option('--map <spec>', 'column mapping, e.g. userId=customer_no,event=action,ignore=notes;tmp')
      .option('--errors-out <file>', 'write the per-row error report as CSV')
      .action(async (file: string, o, cmd: Command) =>
        withWorkspace(cmd, o.workspace, async (tailor) => {
          const { runImportCommand } = await import('../import/index.js');
          const r = await runImportCommand({
            tailor,
            workspaceId: o.workspace,
            kind,
            file,
            mapSpec: o.map,
            errorsOut: o.errorsOut,
          });
          process.stdout.write(
            `${r.rows} rows: ${r.ok} imported, ${r.skipped} already present, ${r.failed} failed\n`,
          );
          for (const e of r.errors.slice(0, 20))
            process.stdout.write(`  row ${e.row}: ${e.code} ${e.message}\n`);
          if (r.failed > 0) process.exitCode = 3;
        }),
      );
  }
}

program.parseAsync(process.argv).catch(fail);
