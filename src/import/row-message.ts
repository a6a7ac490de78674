import { createHash } from 'node:crypto';
import { type CellValue, parseTimestampCell, readCell } from './cell-values.js';
import type { ColumnPlan } from './column-plan.js';

/** The Segment message one CSV row becomes. */
export interface ImportMessage {
  type: 'identify' | 'track' | 'page' | 'screen';
  messageId: string;
  userId?: string;
  anonymousId?: string;
  /** track only. */
  event?: string;
  /** page and screen only. */
  name?: string;
  timestamp?: string;
  traits?: Record<string, CellValue>;
  properties?: Record<string, CellValue>;
  context: { import: { id: string; row: number } };
}

export type RowOutcome = { ok: true; message: ImportMessage } | { ok: false; code: string; message: string };

/** One parsed CSV row: trimmed header names → raw cell text. */
export type Cells = Readonly<Record<string, string | undefined>>;

const EVENT_TYPES = new Set(['track', 'page', 'screen']);

/**
 * Turns a row into a Segment message. Only what the CSV form adds is checked here (cell
 * types, timestamps, the `type` column); the Segment rules (ids, event names, sizes) are the
 * ingestor's, so a CSV row and an API call are refused for the same reasons with the same codes.
 */
export function rowToMessage(
  plan: ColumnPlan,
  cells: Cells,
  ctx: { workspaceId: string; importId: string; row: number },
): RowOutcome {
  const cell = (column: string | undefined) => (column === undefined ? '' : (cells[column] ?? '').trim());
  const { roles } = plan;

  let type: ImportMessage['type'] = plan.kind === 'users' ? 'identify' : 'track';
  const typeText = cell(roles.type).toLowerCase();
  if (typeText !== '') {
    if (!EVENT_TYPES.has(typeText)) {
      return fail(
        'invalid_type',
        `column "${roles.type}" must be track, page or screen, not "${clip(typeText)}"`,
      );
    }
    type = typeText as ImportMessage['type'];
  }

  const message: ImportMessage = {
    type,
    messageId: cell(roles.messageId) || generatedMessageId(ctx.workspaceId, plan, cells),
    context: { import: { id: ctx.importId, row: ctx.row } },
  };
  const userId = cell(roles.userId);
  if (userId !== '') message.userId = userId;
  const anonymousId = cell(roles.anonymousId);
  if (anonymousId !== '') message.anonymousId = anonymousId;
  const event = cell(roles.event);
  if (type === 'track') message.event = event;
  else if (event !== '' && type !== 'identify') message.name = event;

  const time = cell(roles.timestamp);
  if (time !== '') {
    const ms = parseTimestampCell(time);
    if (ms === undefined) {
      return fail(
        'invalid_timestamp',
        `column "${roles.timestamp}" must be ISO-8601 or epoch seconds/milliseconds, not "${clip(time)}"`,
      );
    }
    message.timestamp = new Date(ms).toISOString();
  } else if (plan.kind === 'events' && roles.timestamp !== undefined) {
    // A historical event without a time would be dated "now" and skew recency and lifecycle.
    return fail('missing_timestamp', `column "${roles.timestamp}" is empty`);
  }

  for (const f of plan.fields) {
    const text = cell(f.column);
    if (text === '') continue;
    const value = readCell(text, f.type);
    if (value === undefined) {
      return fail('invalid_value', `column "${f.column}" must be a ${f.type}, not "${clip(text)}"`);
    }
    const target = message[f.target] ?? {};
    target[f.name] = value;
    message[f.target] = target;
  }
  if (type === 'identify') message.traits ??= {};
  return { ok: true, message };
}

/**
 * `import-` + 32 hex digits of sha256(workspace, kind, the row's non-empty trimmed cells keyed
 * by header name, sorted). The mapping is left out on purpose: re-running a file with other
 * options or reordered columns finds the same ids and loads nothing twice. The price is that
 * identical rows in one file are one event (the repeats count as skipped).
 */
export function generatedMessageId(workspaceId: string, plan: ColumnPlan, cells: Cells): string {
  const content: [string, string][] = [];
  for (const column of plan.hashColumns) {
    const v = (cells[column] ?? '').trim();
    if (v !== '') content.push([column, v]);
  }
  const h = createHash('sha256')
    .update(JSON.stringify([workspaceId, plan.kind, content]))
    .digest('hex');
  return `import-${h.slice(0, 32)}`;
}

const fail = (code: string, message: string): RowOutcome => ({ ok: false, code, message });
const clip = (s: string) => (s.length > 40 ? `${s.slice(0, 40)}…` : s);
