import { createContext, useContext } from 'react';
import type { WorkspaceApi } from '../api/api.js';
import type { User, Workspace } from '../api/api-contract.js';

export interface SessionValue {
  user: User;
  workspaces: Workspace[];
  workspaceId: string | null;
  selectWorkspace(id: string): void;
  /** Re-reads the membership list, e.g. after an owner added this user to another workspace. */
  refreshWorkspaces(): Promise<void>;
  logout(): Promise<void>;
}

export const SessionContext = createContext<SessionValue | null>(null);
/** Set by the shell only around pages that have a workspace selected. */
export const WorkspaceApiContext = createContext<WorkspaceApi | null>(null);

export function useSession(): SessionValue {
  const session = useContext(SessionContext);
  if (session === null) throw new Error('useSession must be used inside a signed-in shell');
  return session;
}

export function useWorkspaceApi(): WorkspaceApi {
  const api = useContext(WorkspaceApiContext);
  if (api === null) throw new Error('useWorkspaceApi must be used inside a selected workspace');
  return api;
}
