/**
 * The workspace's settings (`/api/v1/settings`): its calendar and which events and properties
 * feed the computed traits and the models. The server's zod schema is the source of the shape;
 * the type-only import is erased from the bundle.
 */
import type { ProfileSettings } from '../../../src/profiles/settings.js';

/** As `GET` returns them, every key filled in; `PATCH` takes any subset. */
export type WorkspaceSettings = ProfileSettings;
export type SettingKey = keyof WorkspaceSettings;

/** The settings that are lists of names (events or properties); the others are single strings. */
export type ListSettingKey = {
  [K in SettingKey]: WorkspaceSettings[K] extends readonly string[] ? K : never;
}[SettingKey];
export type TextSettingKey = Exclude<SettingKey, ListSettingKey>;
