/**
 * A minimal client for ClickHouse's HTTP interface, written for the oldest server Tailor
 * supports (Debian's 18.16): plain POSTs, JSONEachRow in and out, settings as URL
 * parameters. The official @clickhouse/client sends settings and headers 18.16 rejects.
 */
export class ClickHouseClient {
  private readonly base: URL;

  constructor(
    url: string,
    readonly database: string,
  ) {
    const u = new URL(url);
    this.base = new URL(`${u.protocol}//${u.host}/`);
    if (u.username) this.base.searchParams.set('user', decodeURIComponent(u.username));
    if (u.password) this.base.searchParams.set('password', decodeURIComponent(u.password));
  }

  /** Parses `http://user:pass@host:8123/database` into a client (database defaults to `default`). */
  static fromUrl(url: string): ClickHouseClient {
    const db = new URL(url).pathname.replace(/^\/+|\/+$/g, '') || 'default';
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(db)) throw new Error(`invalid ClickHouse database name: ${db}`);
    return new ClickHouseClient(url, db);
  }

  /** Runs a statement that returns no rows. */
  async exec(query: string, opts: { database?: string | null } = {}): Promise<void> {
    await this.request(query, undefined, opts.database === undefined ? this.database : opts.database);
  }

  async select(query: string): Promise<Record<string, unknown>[]> {
    const text = await this.request(`${query}\nFORMAT JSONEachRow`, undefined, this.database);
    const rows: Record<string, unknown>[] = [];
    for (const line of text.split('\n')) if (line) rows.push(JSON.parse(line));
    return rows;
  }

  /** Like `select`, but hands rows over in batches as the response streams in. */
  async selectStream(
    query: string,
    batchSize: number,
    visit: (rows: Record<string, unknown>[]) => void,
  ): Promise<void> {
    const url = new URL(this.base);
    url.searchParams.set('database', this.database);
    setCommon(url);
    const res = await post(url, `${query}\nFORMAT JSONEachRow`);
    if (!res.ok || !res.body)
      throw new Error(`ClickHouse ${res.status}: ${(await res.text()).slice(0, 500)}`);
    const decoder = new TextDecoder();
    let rest = '';
    let batch: Record<string, unknown>[] = [];
    for await (const chunk of res.body as AsyncIterable<Uint8Array>) {
      const lines = (rest + decoder.decode(chunk, { stream: true })).split('\n');
      rest = lines.pop() ?? '';
      for (const line of lines) {
        if (!line) continue;
        batch.push(JSON.parse(line));
        if (batch.length >= batchSize) {
          visit(batch);
          batch = [];
        }
      }
    }
    if (rest.trim()) batch.push(JSON.parse(rest));
    if (batch.length > 0) visit(batch);
  }

  /** INSERT … FORMAT JSONEachRow with one JSON object per row. */
  async insert(table: string, rows: readonly Record<string, unknown>[]): Promise<void> {
    if (rows.length === 0) return;
    let body = '';
    for (const r of rows) body += `${JSON.stringify(r)}\n`;
    await this.request(`INSERT INTO ${table} FORMAT JSONEachRow`, body, this.database);
  }

  private async request(query: string, body: string | undefined, database: string | null): Promise<string> {
    const url = new URL(this.base);
    if (database) url.searchParams.set('database', database);
    setCommon(url);
    if (body !== undefined) url.searchParams.set('query', query);
    const res = await post(url, body ?? query);
    const text = await res.text();
    if (!res.ok) throw new Error(`ClickHouse ${res.status}: ${text.slice(0, 500)}`);
    return text;
  }
}

/**
 * Settings of every request. Tailor writes values as literals (18.16 has no query parameters),
 * so a list of ids can make a long query: the server's default `max_query_size` (256 KiB) failed
 * a check of 5,000 long message ids.
 */
function setCommon(url: URL): void {
  url.searchParams.set('output_format_json_quote_64bit_integers', '0');
  url.searchParams.set('max_query_size', String(16 * 1024 * 1024));
}

const STALE = new Set(['UND_ERR_SOCKET', 'ECONNRESET', 'EPIPE']);

/**
 * A POST, tried a second time when a kept-alive connection turns out to have been closed by
 * the server. ClickHouse closes idle connections after `keep_alive_timeout` (3 s by default),
 * fetch keeps them for 4 s, and a request sent on one in between fails before the server has
 * read it. A server that is down fails the second try too.
 */
async function post(url: URL, body: string): Promise<Response> {
  try {
    return await fetch(url, { method: 'POST', body });
  } catch (e) {
    const code = (e as { cause?: { code?: string } }).cause?.code;
    if (!(e instanceof TypeError) || code === undefined || !STALE.has(code)) throw e;
    return fetch(url, { method: 'POST', body });
  }
}

/**
 * Writes a value as a ClickHouse literal. Strings are quoted with backslash escapes for `\`
 * and `'`, which is everything ClickHouse's string literal syntax treats specially; numbers
 * must be finite. Lists become a parenthesised tuple, the form `IN` expects.
 */
export function clickhouseLiteral(v: unknown): string {
  if (v === null || v === undefined) return 'NULL';
  if (typeof v === 'boolean') return v ? '1' : '0';
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) throw new Error('non-finite number in ClickHouse query');
    return Number.isInteger(v) ? v.toFixed(0) : String(v);
  }
  if (typeof v === 'string') return `'${v.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
  if (Array.isArray(v)) return v.length === 0 ? '(NULL)' : `(${v.map(clickhouseLiteral).join(', ')})`;
  throw new Error(`unsupported ClickHouse value: ${typeof v}`);
}
