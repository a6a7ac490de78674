import {
  DEFAULT_PROFILE_SETTINGS,
  type ProfileSettings,
  ProfileSettingsSchema,
} from '../profiles/settings.js';
import type { StateStore } from '../stores/state/state-store.js';

const parsed = (settings: { profiles?: unknown } | undefined): ProfileSettings => {
  const p = ProfileSettingsSchema.safeParse(settings?.profiles ?? {});
  return p.success ? p.data : DEFAULT_PROFILE_SETTINGS;
};

/**
 * Workspace settings the ingest path needs synchronously, refreshed from the state store in
 * the background (a settings change reaches the applier within `refreshMs`).
 */
export class WorkspaceSettingsCache {
  private profiles = new Map<string, ProfileSettings>();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly state: StateStore,
    private readonly refreshMs = 5000,
  ) {}

  async start(): Promise<void> {
    await this.refresh();
    this.timer = setInterval(() => void this.refresh().catch(() => {}), this.refreshMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
  }

  async refresh(): Promise<void> {
    const rows = await this.state.query<{ id: string; settings: { profiles?: unknown } }>(
      'SELECT id, settings FROM workspaces',
    );
    this.profiles = new Map(rows.map((r) => [r.id, parsed(r.settings)]));
  }

  /** Reads one workspace's settings now (after a change, or to answer a read exactly). */
  async reload(workspaceId: string): Promise<ProfileSettings> {
    const [r] = await this.state.query<{ settings: { profiles?: unknown } }>(
      'SELECT settings FROM workspaces WHERE id = $1',
      [workspaceId],
    );
    const s = parsed(r?.settings);
    this.profiles.set(workspaceId, s);
    return s;
  }

  profileSettings(workspaceId: string): ProfileSettings {
    return this.profiles.get(workspaceId) ?? DEFAULT_PROFILE_SETTINGS;
  }
}
