import { once } from 'node:events';
import { createWriteStream, readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { invalid } from '../../core/errors.js';
import { type Ctx, systemCtx } from '../../services/context.js';
import { findSegment, getSegment, listSegments } from '../../services/segments/get-segment.js';
import { previewSegment } from '../../services/segments/preview-segment.js';
import { saveSegment } from '../../services/segments/save-segment.js';
import { exportSegmentMembers, listSegmentMembers } from '../../services/segments/segment-members.js';
import { withWorkspace } from '../context.js';

const ADMIN = { ingest: false };

/** The definition from --definition (JSON text) or --file (a JSON file), either given. */
function readDefinition(o: { definition?: string; file?: string }): unknown {
  const text = o.definition ?? (o.file ? readFileSync(o.file, 'utf8') : undefined);
  if (text === undefined) throw invalid('missing_definition', 'give --definition <json> or --file <path>');
  try {
    const v = JSON.parse(text) as Record<string, unknown>;
    // A file may hold the definition itself or a saved segment ({ name, definition }).
    return v && typeof v === 'object' && 'root' in v ? v : (v.definition ?? v);
  } catch (e) {
    throw invalid('invalid_json', `the definition is not JSON: ${(e as Error).message}`);
  }
}

const inWorkspace = (cmd: Command, ws: string, fn: (ctx: Ctx) => Promise<void>) =>
  withWorkspace(cmd, ws, (t) => fn(systemCtx(t, ws)), ADMIN);

const out = (s: string) => process.stdout.write(s);

export function registerSegmentCommands(program: Command) {
  const segment = program.command('segment').description('segments: create, list, preview, members, export');
  const common = (c: Command) => c.requiredOption('--workspace <id>', 'workspace id');

  common(segment.command('create'))
    .description('create a segment from a JSON definition (docs/segments.md)')
    .requiredOption('--name <name>', 'segment name')
    .option('--description <text>', 'description')
    .option('--definition <json>', 'the definition as JSON text')
    .option('--file <path>', 'a JSON file holding the definition')
    .action(async (o, cmd: Command) =>
      inWorkspace(cmd, o.workspace, async (ctx) => {
        const seg = await saveSegment({
          ctx,
          input: { name: o.name, description: o.description, definition: readDefinition(o) },
        });
        const { size } = await getSegment({ ctx, input: { id: seg.id } });
        out(`created ${seg.id} "${seg.name}": ${size} members\n`);
      }),
    );

  common(segment.command('list'))
    .description('list segments with their sizes')
    .option('--models', "include the built-in models' groups")
    .option('--json', 'print JSON')
    .action(async (o, cmd: Command) =>
      inWorkspace(cmd, o.workspace, async (ctx) => {
        const segs = await listSegments({ ctx, input: { includeModels: Boolean(o.models) } });
        if (o.json) out(`${JSON.stringify(segs, null, 2)}\n`);
        else for (const s of segs) out(`${s.id}\t${s.size}\t${s.name}\n`);
      }),
    );

  common(segment.command('preview'))
    .description('size and sample members of a definition, without saving it')
    .option('--definition <json>', 'the definition as JSON text')
    .option('--file <path>', 'a JSON file holding the definition')
    .option('--sample <n>', 'sample size (0–100)', '10')
    .action(async (o, cmd: Command) =>
      inWorkspace(cmd, o.workspace, async (ctx) => {
        const p = await previewSegment({
          ctx,
          input: { definition: readDefinition(o), sample: Number(o.sample) },
        });
        out(`${p.size} of ${p.profiles} profiles\n${p.sample.map((id) => `  ${id}\n`).join('')}`);
      }),
    );

  common(segment.command('members'))
    .description("print a segment's member profile ids, one per line")
    .argument('<id>', 'segment id (or a model group such as lifecycle:new)')
    .option('--limit <n>', 'at most this many', '1000')
    .action(async (id: string, o, cmd: Command) =>
      inWorkspace(cmd, o.workspace, async (ctx) => {
        let left = Number(o.limit);
        if (!Number.isInteger(left) || left < 1)
          throw invalid('invalid_limit', '--limit must be a positive integer');
        let after: string | undefined;
        while (left > 0) {
          const page = await listSegmentMembers({ ctx, input: { id, limit: Math.min(left, 10_000), after } });
          out(page.members.map((m) => `${m}\n`).join(''));
          left -= page.members.length;
          if (!page.nextCursor) break;
          after = page.nextCursor;
        }
      }),
    );

  common(segment.command('export'))
    .description("write a segment's members as CSV (profile_id,user_id,email,phone,name)")
    .argument('<id>', 'segment id (or a model group such as lifecycle:new)')
    .option('--out <path>', 'file to write (default: standard output)')
    .action(async (id: string, o, cmd: Command) =>
      inWorkspace(cmd, o.workspace, async (ctx) => {
        await findSegment(ctx, id);
        const sink = o.out ? createWriteStream(o.out) : process.stdout;
        for await (const chunk of exportSegmentMembers(ctx, id))
          if (!sink.write(chunk)) await once(sink, 'drain');
        if (o.out) {
          (sink as ReturnType<typeof createWriteStream>).end();
          await once(sink, 'finish');
        }
      }),
    );
}
