import type { EventRecord } from './event-record.js';

/**
 * How accepted events are written to the spool: one JSON array per event,
 *
 *   [workspaceId, messageId, type, event, userId, anonymousId, groupId, previousId,
 *    timestamp, originalTimestamp, sentAt, receivedAt, {properties}, {traits}, {context}]
 *
 * with the properties, traits and context JSON text spliced in as they are (they are already
 * the output of JSON.stringify). Stringifying whole records instead would escape every quote of
 * that text again: on the ingest hot path that was the largest single cost after parsing.
 */
export function encodeRecords(records: readonly EventRecord[]): string {
  const s = JSON.stringify;
  let out = '[';
  for (let i = 0; i < records.length; i++) {
    const r = records[i]!;
    if (i > 0) out += ',';
    out += `[${s(r.workspaceId)},${s(r.messageId)},${s(r.type)},${s(r.event)},${s(r.userId)},${s(r.anonymousId)},${s(r.groupId)},${s(r.previousId)},${r.timestamp},${r.originalTimestamp},${r.sentAt},${r.receivedAt},${r.properties},${r.traits},${r.context}]`;
  }
  return `${out}]`;
}

type Encoded = [
  string,
  string,
  EventRecord['type'],
  string,
  string,
  string,
  string,
  string,
  number,
  number,
  number,
  number,
  object,
  object,
  object,
];

export function decodeRecords(text: string): EventRecord[] {
  return (JSON.parse(text) as Encoded[]).map((a) => ({
    workspaceId: a[0],
    messageId: a[1],
    type: a[2],
    event: a[3],
    userId: a[4],
    anonymousId: a[5],
    groupId: a[6],
    previousId: a[7],
    profileId: '',
    timestamp: a[8],
    originalTimestamp: a[9],
    sentAt: a[10],
    receivedAt: a[11],
    properties: JSON.stringify(a[12]),
    traits: JSON.stringify(a[13]),
    context: JSON.stringify(a[14]),
  }));
}
