export interface ManualList {
  id: string;
  name: string;
  description: string;
  size: number;
  unmatched: number;
  createdAt: string;
  updatedAt: string;
}

export const LIST_COLUMNS = 'id, name, description, version, size, unmatched, created_at, updated_at';

export function listView(r: Record<string, unknown>): ManualList {
  return {
    id: String(r.id),
    name: String(r.name),
    description: String(r.description ?? ''),
    size: Number(r.size),
    unmatched: Number(r.unmatched),
    createdAt: new Date(r.created_at as string).toISOString(),
    updatedAt: new Date(r.updated_at as string).toISOString(),
  };
}
