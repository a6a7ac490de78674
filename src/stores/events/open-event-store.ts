import type { EventStoreConfig } from '../../config/env.js';
import { ClickHouseEventStore } from './clickhouse-event-store.js';
import { DuckDbEventStore } from './duckdb-event-store.js';
import type { EventStore } from './event-store.js';

export async function openEventStore(
  cfg: EventStoreConfig,
  opts: { migrate?: boolean } = {},
): Promise<EventStore> {
  const store =
    cfg.kind === 'duckdb'
      ? await DuckDbEventStore.open(cfg.file, cfg.memoryLimit)
      : await ClickHouseEventStore.open(cfg.url);
  if (opts.migrate !== false) await store.migrate();
  return store;
}
