import { type ReactNode, useId } from 'react';
import type { Node, Window } from '../../../api/segments-contract.js';
import { useT } from '../../../i18n/i18n-provider.js';
import { useBuilderSchema, useEventProperties } from './builder-schema.js';
import { NUMERIC_OPS, withComparison } from './comparison.js';
import { ComparisonFields } from './comparison-fields.js';
import { Choice, NumberInput, TextInput } from './inputs.js';
import { WhereEditor } from './where-editor.js';
import { DurationFields, WindowFields } from './window-fields.js';

type EventNode = Extract<Node, { type: 'event' | 'no_event' | 'first_event' | 'last_event' | 'aggregate' }>;
type Aggregate = Extract<Node, { type: 'aggregate' }>;

const COUNT_OPS = ['at_least', 'exactly', 'at_most'] as const;
const FUNCTIONS = [
  'sum',
  'avg',
  'min',
  'max',
  'count_distinct',
] as const satisfies readonly Aggregate['fn'][];

/** An event name, picked from the events ingested so far or typed. `path` points at the name. */
export function EventPicker({
  value,
  path,
  onChange,
}: {
  value: string;
  path: string;
  onChange(v: string): void;
}) {
  const t = useT();
  const { eventListId } = useBuilderSchema();
  return (
    <TextInput
      path={path}
      label={t('builder.event')}
      testId="event-name"
      list={eventListId}
      value={value}
      onChange={onChange}
    />
  );
}

/** Conditions on one event: performed it (N times), not, first or last time, or an aggregate of a property. */
export function EventFields({
  node,
  path,
  onChange,
}: {
  node: EventNode;
  path: string;
  onChange(node: EventNode): void;
}) {
  const t = useT();
  const windowFields = (required = false) =>
    node.type === 'last_event' ? null : (
      <WindowFields
        window={node.window}
        path={path}
        required={required}
        onChange={(w) => onChange(withWindow(node, w))}
      />
    );

  return (
    <>
      <EventPicker
        value={node.event}
        path={`${path}/event`}
        onChange={(event) => onChange({ ...node, event })}
      />
      {node.type === 'event' ? (
        <>
          <Choice
            path={`${path}/count/op`}
            label={t('builder.count')}
            testId="count-op"
            value={node.count?.op ?? 'at_least'}
            options={COUNT_OPS.map((op) => ({ value: op, label: t(`count.${op}`) }))}
            onChange={(op) => onChange({ ...node, count: { op, value: node.count?.value ?? 1 } })}
          />
          <NumberInput
            min={0}
            path={`${path}/count/value`}
            label={t('builder.times')}
            testId="count-value"
            value={node.count?.value ?? 1}
            onChange={(value) => onChange({ ...node, count: { op: node.count?.op ?? 'at_least', value } })}
          />
          <span>{t('builder.times')}</span>
          {windowFields()}
        </>
      ) : null}
      {node.type === 'no_event' ? windowFields() : null}
      {node.type === 'first_event' ? windowFields(true) : null}
      {node.type === 'last_event' ? (
        <>
          <span>{t('builder.lastMoreThan')}</span>
          <DurationFields
            value={node.olderThan}
            path={`${path}/olderThan`}
            testId="older-than"
            onChange={(olderThan) => onChange({ ...node, olderThan })}
          />
          <span>{t('builder.ago')}</span>
        </>
      ) : null}
      {node.type === 'aggregate' ? (
        <AggregateFields node={node} path={path} onChange={onChange} windowFields={windowFields()} />
      ) : null}
      <div className="condition-sub">
        <WhereEditor
          event={node.event}
          where={node.where}
          path={path}
          onChange={(where) => onChange({ ...node, where })}
        />
      </div>
    </>
  );
}

function withWindow(node: Exclude<EventNode, { type: 'last_event' }>, window: Window | undefined): EventNode {
  // A first_event needs a window; its picker does not offer "ever", so `undefined` never comes.
  if (node.type === 'first_event') return window === undefined ? node : { ...node, window };
  return { ...node, window };
}

function AggregateFields({
  node,
  path,
  onChange,
  windowFields,
}: {
  node: Aggregate;
  path: string;
  onChange(node: Aggregate): void;
  windowFields: ReactNode;
}) {
  const t = useT();
  const properties = useEventProperties(node.event);
  const listId = useId();
  return (
    <>
      <Choice
        path={`${path}/fn`}
        label={t('builder.function')}
        testId="aggregate-fn"
        value={node.fn}
        options={FUNCTIONS.map((fn) => ({ value: fn, label: t(`fn.${fn}`) }))}
        onChange={(fn) => onChange({ ...node, fn })}
      />
      <datalist id={listId}>
        {properties.map((p) => (
          <option key={p.name} value={p.name} />
        ))}
      </datalist>
      <TextInput
        path={`${path}/property`}
        label={t('builder.property')}
        testId="aggregate-property"
        list={listId}
        value={node.property}
        onChange={(property) => onChange({ ...node, property })}
      />
      <ComparisonFields
        comparison={node.compare}
        ops={NUMERIC_OPS}
        path={`${path}/compare`}
        types={['number']}
        onChange={(c) => onChange({ ...node, compare: withComparison(node.compare, c) })}
      />
      {windowFields}
    </>
  );
}
