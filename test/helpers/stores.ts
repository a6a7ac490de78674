import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { type Config, loadConfig } from '../../src/config/env.js';
import { ClickHouseClient } from '../../src/stores/events/clickhouse-client.js';

/**
 * The four store combinations every integration suite runs against. Server stores come from
 * TAILOR_TEST_POSTGRES_URL and TAILOR_TEST_CLICKHOUSE_URL (scripts/test-servers.sh starts
 * them; .ci/run always does). Without them those combinations are skipped, and
 * test/global-setup.ts says so; with CI=true a missing server fails the run instead.
 */
export const SERVER_URLS = {
  postgres: process.env.TAILOR_TEST_POSTGRES_URL,
  clickhouse: process.env.TAILOR_TEST_CLICKHOUSE_URL,
};

export interface StoreCombo {
  name: string;
  state: 'pglite' | 'postgres';
  events: 'duckdb' | 'clickhouse';
  available: boolean;
}

export const COMBOS: StoreCombo[] = (
  [
    ['pglite', 'duckdb'],
    ['postgres', 'duckdb'],
    ['pglite', 'clickhouse'],
    ['postgres', 'clickhouse'],
  ] as const
).map(([state, events]) => ({
  name: `${state}+${events}`,
  state,
  events,
  available:
    (state === 'pglite' || !!SERVER_URLS.postgres) && (events === 'duckdb' || !!SERVER_URLS.clickhouse),
}));

export const EVENT_ENGINES = [
  { name: 'duckdb', available: true },
  { name: 'clickhouse', available: !!SERVER_URLS.clickhouse },
] as const;

const uniqueName = () => `tailor_t_${randomBytes(5).toString('hex')}`;

export async function freshPostgres(): Promise<{ url: string; drop(): Promise<void> }> {
  const base = SERVER_URLS.postgres;
  if (!base) throw new Error('TAILOR_TEST_POSTGRES_URL is not set');
  const name = uniqueName();
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const u = new URL(base);
  u.pathname = `/${name}`;
  return {
    url: u.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: base });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

export async function freshClickHouse(): Promise<{ url: string; drop(): Promise<void> }> {
  const base = SERVER_URLS.clickhouse;
  if (!base) throw new Error('TAILOR_TEST_CLICKHOUSE_URL is not set');
  const name = uniqueName();
  const u = new URL(base);
  u.pathname = `/${name}`;
  return {
    url: u.toString(),
    async drop() {
      await new ClickHouseClient(base, 'default').exec(`DROP DATABASE IF EXISTS ${name}`, { database: null });
    },
  };
}

/** A config on a fresh temporary data dir and fresh server databases; `cleanup` removes them all. */
export async function testConfig(
  combo: Pick<StoreCombo, 'state' | 'events'>,
): Promise<{ config: Config; cleanup(): Promise<void> }> {
  const dir = mkdtempSync(path.join(tmpdir(), 'tailor-test-'));
  const drops: (() => Promise<void>)[] = [];
  const env: Record<string, string> = { TAILOR_DATA_DIR: dir, TAILOR_LOG_LEVEL: 'silent' };
  if (combo.state === 'postgres') {
    const db = await freshPostgres();
    env.TAILOR_STATE_URL = db.url;
    drops.push(db.drop);
  }
  if (combo.events === 'clickhouse') {
    const db = await freshClickHouse();
    env.TAILOR_EVENTS_URL = db.url;
    drops.push(db.drop);
  }
  return {
    config: loadConfig(env),
    async cleanup() {
      for (const d of drops) await d().catch(() => {});
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
