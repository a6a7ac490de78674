/** A parameterised query runner; `$1…$n` placeholders, values bound by the driver. */
export interface Sql {
  query<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
}

/**
 * The state store, the same for PGlite and PostgreSQL. The schema and its migrations are
 * drizzle's (schema.ts, migrations/); queries are parameterised SQL, because the hot paths
 * (ingest, profile search) need set-based statements (unnest, ON CONFLICT) an ORM hides.
 */
export interface StateStore extends Sql {
  readonly kind: 'pglite' | 'postgres';
  transaction<T>(fn: (tx: Sql) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}
