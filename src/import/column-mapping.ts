import { z } from 'zod';
import { invalid } from '../core/errors.js';

const Column = z.string().trim().min(1, 'column names must not be empty');
const FieldName = z.string().trim().min(1, 'trait and property names must not be empty').max(128);

export const VALUE_TYPES = ['string', 'number', 'boolean'] as const;
export type ValueType = (typeof VALUE_TYPES)[number];

/**
 * How the columns of a CSV file become a Segment message. Every key names a CSV column as it
 * appears in the header; anything left out falls back to the defaults in column-plan.ts.
 */
export const ColumnMappingSchema = z.strictObject({
  userId: Column.optional(),
  anonymousId: Column.optional(),
  event: Column.optional(),
  timestamp: Column.optional(),
  messageId: Column.optional(),
  /** CSV column → trait name. */
  traits: z.record(Column, FieldName).optional(),
  /** CSV column → property name (events only). */
  properties: z.record(Column, FieldName).optional(),
  ignore: z.array(Column).optional(),
  /** CSV column → how its cells are read; overrides the default for the kind of import. */
  types: z.record(Column, z.enum(VALUE_TYPES)).optional(),
});

export type ColumnMapping = z.infer<typeof ColumnMappingSchema>;

const SCALAR_KEYS = ['userId', 'anonymousId', 'event', 'timestamp', 'messageId'] as const;
const MAP_KEYS = ['traits', 'properties', 'types'] as const;

/** Validates a mapping from any source (CLI, HTTP, code); throws `invalid_mapping`. */
export function validateMapping(raw: unknown): ColumnMapping {
  const parsed = ColumnMappingSchema.safeParse(raw);
  if (!parsed.success) {
    const issues = parsed.error.issues
      .map((i) => `${i.path.join('.') || 'mapping'}: ${i.message}`)
      .join('; ');
    throw invalid('invalid_mapping', `invalid column mapping: ${issues}`);
  }
  return parsed.data;
}

/**
 * Reads the CLI form of a mapping: comma-separated `key=value` pairs.
 *
 *   userId=customer_no,event=action,ignore=notes;tmp
 *   traits.Email=email,properties.amount=revenue,types.age=number
 *
 * `ignore` takes a `;`-separated list; `traits.COL`, `properties.COL` and `types.COL` name a
 * CSV column after the first dot (so `types.properties.price=number` types the column
 * `properties.price`). Column names containing `,` `=` or `;` cannot be written here; pass a
 * `ColumnMapping` object instead.
 */
export function parseMappingSpec(spec: string): ColumnMapping {
  const out: Record<string, unknown> = {};
  const seen = new Set<string>();
  for (const part of spec.split(',')) {
    if (part.trim() === '') continue;
    const eq = part.indexOf('=');
    if (eq < 0) throw invalid('invalid_mapping', `"${part.trim()}" is not key=value`);
    const key = part.slice(0, eq).trim();
    const value = part.slice(eq + 1).trim();
    if (value === '') throw invalid('invalid_mapping', `"${key}" has no value`);
    if (seen.has(key)) throw invalid('invalid_mapping', `"${key}" is given twice`);
    seen.add(key);

    if ((SCALAR_KEYS as readonly string[]).includes(key)) {
      out[key] = value;
      continue;
    }
    if (key === 'ignore') {
      out.ignore = value
        .split(';')
        .map((c) => c.trim())
        .filter((c) => c !== '');
      continue;
    }
    const dot = key.indexOf('.');
    const group = dot < 0 ? key : key.slice(0, dot);
    const column = dot < 0 ? '' : key.slice(dot + 1).trim();
    if (!(MAP_KEYS as readonly string[]).includes(group)) {
      throw invalid(
        'invalid_mapping',
        `unknown mapping key "${key}"; expected ${[...SCALAR_KEYS, 'ignore', 'traits.COLUMN', 'properties.COLUMN', 'types.COLUMN'].join(', ')}`,
      );
    }
    if (column === '') {
      throw invalid('invalid_mapping', `"${key}" must name a column, as in ${group}.COLUMN=...`);
    }
    out[group] ??= {};
    (out[group] as Record<string, string>)[column] = value;
  }
  return validateMapping(out);
}
