import { CHROMIUM } from './helpers/chromium.js';
import { COMBOS } from './helpers/stores.js';

/**
 * Says plainly which server-mode suites will be skipped, and refuses to skip under CI=true:
 * there the PostgreSQL and ClickHouse servers must be up (.ci/run starts them).
 */
export default function setup() {
  const missing = COMBOS.filter((c) => !c.available).map((c) => c.name);
  if (!CHROMIUM)
    missing.push('console end-to-end (no Chromium at /usr/bin/chromium or TAILOR_TEST_CHROMIUM)');
  if (missing.length === 0) return;
  const how = 'start them with: eval "$(scripts/test-servers.sh start)"';
  if (process.env.CI === 'true') {
    throw new Error(
      `CI=true but server stores are not configured (TAILOR_TEST_POSTGRES_URL / TAILOR_TEST_CLICKHOUSE_URL); ${how}`,
    );
  }
  process.stderr.write(`\n[tailor tests] SKIPPING: ${missing.join(', ')}. For the server stores, ${how}\n\n`);
}
