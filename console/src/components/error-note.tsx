import { ApiError, isAbort } from '../api/api-client.js';
import { useT } from '../i18n/i18n-provider.js';
import { isMessageKey } from '../i18n/messages.js';

/**
 * Shows a translated explanation of the error: by its code when the console knows the code,
 * else the server's own message (English), else a generic one.
 */
export function ErrorNote({ error }: { error: unknown }) {
  const t = useT();
  if (error === null || error === undefined || isAbort(error)) return null;
  let text = t('error.network');
  if (error instanceof ApiError) {
    const known = `apiError.${error.code}`;
    text = isMessageKey(known) ? t(known) : error.message || t('error.status', { status: error.status });
  }
  return (
    <p className="error" role="alert" data-testid="error">
      {text}
    </p>
  );
}
