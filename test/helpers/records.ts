import type { EventRecord } from '../../src/ingest/event-record.js';

/** When the events built here happened and arrived, unless told otherwise. */
export const SPOOLED_AT = Date.UTC(2026, 10, 20, 12);

/**
 * An accepted event as the spool holds it, which `Ingestor.reapply` sends to the applier with
 * no validation: a `Product Viewed` track at `SPOOLED_AT`. Tests give it values acceptance
 * would now refuse, as from an older Tailor's spool.
 */
export function spooledEvent(
  fields: Pick<EventRecord, 'workspaceId' | 'messageId' | 'userId'> & Partial<EventRecord>,
): EventRecord {
  return {
    type: 'track',
    event: 'Product Viewed',
    anonymousId: '',
    groupId: '',
    previousId: '',
    profileId: '',
    timestamp: SPOOLED_AT,
    originalTimestamp: 0,
    sentAt: 0,
    receivedAt: SPOOLED_AT,
    properties: '{}',
    traits: '{}',
    context: '{}',
    ...fields,
  };
}
