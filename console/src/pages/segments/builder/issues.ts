import { createContext, useContext } from 'react';
import type { Issue } from '../../../api/api-client.js';

/** The server's complaints about the definition being edited, by JSON pointer (`/root/children/0/event`). */
export const IssuesContext = createContext<readonly Issue[]>([]);

/** The messages for exactly `path`. */
export function useIssues(path: string): string[] {
  return useContext(IssuesContext)
    .filter((i) => i.path === path)
    .map((i) => i.message);
}

/** Props that mark an input invalid (red border, message on hover) when the server named its path. */
export function useFieldIssue(path: string): { 'aria-invalid'?: true; title?: string } {
  const messages = useIssues(path);
  return messages.length === 0 ? {} : { 'aria-invalid': true, title: messages.join('\n') };
}
