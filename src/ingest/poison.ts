import { storableText } from '../core/text.js';
import type { Sql } from '../stores/state/state-store.js';
import type { EventRecord } from './event-record.js';
import { encodeRecords } from './spool-codec.js';

/** An event with its place in the spool: record `lsn`, position `index` within it. */
export interface Placed {
  lsn: number;
  index: number;
  record: EventRecord;
}

/** An event a store refused on its own, and why. */
export interface Poison extends Placed {
  store: 'state' | 'events';
  error: string;
}

export const placeKey = (lsn: number, index: number) => `${lsn}:${index}`;

/**
 * The items that `trial` refuses on their own. `trial` must write nothing and throw when the
 * store would refuse the records; the items are halved until each failing half is one item,
 * so k bad events among n cost about 2·k·log₂(n) trials of shrinking size.
 *
 * A failure that needs items from both halves (neither half fails alone) is not pinned on any
 * item: those items are kept, and the batch goes on being retried.
 */
export async function isolate(
  items: readonly Placed[],
  trial: (records: EventRecord[]) => Promise<void>,
): Promise<{ item: Placed; error: unknown }[]> {
  if (items.length === 0) return [];
  try {
    await trial(items.map((i) => i.record));
    return [];
  } catch (error) {
    if (items.length === 1) return [{ item: items[0]!, error }];
  }
  const mid = items.length >> 1;
  return [...(await isolate(items.slice(0, mid), trial)), ...(await isolate(items.slice(mid), trial))];
}

const errorText = (e: unknown) => storableText(e instanceof Error ? e.message : String(e)).slice(0, 2000);

const poisonOf = (found: { item: Placed; error: unknown }[], store: Poison['store']): Poison[] =>
  found.map(({ item, error }) => ({ ...item, store, error: errorText(error) }));

type Trial = (records: EventRecord[]) => Promise<void>;

/**
 * The events of a failing batch that a store refuses on their own: first those the state store
 * refuses (among the events past its checkpoint `after`), then, of the rest, those the event
 * store refuses (past its own).
 */
export async function findPoison(
  placed: readonly Placed[],
  stores: { state: { after: number; trial: Trial }; events: { after: number; trial: Trial } },
): Promise<Poison[]> {
  const poison = poisonOf(
    await isolate(
      placed.filter((p) => p.lsn > stores.state.after),
      stores.state.trial,
    ),
    'state',
  );
  const refused = new Set(poison.map((p) => placeKey(p.lsn, p.index)));
  const rest = placed.filter((p) => p.lsn > stores.events.after && !refused.has(placeKey(p.lsn, p.index)));
  poison.push(...poisonOf(await isolate(rest, stores.events.trial), 'events'));
  return poison;
}

/**
 * Sets the events aside in `dead_letters`. The event travels as base64 of its spool encoding
 * and is stored as bytes: the text in it may be exactly what the store refused.
 */
export async function recordDeadLetters(sql: Sql, applier: string, poison: readonly Poison[]): Promise<void> {
  for (const p of poison) {
    const r = p.record;
    await sql.query(
      `INSERT INTO dead_letters (workspace_id, applier, spool_lsn, spool_index, message_id, type, event, store, error, record)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, decode($10, 'base64'))
       ON CONFLICT (applier, spool_lsn, spool_index) DO NOTHING`,
      [
        storableText(r.workspaceId),
        applier,
        p.lsn,
        p.index,
        storableText(r.messageId),
        r.type,
        storableText(r.event),
        p.store,
        p.error,
        Buffer.from(encodeRecords([r])).toString('base64'),
      ],
    );
  }
}

/** Places (`placeKey` → LSN) of the events set aside past `fromLsn`: a replay of the spool skips them again. */
export async function loadSetAside(sql: Sql, applier: string, fromLsn: number): Promise<Map<string, number>> {
  const rows = await sql.query<{ spool_lsn: number; spool_index: number }>(
    'SELECT spool_lsn, spool_index FROM dead_letters WHERE applier = $1 AND spool_lsn > $2',
    [applier, fromLsn],
  );
  return new Map(
    rows.map((r) => [placeKey(Number(r.spool_lsn), Number(r.spool_index)), Number(r.spool_lsn)]),
  );
}
