import type { ModelName } from '../../api/segments-contract.js';
import type { I18n } from '../../i18n/i18n-provider.js';
import { isMessageKey } from '../../i18n/messages.js';

/** The translated name of a model group (`lifecycle`, `loyal` → "Loyal"); the raw value if unknown. */
export function modelGroupLabel(t: I18n['t'], model: ModelName | string, value: string): string {
  const key = `model.${model}.${value}`;
  return isMessageKey(key) ? t(key) : value;
}

/**
 * A segment's name as the operator reads it: model segments (`lifecycle:new`) carry an English
 * name from the server, so they are named from the catalogue instead.
 */
export function segmentLabel(t: I18n['t'], segment: { id: string; name: string }): string {
  const at = segment.id.indexOf(':');
  if (at < 0) return segment.name;
  const model = segment.id.slice(0, at);
  const key = `model.${model}`;
  const group = modelGroupLabel(t, model, segment.id.slice(at + 1));
  return isMessageKey(key) ? `${t(key)} · ${group}` : group;
}

/** Model segments are kept by Tailor: they are shown but cannot be edited or deleted. */
export function isModelSegment(id: string): boolean {
  return id.includes(':');
}
