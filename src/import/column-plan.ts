import { invalid } from '../core/errors.js';
import type { ColumnMapping, ValueType } from './column-mapping.js';

export type ImportKind = 'users' | 'events';

/** Columns that feed a message field rather than traits or properties. */
export type Role = 'userId' | 'anonymousId' | 'event' | 'timestamp' | 'messageId' | 'type';

/**
 * How a trait or property cell is read: an explicit `types` entry, or the default of the
 * import kind (`auto` turns plain numbers into numbers, see cell-values.ts).
 */
export type CellType = ValueType | 'auto';

export interface FieldColumn {
  column: string;
  target: 'traits' | 'properties';
  name: string;
  type: CellType;
}

/** What each column of one file is for; built once from the header row. */
export interface ColumnPlan {
  kind: ImportKind;
  roles: Partial<Record<Role, string>>;
  fields: FieldColumn[];
  /** Every named column, sorted: the row content a generated messageId hashes. */
  hashColumns: string[];
}

/** Header names tried, in order and case-insensitively, for a role the mapping leaves out. */
const DEFAULT_NAMES: Record<ImportKind, Record<Role, readonly string[]>> = {
  users: {
    userId: ['user_id', 'userId', 'id'],
    anonymousId: ['anonymous_id', 'anonymousId'],
    event: [],
    timestamp: ['created_at', 'timestamp'],
    messageId: ['message_id', 'messageId'],
    type: [],
  },
  events: {
    userId: ['user_id', 'userId'],
    anonymousId: ['anonymous_id', 'anonymousId'],
    event: ['event', 'event_name', 'name'],
    timestamp: ['timestamp', 'time', 'created_at'],
    messageId: ['message_id', 'messageId'],
    type: ['type'],
  },
};

const ROLES = ['userId', 'anonymousId', 'event', 'timestamp', 'messageId', 'type'] as const;
const MAPPABLE_ROLES = ['userId', 'anonymousId', 'event', 'timestamp', 'messageId'] as const;

/**
 * Checks the header against the mapping and decides every column's use. Explicit mapping
 * entries win over default names, so a column named `type` that the mapping sends to
 * properties is not read as the message type. Throws `invalid` for problems that would make
 * every row wrong: duplicate or unknown columns, conflicting mapping entries, no id column.
 */
export function buildColumnPlan(
  kind: ImportKind,
  header: readonly string[],
  mapping: ColumnMapping,
): ColumnPlan {
  const named = header.filter((h) => h !== '');
  const present = new Set<string>();
  for (const h of named) {
    if (present.has(h)) throw invalid('duplicate_column', `the header names column "${h}" more than once`);
    present.add(h);
  }
  const claimed = new Map<string, string>();
  const claim = (column: string, use: string) => {
    if (!present.has(column)) {
      throw invalid(
        'invalid_mapping',
        `the mapping names column "${column}" (${use}), which is not in the header`,
      );
    }
    const prior = claimed.get(column);
    if (prior !== undefined) {
      throw invalid('invalid_mapping', `column "${column}" is mapped twice (${prior}, ${use})`);
    }
    claimed.set(column, use);
  };

  if (kind === 'users' && mapping.properties && Object.keys(mapping.properties).length > 0) {
    throw invalid('invalid_mapping', 'a users import has no properties; map columns to traits instead');
  }
  if (kind === 'users' && mapping.event) {
    throw invalid('invalid_mapping', 'a users import has no event column');
  }

  const roles: Partial<Record<Role, string>> = {};
  for (const role of MAPPABLE_ROLES) {
    const column = mapping[role];
    if (column === undefined) continue;
    claim(column, role);
    roles[role] = column;
  }
  for (const [column, name] of Object.entries(mapping.traits ?? {})) claim(column, `trait ${name}`);
  for (const [column, name] of Object.entries(mapping.properties ?? {})) claim(column, `property ${name}`);
  for (const column of mapping.ignore ?? []) claim(column, 'ignored');

  const byLower = new Map<string, string>();
  for (const h of named) if (!byLower.has(h.toLowerCase())) byLower.set(h.toLowerCase(), h);
  for (const role of ROLES) {
    if (roles[role] !== undefined) continue;
    for (const candidate of DEFAULT_NAMES[kind][role]) {
      const column = byLower.get(candidate.toLowerCase());
      if (column !== undefined && !claimed.has(column)) {
        claimed.set(column, role);
        roles[role] = column;
        break;
      }
    }
  }

  if (roles.userId === undefined && roles.anonymousId === undefined) {
    throw invalid(
      'missing_id_column',
      `no user id column: name one with userId=COLUMN (defaults: ${DEFAULT_NAMES[kind].userId.join(', ')})`,
    );
  }
  if (kind === 'events' && roles.event === undefined) {
    throw invalid(
      'missing_event_column',
      `no event name column: name one with event=COLUMN (defaults: ${DEFAULT_NAMES.events.event.join(', ')})`,
    );
  }

  const types = mapping.types ?? {};
  for (const column of Object.keys(types)) {
    if (!present.has(column)) {
      throw invalid('invalid_mapping', `types names column "${column}", which is not in the header`);
    }
    const use = claimed.get(column);
    if (use !== undefined && (ROLES as readonly string[]).includes(use)) {
      throw invalid(
        'invalid_mapping',
        `types apply to trait and property columns; "${column}" is the ${use} column`,
      );
    }
  }

  const fields: FieldColumn[] = [];
  const defaultType: CellType = kind === 'events' ? 'auto' : 'string';
  const targetOf = new Map<string, string>();
  for (const column of named) {
    const use = claimed.get(column);
    if (use === 'ignored' || (use !== undefined && (ROLES as readonly string[]).includes(use))) continue;
    const field = fieldFor(kind, column, mapping);
    const key = `${field.target}.${field.name}`;
    const other = targetOf.get(key);
    if (other !== undefined) {
      throw invalid(
        'invalid_mapping',
        `columns "${other}" and "${column}" both fill ${key}; rename or ignore one`,
      );
    }
    targetOf.set(key, column);
    fields.push({ ...field, column, type: types[column] ?? defaultType });
  }

  return { kind, roles, fields, hashColumns: [...named].sort() };
}

function fieldFor(
  kind: ImportKind,
  column: string,
  mapping: ColumnMapping,
): Omit<FieldColumn, 'column' | 'type'> {
  const trait = mapping.traits?.[column];
  if (trait !== undefined) return { target: 'traits', name: trait };
  const property = mapping.properties?.[column];
  if (property !== undefined) return { target: 'properties', name: property };
  if (column.startsWith('traits.') && column.length > 7) return { target: 'traits', name: column.slice(7) };
  if (kind === 'events' && column.startsWith('properties.') && column.length > 11) {
    return { target: 'properties', name: column.slice(11) };
  }
  return { target: kind === 'users' ? 'traits' : 'properties', name: column };
}
