/**
 * Set-aside events (`/api/v1/ingest/dead-letters`): events a store refused on their own, kept
 * aside so that the others of their batch could be applied. The shape is the server's own view
 * (type-only import, erased from the bundle). Times inside `record` are epoch milliseconds as
 * accepted, 0 meaning absent; the value a store refused may be one no date can show.
 */
import type { DeadLetterView } from '../../../src/services/ingest/dead-letters.js';

export type DeadLetter = DeadLetterView;
export type DeadLetterStore = DeadLetter['store'];

/** Newest first; `nextBeforeId` asks for the page after this one (`null` when there is none). */
export interface DeadLetterPage {
  deadLetters: DeadLetter[];
  /** All set-aside events of the workspace, not only this page's. */
  total: number;
  nextBeforeId: number | null;
}
