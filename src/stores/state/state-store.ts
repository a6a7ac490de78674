import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import type * as schema from './schema.js';

export type StateDb = PgDatabase<PgQueryResultHKT, typeof schema>;

/** A parameterised query runner; `$1…$n` placeholders, values bound by the driver. */
export interface Sql {
  query<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
}

/**
 * The state store, the same for PGlite and PostgreSQL: a drizzle database for ordinary
 * records, plus raw parameterised SQL and transactions for the ingest hot path, where the
 * ORM's per-row objects would cost more than the work itself.
 */
export interface StateStore extends Sql {
  readonly kind: 'pglite' | 'postgres';
  readonly db: StateDb;
  transaction<T>(fn: (tx: Sql) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}
