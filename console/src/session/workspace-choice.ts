import type { Workspace } from '../api/api-contract.js';

const STORAGE_KEY = 'tailor.workspace';

/** The remembered workspace if the user still belongs to it, else their first one. */
export function chooseWorkspace(workspaces: Workspace[]): string | null {
  const saved = localStorage.getItem(STORAGE_KEY);
  if (saved !== null && workspaces.some((w) => w.id === saved)) return saved;
  return workspaces[0]?.id ?? null;
}

export function rememberWorkspace(id: string): void {
  localStorage.setItem(STORAGE_KEY, id);
}
