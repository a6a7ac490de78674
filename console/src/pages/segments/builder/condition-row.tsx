import type { Node } from '../../../api/segments-contract.js';
import { useT } from '../../../i18n/i18n-provider.js';
import { EventFields } from './event-fields.js';
import { useIssues } from './issues.js';
import { MembershipFields } from './membership-fields.js';
import { ModelFields } from './model-fields.js';
import { CONDITION_FAMILIES, type Condition, type ConditionType, newCondition } from './node-catalogue.js';
import { ProfileFields } from './profile-fields.js';
import { SequenceFields, TrendFields } from './sequence-fields.js';

export interface RowProps {
  path: string;
  onChange(node: Node): void;
  onRemove?: (() => void) | undefined;
  /** Whether the condition sits inside a `not`, and how to add or drop that `not`. */
  negated: boolean;
  onNegate(negated: boolean): void;
}

/** One condition: its negation, its type, the fields of that type, and its issues. */
export function ConditionRow({
  node,
  path,
  onChange,
  onRemove,
  negated,
  onNegate,
}: RowProps & { node: Condition }) {
  const t = useT();
  const messages = useIssues(path);
  const types: ConditionType[] = CONDITION_FAMILIES.flatMap((f) => f.types);
  return (
    <div
      className={negated ? 'condition negated' : 'condition'}
      data-testid="condition"
      data-type={node.type}
    >
      <div className="condition-body">
        <div className="condition-line">
          <NegateToggle negated={negated} onNegate={onNegate} />
          <select
            aria-label={t('builder.conditionType')}
            value={node.type}
            onChange={(e) => {
              const type = types.find((x) => x === e.target.value);
              if (type !== undefined) onChange(newCondition(type, node));
            }}
            data-testid="condition-type"
          >
            {CONDITION_FAMILIES.map((f) => (
              <optgroup key={f.family} label={t(`family.${f.family}`)}>
                {f.types.map((type) => (
                  <option key={type} value={type}>
                    {t(`node.${type}`)}
                  </option>
                ))}
              </optgroup>
            ))}
          </select>
          <ConditionFields node={node} path={path} onChange={onChange} />
        </div>
        {messages.map((m) => (
          <p key={m} className="issue" data-testid="condition-issue">
            {m}
          </p>
        ))}
      </div>
      {onRemove !== undefined ? (
        <button
          type="button"
          className="link"
          aria-label={t('builder.removeCondition')}
          title={t('builder.removeCondition')}
          onClick={onRemove}
          data-testid="remove-condition"
        >
          ×
        </button>
      ) : null}
    </div>
  );
}

function ConditionFields({
  node,
  path,
  onChange,
}: {
  node: Condition;
  path: string;
  onChange(node: Node): void;
}) {
  switch (node.type) {
    case 'trait':
    case 'computed':
      return <ProfileFields node={node} path={path} onChange={onChange} />;
    case 'event':
    case 'no_event':
    case 'first_event':
    case 'last_event':
    case 'aggregate':
      return <EventFields node={node} path={path} onChange={onChange} />;
    case 'sequence':
      return <SequenceFields node={node} path={path} onChange={onChange} />;
    case 'trend':
      return <TrendFields node={node} path={path} onChange={onChange} />;
    case 'segment':
    case 'list':
    case 'bucket':
      return <MembershipFields node={node} path={path} onChange={onChange} />;
    case 'model':
    case 'rfm_score':
    case 'interest':
      return <ModelFields node={node} path={path} onChange={onChange} />;
  }
}

export function NegateToggle({ negated, onNegate }: { negated: boolean; onNegate(negated: boolean): void }) {
  const t = useT();
  return (
    <label className={negated ? 'negate on' : 'negate'} title={t('builder.negateHint')}>
      <input
        type="checkbox"
        checked={negated}
        onChange={(e) => onNegate(e.target.checked)}
        data-testid="negate"
      />
      {t('builder.not')}
    </label>
  );
}
