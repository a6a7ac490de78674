import { useT } from '../../../i18n/i18n-provider.js';
import { type Comparison, type ComparisonOp, switchOp } from './comparison.js';
import { Choice, ListInput, NumberInput, ScalarInput, TextInput } from './inputs.js';

interface Props {
  comparison: Comparison;
  ops: readonly ComparisonOp[];
  /** The pointer of the node holding the comparison; value fields add `/value`, `/from`, … */
  path: string;
  onChange(comparison: Comparison): void;
  /** What the schema knows of the compared field: its JSON types and a few values. */
  types?: readonly string[];
  examples?: readonly string[];
}

/** An operator and the inputs that operator needs, for traits, computed traits, properties and aggregates. */
export function ComparisonFields({ comparison: c, ops, path, onChange, types, examples }: Props) {
  const t = useT();
  return (
    <>
      <Choice
        path={`${path}/op`}
        label={t('builder.operator')}
        testId="comparison-op"
        value={c.op}
        options={ops.map((op) => ({ value: op, label: t(`op.${op}`) }))}
        onChange={(op) => onChange(switchOp(c, op))}
      />
      <ValueFields comparison={c} path={path} onChange={onChange} types={types} examples={examples} />
    </>
  );
}

type ValueProps = Omit<Props, 'ops'>;

function ValueFields({ comparison: c, path, onChange, types, examples }: ValueProps) {
  const t = useT();
  const scalar = { types: types ?? [], examples: examples ?? [] };
  switch (c.op) {
    case 'eq':
    case 'neq':
      return (
        <ScalarInput
          {...scalar}
          path={`${path}/value`}
          label={t('builder.value')}
          testId="comparison-value"
          value={c.value}
          onChange={(value) => onChange({ op: c.op, value })}
        />
      );
    case 'in':
    case 'not_in':
      return (
        <ListInput
          types={scalar.types}
          path={`${path}/values`}
          label={t('builder.values')}
          testId="comparison-values"
          values={c.values}
          onChange={(values) => onChange({ op: c.op, values })}
        />
      );
    case 'contains':
    case 'not_contains':
    case 'starts_with':
    case 'ends_with':
      return (
        <TextInput
          path={`${path}/value`}
          label={t('builder.value')}
          testId="comparison-value"
          value={c.value}
          onChange={(value) => onChange({ op: c.op, value })}
        />
      );
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte':
      return (
        <NumberInput
          step="any"
          path={`${path}/value`}
          label={t('builder.value')}
          testId="comparison-value"
          value={c.value}
          onChange={(value) => onChange({ op: c.op, value })}
        />
      );
    case 'between':
      return (
        <>
          <NumberInput
            step="any"
            path={`${path}/from`}
            label={t('builder.from')}
            testId="comparison-from"
            value={c.from}
            onChange={(from) => onChange({ ...c, from })}
          />
          <span>{t('builder.and')}</span>
          <NumberInput
            step="any"
            path={`${path}/to`}
            label={t('builder.to')}
            testId="comparison-to"
            value={c.to}
            onChange={(to) => onChange({ ...c, to })}
          />
        </>
      );
    case 'exists':
    case 'not_exists':
      return null;
    case 'before':
    case 'after':
      return (
        <TextInput
          type="date"
          path={`${path}/value`}
          label={t('builder.date')}
          testId="comparison-date"
          value={c.value.slice(0, 10)}
          onChange={(value) => onChange({ op: c.op, value })}
        />
      );
    case 'within_last':
    case 'more_than_ago':
      return (
        <>
          <NumberInput
            min={0}
            path={`${path}/days`}
            label={t('builder.days')}
            testId="comparison-days"
            value={c.days}
            onChange={(days) => onChange({ op: c.op, days })}
          />
          <span>{t(c.op === 'within_last' ? 'builder.days' : 'builder.daysAgo')}</span>
        </>
      );
    case 'anniversary':
      return (
        <Choice
          path={`${path}/period`}
          label={t('builder.period')}
          testId="comparison-period"
          value={c.period}
          options={[
            { value: 'today', label: t('builder.period.today') },
            { value: 'this_month', label: t('builder.period.this_month') },
          ]}
          onChange={(period) => onChange({ op: 'anniversary', period })}
        />
      );
  }
}
