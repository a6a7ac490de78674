/** The six message types of the Segment tracking spec. */
export const MESSAGE_TYPES = ['identify', 'track', 'page', 'screen', 'group', 'alias'] as const;
export type MessageType = (typeof MESSAGE_TYPES)[number];

/**
 * One accepted event, as written to the spool and then to the event store. Times are epoch
 * milliseconds (UTC); 0 means absent. Missing ids are ''. `properties`, `traits` and `context`
 * are the JSON text the client sent (normalisation results live on the profile, the raw values
 * stay here). `profileId` is filled by the applier; it is the profile the event was attributed
 * to when it arrived, and later merges are applied when reading.
 */
export interface EventRecord {
  workspaceId: string;
  messageId: string;
  type: MessageType;
  /** track: event name; page/screen: name; '' otherwise. */
  event: string;
  userId: string;
  anonymousId: string;
  groupId: string;
  previousId: string;
  profileId: string;
  timestamp: number;
  originalTimestamp: number;
  sentAt: number;
  receivedAt: number;
  properties: string;
  traits: string;
  context: string;
}
