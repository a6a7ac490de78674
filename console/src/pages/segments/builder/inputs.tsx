import { useId, useState } from 'react';
import { useFieldIssue } from './issues.js';

/**
 * The builder's small inputs. Each takes the JSON pointer of the value it edits (`path`), so the
 * server's validation issues can mark it, and writes a JSON value straight into the definition:
 * an emptied number becomes NaN (sent as null), which the server reports at that very path.
 */

interface Base {
  path: string;
  label: string;
  testId: string;
}

export function NumberInput({
  value,
  onChange,
  min,
  max,
  step = 1,
  ...base
}: Base & {
  value: number;
  onChange(value: number): void;
  min?: number;
  max?: number;
  step?: number | 'any';
}) {
  const issue = useFieldIssue(base.path);
  return (
    <input
      type="number"
      className="num-input"
      min={min}
      max={max}
      step={step}
      aria-label={base.label}
      value={Number.isFinite(value) ? value : ''}
      onChange={(e) => onChange(e.target.value === '' ? Number.NaN : Number(e.target.value))}
      data-testid={base.testId}
      {...issue}
    />
  );
}

export function TextInput({
  value,
  onChange,
  list,
  placeholder,
  type = 'text',
  ...base
}: Base & {
  value: string;
  onChange(value: string): void;
  list?: string;
  placeholder?: string;
  type?: 'text' | 'date';
}) {
  const issue = useFieldIssue(base.path);
  return (
    <input
      type={type}
      list={list}
      placeholder={placeholder ?? base.label}
      aria-label={base.label}
      value={value}
      onChange={(e) => onChange(e.target.value)}
      data-testid={base.testId}
      {...issue}
    />
  );
}

export function Choice<T extends string>({
  value,
  options,
  onChange,
  ...base
}: Base & { value: T; options: ReadonlyArray<{ value: T; label: string }>; onChange(value: T): void }) {
  const issue = useFieldIssue(base.path);
  return (
    <select
      aria-label={base.label}
      value={value}
      onChange={(e) => {
        const picked = options.find((o) => o.value === e.target.value);
        if (picked !== undefined) onChange(picked.value);
      }}
      data-testid={base.testId}
      {...issue}
    >
      {options.map((o) => (
        <option key={o.value} value={o.value}>
          {o.label}
        </option>
      ))}
    </select>
  );
}

export type Scalar = string | number | boolean;

/**
 * Typed text read back as the JSON value it most likely means: a number or boolean when the
 * previous value was one, or when the data seen so far (`types`, from the schema) only holds
 * numbers or booleans; text otherwise. The server compares numbers numerically and text as text.
 */
export function parseScalar(text: string, previous: unknown, types: readonly string[] = []): Scalar {
  const only = (type: string) => types.length > 0 && types.every((t) => t === type);
  const trimmed = text.trim();
  if ((typeof previous === 'number' || only('number')) && trimmed !== '' && Number.isFinite(Number(trimmed)))
    return Number(trimmed);
  if ((typeof previous === 'boolean' || only('boolean')) && (trimmed === 'true' || trimmed === 'false'))
    return trimmed === 'true';
  return text;
}

interface ScalarProps extends Base {
  types?: readonly string[];
  /** Example values seen in the data, offered as suggestions. */
  examples?: readonly string[];
}

export function ScalarInput({
  value,
  onChange,
  types,
  examples = [],
  ...base
}: ScalarProps & { value: Scalar; onChange(value: Scalar): void }) {
  const listId = useId();
  return (
    <>
      <TextInput
        {...base}
        value={String(value)}
        list={examples.length > 0 ? listId : undefined}
        onChange={(text) => onChange(parseScalar(text, value, types))}
      />
      {examples.length > 0 ? <Examples id={listId} examples={examples} /> : null}
    </>
  );
}

/** Values as comma-separated text; the text is kept while typing so a trailing comma survives. */
export function ListInput({
  values,
  onChange,
  types,
  ...base
}: Base & { types?: readonly string[]; values: readonly Scalar[]; onChange(values: Scalar[]): void }) {
  const [text, setText] = useState(() => values.join(', '));
  const parse = (t: string) =>
    t
      .split(',')
      .map((part) => part.trim())
      .filter((part) => part !== '')
      .map((part, i) => parseScalar(part, values[i] ?? values[0], types));
  // The definition changed from elsewhere (another row removed, a reload): show its values.
  const shown = sameValues(parse(text), values) ? text : values.join(', ');
  const issue = useFieldIssue(base.path);
  return (
    <input
      className="wide-input"
      aria-label={base.label}
      placeholder={base.label}
      value={shown}
      onChange={(e) => {
        setText(e.target.value);
        onChange(parse(e.target.value));
      }}
      data-testid={base.testId}
      {...issue}
    />
  );
}

function Examples({ id, examples }: { id: string; examples: readonly string[] }) {
  return (
    <datalist id={id}>
      {examples.map((e) => (
        <option key={e} value={e} />
      ))}
    </datalist>
  );
}

function sameValues(a: readonly Scalar[], b: readonly Scalar[]): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}
