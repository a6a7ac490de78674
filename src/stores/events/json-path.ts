/**
 * A DuckDB JSON path to a top-level key, quoted so that any key (dots, quotes, CJK) names
 * itself. The segment compiler and the store's key columns read keys through this one
 * function, so a key column holds exactly what the compiler's read would return.
 */
export const duckdbJsonPath = (key: string) => `$."${key.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`;
