import type { Definition } from '../../segments/dsl.js';

export interface Segment {
  id: string;
  name: string;
  description: string;
  definition: Definition;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export const SEGMENT_COLUMNS = 'id, name, description, definition, version, created_at, updated_at';

export function segmentView(r: Record<string, unknown>): Segment {
  return {
    id: String(r.id),
    name: String(r.name),
    description: String(r.description ?? ''),
    definition: (typeof r.definition === 'string' ? JSON.parse(r.definition) : r.definition) as Definition,
    version: Number(r.version),
    createdAt: new Date(r.created_at as string).toISOString(),
    updatedAt: new Date(r.updated_at as string).toISOString(),
  };
}
