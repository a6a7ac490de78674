import { request } from './api-client.js';
import type {
  ApiKey,
  CreatedKey,
  EventPage,
  IngestStats,
  KeyType,
  Profile,
  ProfileDetail,
  ProfileList,
  ProfileQuery,
  Session,
  TailorEvent,
  Workspace,
} from './api-contract.js';

const BASE = '/api/v1';

export const authApi = {
  login: (email: string, password: string) =>
    request<Session>('POST', `${BASE}/auth/login`, { body: { email, password }, endsSessionOn401: false }),
  logout: () => request<void>('POST', `${BASE}/auth/logout`),
  me: () => request<Session>('GET', `${BASE}/auth/me`, { endsSessionOn401: false }),
  workspaces: () => request<{ workspaces: Workspace[] }>('GET', `${BASE}/workspaces`),
};

/** Endpoints scoped to one workspace; the shell builds one per selected workspace. */
export function workspaceApi(workspaceId: string) {
  const get = <T>(path: string, signal?: AbortSignal) =>
    request<T>('GET', `${BASE}${path}`, signal === undefined ? { workspaceId } : { workspaceId, signal });
  const send = <T>(method: string, path: string, body?: unknown) =>
    request<T>(method, `${BASE}${path}`, { workspaceId, body });
  const id = encodeURIComponent;

  return {
    workspaceId,
    listKeys: () => get<{ keys: ApiKey[] }>('/keys'),
    createKey: (type: KeyType, name: string) => send<CreatedKey>('POST', '/keys', { type, name }),
    revokeKey: (keyId: string) => send<void>('DELETE', `/keys/${id(keyId)}`),

    listProfiles: (query: ProfileQuery, signal?: AbortSignal) =>
      get<ProfileList>(`/profiles${queryString({ ...query })}`, signal),
    getProfile: (anyId: string, signal?: AbortSignal) => get<ProfileDetail>(`/profiles/${id(anyId)}`, signal),
    profileEvents: (profileId: string, cursor: string | null, limit = 50) =>
      get<EventPage>(
        `/profiles/${id(profileId)}/events${queryString({ cursor: cursor ?? undefined, limit })}`,
      ),
    /** `null` removes a trait. */
    patchTraits: (profileId: string, traits: Record<string, unknown>) =>
      send<{ profile: Profile }>('PATCH', `/profiles/${id(profileId)}`, { traits }),

    /** Newest first; `after` is a `receivedAt` in epoch milliseconds. */
    ingestEvents: (after: number | undefined, signal?: AbortSignal) =>
      get<{ events: TailorEvent[] }>(`/ingest/events${queryString({ limit: 50, after })}`, signal),
    ingestStats: (signal?: AbortSignal) => get<IngestStats>('/ingest/stats', signal),
  };
}

export type WorkspaceApi = ReturnType<typeof workspaceApi>;

function queryString(params: Record<string, string | number | boolean | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== '') search.set(key, String(value));
  }
  const text = search.toString();
  return text === '' ? '' : `?${text}`;
}
