import type { Issue } from '../../api/api-client.js';

/**
 * The server's validation issues, each with where it is: the pointer made readable
 * (`/root/children/0/window/last/amount` reads `#1 › window › last › amount`).
 */
export function IssueList({
  title,
  issues,
  testId,
}: {
  title: string;
  issues: readonly Issue[];
  testId: string;
}) {
  return (
    <div className="error" role="alert" data-testid={testId}>
      <p className="issue-title">{title}</p>
      <ul className="issue-list">
        {issues.map((issue) => (
          <li key={`${issue.path} ${issue.message}`} data-testid="issue" data-path={issue.path}>
            {issue.path !== '' ? <span className="mono">{readablePath(issue.path)}: </span> : null}
            {issue.message}
          </li>
        ))}
      </ul>
    </div>
  );
}

export function readablePath(pointer: string): string {
  const parts = pointer.split('/').filter((p) => p !== '' && p !== 'root');
  const shown: string[] = [];
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i] ?? '';
    const next = parts[i + 1];
    if ((part === 'children' || part === 'where') && next !== undefined && /^\d+$/.test(next)) {
      shown.push(`${part === 'where' ? 'where ' : ''}#${Number(next) + 1}`);
      i++;
    } else if (part !== 'child') {
      shown.push(part);
    }
  }
  return shown.join(' › ') || pointer;
}
