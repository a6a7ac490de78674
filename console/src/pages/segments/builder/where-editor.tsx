import { useId } from 'react';
import type { PropertyFilter } from '../../../api/segments-contract.js';
import { useT } from '../../../i18n/i18n-provider.js';
import { useEventProperties } from './builder-schema.js';
import { comparisonOf, VALUE_OPS, withComparison } from './comparison.js';
import { ComparisonFields } from './comparison-fields.js';
import { TextInput } from './inputs.js';
import { keyOf, removeAt, replaceAt } from './node-keys.js';

interface Props {
  /** The event whose properties are offered as suggestions. */
  event: string;
  where: PropertyFilter[] | undefined;
  /** The pointer of the node (or sequence step) that holds `where`. */
  path: string;
  onChange(where: PropertyFilter[] | undefined): void;
}

/** The event's property filters, all of which must hold (`where`). */
export function WhereEditor({ event, where = [], path, onChange }: Props) {
  const t = useT();
  const properties = useEventProperties(event);
  const listId = useId();
  const set = (next: PropertyFilter[]) => onChange(next.length === 0 ? undefined : next);

  return (
    <div className="where" data-testid="where">
      <datalist id={listId}>
        {properties.map((p) => (
          <option key={p.name} value={p.name} />
        ))}
      </datalist>
      {where.map((filter, i) => {
        const known = properties.find((p) => p.name === filter.property);
        const at = `${path}/where/${i}`;
        return (
          <div key={keyOf(filter)} className="condition-line" data-testid="property-filter">
            <span className="muted">{t(i === 0 ? 'builder.where' : 'builder.andWhere')}</span>
            <TextInput
              path={`${at}/property`}
              label={t('builder.property')}
              testId="filter-property"
              list={listId}
              value={filter.property}
              onChange={(property) => set(replaceAt(where, i, { ...filter, property }))}
            />
            <ComparisonFields
              comparison={comparisonOf(filter)}
              ops={VALUE_OPS}
              path={at}
              types={known?.types}
              examples={known?.examples}
              onChange={(c) => set(replaceAt(where, i, withComparison(filter, c)))}
            />
            <button
              type="button"
              className="link"
              aria-label={t('builder.removeFilter')}
              title={t('builder.removeFilter')}
              onClick={() => set(removeAt(where, i))}
              data-testid="remove-filter"
            >
              ×
            </button>
          </div>
        );
      })}
      <button
        type="button"
        className="link small"
        onClick={() => set([...where, { property: '', op: 'eq', value: '' }])}
        data-testid="add-filter"
      >
        + {t('builder.addFilter')}
      </button>
    </div>
  );
}
