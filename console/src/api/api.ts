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
import type { DeadLetterPage } from './dead-letters-contract.js';
import type {
  DistributionReport,
  LifecycleReport,
  List,
  ListMembersMode,
  ListMembersResult,
  ModelSettings,
  ModelsConfig,
  ProfileSegments,
  RfmReport,
  SchemaCategory,
  SchemaEvent,
  SchemaField,
  Segment,
  SegmentInput,
  SegmentMembers,
  SegmentPreview,
  SizePoint,
} from './segments-contract.js';
import type { WorkspaceSettings } from './settings-contract.js';

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
    /** Newest first; `beforeId` is the previous page's `nextBeforeId`. */
    deadLetters: (beforeId: number | null, signal?: AbortSignal) =>
      get<DeadLetterPage>(
        `/ingest/dead-letters${queryString({ limit: 50, beforeId: beforeId ?? undefined })}`,
        signal,
      ),
    /** Sends the event through the applier again (admins); if refused again it returns under a new id. */
    retryDeadLetter: (deadLetterId: number) =>
      send<{ requeued: number }>('POST', `/ingest/dead-letters/${deadLetterId}/retry`),
    /** Drops the event for good (admins). */
    dropDeadLetter: (deadLetterId: number) => send<void>('DELETE', `/ingest/dead-letters/${deadLetterId}`),

    listSegments: (includeModels: boolean, signal?: AbortSignal) =>
      get<{ segments: Segment[] }>(`/segments${includeModels ? '?include=models' : ''}`, signal),
    getSegment: (segmentId: string, signal?: AbortSignal) =>
      get<Segment>(`/segments/${id(segmentId)}`, signal),
    createSegment: (input: SegmentInput) => send<Segment>('POST', '/segments', input),
    updateSegment: (segmentId: string, input: SegmentInput) =>
      send<Segment>('PUT', `/segments/${id(segmentId)}`, input),
    deleteSegment: (segmentId: string) => send<void>('DELETE', `/segments/${id(segmentId)}`),
    previewSegment: (definition: SegmentInput['definition'], sample: number, signal?: AbortSignal) =>
      request<SegmentPreview>('POST', `${BASE}/segments/preview`, {
        workspaceId,
        body: { definition, sample },
        ...(signal === undefined ? {} : { signal }),
      }),
    segmentMembers: (segmentId: string, cursor: string | null, limit = 50) =>
      get<SegmentMembers>(
        `/segments/${id(segmentId)}/members${queryString({ cursor: cursor ?? undefined, limit })}`,
      ),
    segmentSizes: (segmentId: string, days: number, signal?: AbortSignal) =>
      get<{ points: SizePoint[] }>(`/segments/${id(segmentId)}/sizes${queryString({ days })}`, signal),
    /** For a plain link: the session cookie authenticates, and a link cannot set the workspace header. */
    segmentExportUrl: (segmentId: string) =>
      `${BASE}/segments/${id(segmentId)}/export.csv${queryString({ workspace: workspaceId })}`,
    profileSegments: (anyId: string, signal?: AbortSignal) =>
      get<ProfileSegments>(`/profiles/${id(anyId)}/segments`, signal),

    schemaEvents: (signal?: AbortSignal) => get<{ events: SchemaEvent[] }>('/schema/events', signal),
    eventProperties: (event: string, signal?: AbortSignal) =>
      get<{ properties: SchemaField[] }>(`/schema/events/${id(event)}/properties`, signal),
    schemaTraits: (signal?: AbortSignal) => get<{ traits: SchemaField[] }>('/schema/traits', signal),
    /** Most frequent first; `property` is the workspace's `categoryProperty`. */
    schemaCategories: (signal?: AbortSignal) =>
      get<{ property: string; categories: SchemaCategory[] }>('/schema/categories', signal),

    getSettings: (signal?: AbortSignal) => get<WorkspaceSettings>('/settings', signal),
    /** Changes only the keys given (admins); answers with all settings after the change. */
    patchSettings: (changes: Partial<WorkspaceSettings>) =>
      send<WorkspaceSettings>('PATCH', '/settings', changes),

    getModels: (signal?: AbortSignal) => get<ModelsConfig>('/models', signal),
    saveModelSettings: (settings: ModelSettings) => send<ModelsConfig>('PUT', '/models', { settings }),
    rfm: (signal?: AbortSignal) => get<RfmReport>('/models/rfm', signal),
    lifecycle: (days: number, signal?: AbortSignal) =>
      get<LifecycleReport>(`/models/lifecycle${queryString({ days })}`, signal),
    distribution: (signal?: AbortSignal) => get<DistributionReport>('/models/distribution', signal),

    listLists: (signal?: AbortSignal) => get<{ lists: List[] }>('/lists', signal),
    createList: (name: string, description: string, ids: string[]) =>
      send<List>('POST', '/lists', { name, description, ids }),
    deleteList: (listId: string) => send<void>('DELETE', `/lists/${id(listId)}`),
    setListMembers: (listId: string, ids: string[], mode: ListMembersMode) =>
      send<ListMembersResult>('PUT', `/lists/${id(listId)}/members`, { ids, mode }),
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
