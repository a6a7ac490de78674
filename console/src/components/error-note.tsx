import { ApiError, isAbort } from '../api/api-client.js';
import { useT } from '../i18n/i18n-provider.js';

/** Shows the server's own message when it sent one; otherwise a translated explanation. */
export function ErrorNote({ error }: { error: unknown }) {
  const t = useT();
  if (error === null || error === undefined || isAbort(error)) return null;
  let text = t('error.network');
  if (error instanceof ApiError) text = error.message || t('error.status', { status: error.status });
  return (
    <p className="error" role="alert" data-testid="error">
      {text}
    </p>
  );
}
