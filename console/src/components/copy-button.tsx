import { useEffect, useState } from 'react';
import { useT } from '../i18n/i18n-provider.js';

/**
 * The Clipboard API exists only in secure contexts; a self-hosted Tailor is often reached over
 * plain http on a LAN address, so fall back to the older selection-based copy there.
 */
async function copyText(text: string): Promise<void> {
  if (navigator.clipboard !== undefined && window.isSecureContext) {
    await navigator.clipboard.writeText(text);
    return;
  }
  const area = document.createElement('textarea');
  area.value = text;
  area.style.position = 'fixed';
  area.style.opacity = '0';
  document.body.append(area);
  area.select();
  document.execCommand('copy');
  area.remove();
}

export function CopyButton({ text, testId }: { text: string; testId?: string }) {
  const t = useT();
  const [copied, setCopied] = useState(false);
  useEffect(() => {
    if (!copied) return;
    const timer = window.setTimeout(() => setCopied(false), 1500);
    return () => window.clearTimeout(timer);
  }, [copied]);
  return (
    <button
      type="button"
      className="small"
      onClick={() =>
        copyText(text).then(
          () => setCopied(true),
          () => setCopied(false),
        )
      }
      data-testid={testId}
    >
      {copied ? t('common.copied') : t('common.copy')}
    </button>
  );
}
