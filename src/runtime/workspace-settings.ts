import {
  DEFAULT_PROFILE_SETTINGS,
  type ProfileSettings,
  ProfileSettingsSchema,
} from '../profiles/settings.js';
import type { StateStore } from '../stores/state/state-store.js';

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
    const next = new Map<string, ProfileSettings>();
    for (const r of rows) {
      const parsed = ProfileSettingsSchema.safeParse(r.settings?.profiles ?? {});
      next.set(r.id, parsed.success ? parsed.data : DEFAULT_PROFILE_SETTINGS);
    }
    this.profiles = next;
  }

  profileSettings(workspaceId: string): ProfileSettings {
    return this.profiles.get(workspaceId) ?? DEFAULT_PROFILE_SETTINGS;
  }
}
