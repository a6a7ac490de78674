import { randomUUID } from 'node:crypto';
import { usableId } from '../core/ids.js';
import { MAX_JSON_DEPTH, nestsDeeperThan } from '../core/json-depth.js';
import { jsonNeedsCleaning, storableJson, storableText } from '../core/text.js';
import { utcTime } from '../core/utc-time.js';
import type { EventRecord, MessageType } from './event-record.js';
import { MESSAGE_TYPES } from './event-record.js';
import { INGEST_LIMITS } from './limits.js';

export interface Rejection {
  code: string;
  message: string;
}

/** Fields a `batch` request (or the single-event endpoints) apply to every message in it. */
export interface BatchDefaults {
  context?: Record<string, unknown> | undefined;
  integrations?: Record<string, unknown> | undefined;
  sentAt?: unknown;
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

const ISO =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

/**
 * Event times Tailor accepts: 1900-01-01 to 9999-12-31 (UTC). Outside it a time is a client's
 * bug (`0001-01-01`, seconds read as milliseconds the other way round, `1e20`), and the stores
 * could not hold every such value: one of them once stalled the applier on every retry.
 */
export const TIME_RANGE = { min: Date.UTC(1900, 0, 1), max: Date.UTC(9999, 11, 31, 23, 59, 59, 999) };

const inRange = (t: number) => (t >= TIME_RANGE.min && t <= TIME_RANGE.max ? t : Number.NaN);

/**
 * ISO-8601 text or epoch milliseconds → whole epoch ms; undefined when absent, NaN when
 * invalid or outside `TIME_RANGE`. Stricter than `Date.parse`: impossible dates (2024-02-30)
 * are refused rather than rolled over, and a date-time without an offset is UTC, never the
 * server's local time. Fractions of a millisecond are rounded (the stores keep whole ms).
 */
export function parseTime(v: unknown): number | undefined {
  if (v === undefined || v === null || v === '') return undefined;
  if (typeof v === 'number') return Number.isFinite(v) ? inRange(Math.round(v)) : Number.NaN;
  if (typeof v !== 'string') return Number.NaN;
  const m = ISO.exec(v.trim());
  if (!m) return Number.NaN;
  const [y, mo, d, h = 0, mi = 0, s = 0] = m
    .slice(1, 7)
    .map((x) => (x === undefined ? undefined : Number(x))) as number[];
  const frac = m[7] ? Number(m[7].slice(0, 3).padEnd(3, '0')) : 0;
  if (mo! < 1 || mo! > 12 || d! < 1 || h > 23 || mi > 59 || s > 60) return Number.NaN;
  const t = utcTime(y!, mo!, d!, h, mi, Math.min(s, 59), frac);
  if (new Date(t).getUTCDate() !== d) return Number.NaN;
  let offset = 0;
  const z = m[8];
  if (z && z.toUpperCase() !== 'Z') {
    const sign = z[0] === '-' ? -1 : 1;
    const digits = z.slice(1).replace(':', '');
    const oh = Number(digits.slice(0, 2));
    const om = Number(digits.slice(2) || '0');
    if (oh > 23 || om > 59) return Number.NaN;
    offset = sign * (oh * 60 + om) * 60_000;
  }
  return inRange(t - offset + (s === 60 ? 1000 : 0));
}

const reject = (code: string, message: string): Rejection => ({ code, message });

const idText = (v: unknown): string | Rejection => {
  if (v === undefined || v === null) return '';
  if (typeof v === 'string')
    return v.length > 1024 ? reject('invalid_id', 'ids are limited to 1024 characters') : storableText(v);
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  return reject('invalid_id', 'userId, anonymousId, groupId and previousId must be strings');
};

/**
 * An object field as JSON text, with text the state store could not hold replaced
 * (core/text.ts), and no deeper than `MAX_JSON_DEPTH`: deeper values overflow the stack of
 * JSON.stringify here and of the stores' JSON parsers later.
 */
const objectText = (v: unknown, field: string): string | Rejection => {
  if (v === undefined || v === null) return '{}';
  if (!isObject(v)) return reject('invalid_field', `${field} must be an object`);
  const tooDeep = () =>
    reject('too_deep', `${field} may nest objects and arrays at most ${MAX_JSON_DEPTH} levels deep`);
  let text: string;
  try {
    text = JSON.stringify(v);
  } catch {
    return tooDeep(); // a RangeError: only nesting deep enough to overflow the stack gets here
  }
  if (nestsDeeperThan(text)) return tooDeep();
  return jsonNeedsCleaning(text) ? JSON.stringify(storableJson(v)) : text;
};

/**
 * Validates one Segment message and turns it into an `EventRecord` (without `profileId`).
 *
 * Timestamps follow Segment: the client's `timestamp` is kept as `originalTimestamp`; when a
 * `sentAt` is present (on the message or the batch) the device clock is corrected with
 * `timestamp = receivedAt − (sentAt − originalTimestamp)`; without a client time the event
 * happened when it was received.
 */
export function acceptMessage(
  raw: unknown,
  opts: { workspaceId: string; receivedAt: number; defaults: BatchDefaults; typeFromPath?: MessageType },
): EventRecord | Rejection {
  if (!isObject(raw)) return reject('invalid_event', 'each event must be a JSON object');
  const typeValue = opts.typeFromPath ?? raw.type;
  if (typeof typeValue !== 'string' || !(MESSAGE_TYPES as readonly string[]).includes(typeValue)) {
    return reject('invalid_type', `type must be one of ${MESSAGE_TYPES.join(', ')}`);
  }
  const type = typeValue as MessageType;

  const userId = idText(raw.userId ?? raw.user_id);
  if (typeof userId !== 'string') return userId;
  const anonymousId = idText(raw.anonymousId ?? raw.anonymous_id);
  if (typeof anonymousId !== 'string') return anonymousId;
  const groupId = idText(raw.groupId);
  if (typeof groupId !== 'string') return groupId;
  const previousId = idText(raw.previousId);
  if (typeof previousId !== 'string') return previousId;

  if (type === 'alias') {
    if (!usableId(previousId)) return reject('missing_previous_id', 'alias needs a usable previousId');
    if (!usableId(userId)) return reject('missing_user_id', 'alias needs a usable userId');
  } else if (!usableId(userId) && !usableId(anonymousId)) {
    return reject(
      'missing_id',
      'a usable userId or anonymousId is required (junk ids such as "null" are refused)',
    );
  }
  if (type === 'group' && !usableId(groupId)) return reject('missing_group_id', 'group needs a groupId');

  let event = '';
  if (type === 'track') {
    if (typeof raw.event !== 'string' || raw.event.trim() === '') {
      return reject('missing_event', 'track needs a non-empty event name');
    }
    if (raw.event.length > 200)
      return reject('invalid_event_name', 'event names are limited to 200 characters');
    event = storableText(raw.event);
  } else if (type === 'page' || type === 'screen') {
    if (raw.name !== undefined && raw.name !== null && typeof raw.name !== 'string') {
      return reject('invalid_field', 'name must be a string');
    }
    event = typeof raw.name === 'string' ? storableText(raw.name.slice(0, 200)) : '';
  }

  const properties = objectText(raw.properties, 'properties');
  if (typeof properties !== 'string') return properties;
  const traits = objectText(raw.traits, 'traits');
  if (typeof traits !== 'string') return traits;
  if (raw.context !== undefined && raw.context !== null && !isObject(raw.context)) {
    return reject('invalid_field', 'context must be an object');
  }
  const context = objectText(
    opts.defaults.context
      ? { ...opts.defaults.context, ...(raw.context as object | undefined) }
      : (raw.context ?? {}),
    'context',
  );
  if (typeof context !== 'string') return context;

  const clientTime = parseTime(raw.timestamp ?? raw.originalTimestamp);
  if (Number.isNaN(clientTime)) return reject('invalid_timestamp', 'timestamp must be an ISO-8601 date');
  const sentAt = parseTime(raw.sentAt ?? opts.defaults.sentAt);
  if (Number.isNaN(sentAt)) return reject('invalid_timestamp', 'sentAt must be an ISO-8601 date');
  const receivedAt = opts.receivedAt;
  let timestamp = receivedAt;
  if (clientTime !== undefined) {
    timestamp = sentAt !== undefined ? receivedAt - (sentAt - clientTime) : clientTime;
  }
  if (Number.isNaN(inRange(timestamp))) {
    return reject('invalid_timestamp', 'timestamp corrected by sentAt falls outside 1900–9999');
  }

  let messageId = raw.messageId;
  if (messageId === undefined || messageId === null || messageId === '') messageId = `tailor-${randomUUID()}`;
  if (typeof messageId !== 'string' || messageId.length > 255) {
    return reject('invalid_message_id', 'messageId must be a string of at most 255 characters');
  }

  const record: EventRecord = {
    workspaceId: opts.workspaceId,
    messageId: storableText(messageId),
    type,
    event,
    userId,
    anonymousId,
    groupId,
    previousId,
    profileId: '',
    timestamp,
    originalTimestamp: clientTime ?? 0,
    sentAt: sentAt ?? 0,
    receivedAt,
    properties,
    traits,
    context,
  };
  if (recordBytes(record) > INGEST_LIMITS.maxEventBytes) {
    return reject('event_too_large', `events are limited to ${INGEST_LIMITS.maxEventBytes} bytes`);
  }
  return record;
}

/** Byte size of an event as stored: what the 32 KB per-event limit measures. */
export function recordBytes(r: EventRecord): number {
  const text = r.properties.length + r.traits.length + r.context.length + r.event.length + r.messageId.length;
  // Strings are UTF-16 in memory; only measure bytes exactly when the cheap bound is close.
  if (text * 3 + 512 < INGEST_LIMITS.maxEventBytes) return text + 256;
  return (
    Buffer.byteLength(r.properties) +
    Buffer.byteLength(r.traits) +
    Buffer.byteLength(r.context) +
    Buffer.byteLength(r.event) +
    Buffer.byteLength(r.messageId) +
    Buffer.byteLength(r.userId) +
    Buffer.byteLength(r.anonymousId) +
    256
  );
}

export const isRejection = (v: EventRecord | Rejection): v is Rejection => 'code' in v;
