/**
 * A SQL fragment: literal text parts with values between them, so a value is never spliced
 * into SQL text by hand. Each event store renders fragments its own way: DuckDB binds them as
 * prepared-statement parameters; ClickHouse 18.16 has no server-side parameters, so its
 * renderer writes each value as an escaped literal (see clickhouse-event-store.ts).
 *
 *   sql`SELECT * FROM events WHERE workspace_id = ${ws} AND type IN ${list(types)}`
 */
export type SqlValue = string | number | boolean | null | readonly (string | number)[];

export class SqlFragment {
  constructor(
    readonly parts: readonly string[],
    readonly values: readonly (SqlValue | SqlFragment | Ident)[],
  ) {}
}

/** An identifier (table or column) chosen by Tailor's own code, never by user input. */
export class Ident {
  constructor(readonly name: string) {
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw new Error(`invalid identifier: ${name}`);
  }
}

export function sql(
  strings: TemplateStringsArray,
  ...values: (SqlValue | SqlFragment | Ident)[]
): SqlFragment {
  return new SqlFragment([...strings], values);
}

export const ident = (name: string) => new Ident(name);

/** Joins fragments with a separator, e.g. `join([a, b], sql\` AND \`)`. */
export function join(fragments: SqlFragment[], sep: SqlFragment): SqlFragment {
  const parts: string[] = [''];
  const values: (SqlValue | SqlFragment | Ident)[] = [];
  fragments.forEach((f, i) => {
    if (i > 0) {
      values.push(sep);
      parts.push('');
    }
    values.push(f);
    parts.push('');
  });
  return new SqlFragment(parts, values);
}

export interface Rendered {
  text: string;
  params: SqlValue[];
}

/**
 * Flattens a fragment. `placeholder(value, index)` returns the text that stands for a value:
 * `$n` for engines with parameters, an escaped literal otherwise. Lists of at most
 * `expandListsUpTo` elements become one value per element, in parentheses.
 */
export function render(
  f: SqlFragment,
  placeholder: (v: SqlValue, index: number) => string,
  opts: { expandListsUpTo?: number } = {},
): Rendered {
  const params: SqlValue[] = [];
  const walk = (frag: SqlFragment): string => {
    let text = frag.parts[0] ?? '';
    frag.values.forEach((v, i) => {
      if (v instanceof SqlFragment) text += walk(v);
      else if (v instanceof Ident) text += `"${v.name}"`;
      else if (Array.isArray(v) && v.length > 0 && v.length <= (opts.expandListsUpTo ?? 0)) {
        // A short list as one parameter per element, `($1, $2)`: a plain IN list for the
        // engine rather than a subquery it joins against.
        const items = v.map((x: string | number) => {
          params.push(x);
          return placeholder(x, params.length);
        });
        text += `(${items.join(', ')})`;
      } else {
        params.push(v);
        text += placeholder(v, params.length);
      }
      text += frag.parts[i + 1] ?? '';
    });
    return text;
  };
  return { text: walk(f), params };
}

/** Constant SQL text written in Tailor's source (a column list, a keyword); never user input. */
export const raw = (text: string) => new SqlFragment([text], []);
