import { useT } from '../../i18n/i18n-provider.js';
import { hrefFor } from '../../router.js';

/** Switches between the segments and the manual lists, which segments can refer to. */
export function SegmentsTabs({ current }: { current: 'segments' | 'lists' }) {
  const t = useT();
  return (
    <nav className="tabs" aria-label={t('segments.tabs')}>
      <a
        className="tab"
        href={hrefFor({ name: 'segments' })}
        aria-current={current === 'segments' ? 'page' : undefined}
        data-testid="tab-segments"
      >
        {t('segments.title')}
      </a>
      <a
        className="tab"
        href={hrefFor({ name: 'lists' })}
        aria-current={current === 'lists' ? 'page' : undefined}
        data-testid="tab-lists"
      >
        {t('lists.title')}
      </a>
    </nav>
  );
}
