import type { Node } from '../../../api/segments-contract.js';
import { useT } from '../../../i18n/i18n-provider.js';
import { useBuilderSchema } from './builder-schema.js';
import { Choice, NumberInput, TextInput } from './inputs.js';

type Membership = Extract<Node, { type: 'segment' | 'list' | 'bucket' }>;

/** In another segment, in a manual list, or in a stable random bucket (holdouts, A/B tests). */
export function MembershipFields({
  node,
  path,
  onChange,
}: {
  node: Membership;
  path: string;
  onChange(node: Membership): void;
}) {
  const t = useT();
  const { segments, lists, selfId } = useBuilderSchema();

  switch (node.type) {
    case 'segment':
      return (
        <Choice
          path={`${path}/segmentId`}
          label={t('builder.segment')}
          testId="segment-ref"
          value={node.segmentId}
          options={withCurrent(
            node.segmentId,
            t('builder.choose'),
            segments.filter((s) => s.id !== selfId).map((s) => ({ value: s.id, label: s.name })),
          )}
          onChange={(segmentId) => onChange({ ...node, segmentId })}
        />
      );
    case 'list':
      return (
        <Choice
          path={`${path}/listId`}
          label={t('builder.list')}
          testId="list-ref"
          value={node.listId}
          options={withCurrent(
            node.listId,
            t('builder.choose'),
            lists.map((l) => ({ value: l.id, label: l.name })),
          )}
          onChange={(listId) => onChange({ ...node, listId })}
        />
      );
    case 'bucket':
      return (
        <>
          <TextInput
            path={`${path}/salt`}
            label={t('builder.salt')}
            testId="bucket-salt"
            value={node.salt}
            onChange={(salt) => onChange({ ...node, salt })}
          />
          <span>{t('builder.bucketFrom')}</span>
          <NumberInput
            min={0}
            max={99}
            path={`${path}/from`}
            label={t('builder.from')}
            testId="bucket-from"
            value={node.from}
            onChange={(from) => onChange({ ...node, from })}
          />
          <span>{t('builder.and')}</span>
          <NumberInput
            min={0}
            max={99}
            path={`${path}/to`}
            label={t('builder.to')}
            testId="bucket-to"
            value={node.to}
            onChange={(to) => onChange({ ...node, to })}
          />
          <span className="muted small">{t('builder.bucketHint')}</span>
        </>
      );
  }
}

/**
 * The picker's options, starting with a "choose…" entry while nothing is picked, and keeping a
 * picked id that is not (or not yet) in the loaded list.
 */
function withCurrent(
  current: string,
  choose: string,
  options: { value: string; label: string }[],
): { value: string; label: string }[] {
  if (current === '') return [{ value: '', label: choose }, ...options];
  if (!options.some((o) => o.value === current)) return [{ value: current, label: current }, ...options];
  return options;
}
