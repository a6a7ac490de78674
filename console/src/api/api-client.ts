/**
 * One place where the console talks HTTP: same-origin session cookie, the workspace header, and the
 * server's `{ error: { code, message, details? } }` body turned into an `ApiError`.
 */

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** The error's `details` as the server sent them (e.g. `{ issues }` for invalid input). */
    readonly details: unknown = undefined,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** One problem with a submitted value; `path` is a JSON pointer into what was sent (`/root/children/0`). */
export interface Issue {
  path: string;
  message: string;
}

/**
 * The `details.issues` of a validation error. Request-body errors name their path with dots
 * (`definition.root.children.0`); they are turned into pointers relative to `under` so that every
 * issue can be matched against the same pointers.
 */
export function issuesOf(error: unknown, under = ''): Issue[] {
  if (!(error instanceof ApiError) || !isRecord(error.details)) return [];
  const issues = error.details.issues;
  if (!Array.isArray(issues)) return [];
  return issues.filter(isRecord).map((i) => {
    const path = typeof i.path === 'string' ? i.path : '';
    const message = typeof i.message === 'string' ? i.message : '';
    if (path === '' || path.startsWith('/')) return { path, message };
    const parts = path.split('.');
    if (under !== '' && parts[0] === under) parts.shift();
    return { path: `/${parts.join('/')}`, message };
  });
}

export interface RequestOptions {
  body?: unknown;
  /** Sent as `Tailor-Workspace`; required by every workspace-scoped endpoint. */
  workspaceId?: string;
  signal?: AbortSignal;
  /**
   * Whether a 401 ends the session. Off for login (a 401 there means "wrong password") and for the
   * start-up `auth/me` probe, which handles "not signed in" itself.
   */
  endsSessionOn401?: boolean;
}

let onUnauthorized: () => void = () => {};

/** The session registers here so that any expired-cookie response sends the user back to login. */
export function setUnauthorizedHandler(handler: () => void): void {
  onUnauthorized = handler;
}

export async function request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  if (options.workspaceId !== undefined) headers['Tailor-Workspace'] = options.workspaceId;
  const init: RequestInit = { method, headers, credentials: 'same-origin' };
  if (options.body !== undefined) init.body = JSON.stringify(options.body);
  if (options.signal !== undefined) init.signal = options.signal;

  const res = await fetch(path, init);
  if (res.status === 401 && options.endsSessionOn401 !== false) onUnauthorized();
  if (!res.ok) throw await toApiError(res);
  // Responses are trusted to match api-contract.ts: the server validates its output with zod, and a
  // second validator here would double the bundle for no safety the type-check does not already give.
  return (res.status === 204 ? undefined : await res.json()) as T;
}

async function toApiError(res: Response): Promise<ApiError> {
  let body: unknown = null;
  try {
    body = await res.json();
  } catch {
    // Not JSON (a proxy's HTML error page, say): fall through to the status-only error.
  }
  const error = isRecord(body) ? body.error : undefined;
  if (isRecord(error) && typeof error.code === 'string' && typeof error.message === 'string') {
    return new ApiError(res.status, error.code, error.message, error.details);
  }
  // An empty message tells the UI to show its own translated text for the status.
  return new ApiError(res.status, `http_${res.status}`, '');
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function isAbort(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError';
}
