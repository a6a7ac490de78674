import type { Node, PropertyFilter } from '../../../api/segments-contract.js';
import { useT } from '../../../i18n/i18n-provider.js';
import { EventPicker } from './event-fields.js';
import { Choice } from './inputs.js';
import { WhereEditor } from './where-editor.js';
import { DurationFields, WindowFields } from './window-fields.js';

type Sequence = Extract<Node, { type: 'sequence' }>;
type Trend = Extract<Node, { type: 'trend' }>;
type Step = { event: string; where?: PropertyFilter[] | undefined };

/** One event of a sequence with its own property filters; `path` points at the step. */
function StepFields({ step, path, onChange }: { step: Step; path: string; onChange(step: Step): void }) {
  return (
    <div className="condition-sub" data-testid="sequence-step">
      <div className="condition-line">
        <EventPicker
          value={step.event}
          path={`${path}/event`}
          onChange={(event) => onChange({ ...step, event })}
        />
      </div>
      <WhereEditor
        event={step.event}
        where={step.where}
        path={path}
        onChange={(where) => onChange({ ...step, where })}
      />
    </div>
  );
}

/**
 * `first`, then `second` within a time; or, not followed: the latest `first` is that old and no
 * `second` came since (an abandoned cart).
 */
export function SequenceFields({
  node,
  path,
  onChange,
}: {
  node: Sequence;
  path: string;
  onChange(node: Sequence): void;
}) {
  const t = useT();
  return (
    <>
      <StepFields
        step={node.first}
        path={`${path}/first`}
        onChange={(first) => onChange({ ...node, first })}
      />
      <div className="condition-sub condition-line">
        <Choice
          path={`${path}/followed`}
          label={t('builder.followed')}
          testId="sequence-followed"
          value={node.followed ? 'yes' : 'no'}
          options={[
            { value: 'yes', label: t('sequence.followed') },
            { value: 'no', label: t('sequence.notFollowed') },
          ]}
          onChange={(v) => onChange({ ...node, followed: v === 'yes' })}
        />
        <span>{t('builder.within')}</span>
        <DurationFields
          value={node.within}
          path={`${path}/within`}
          testId="sequence-within"
          onChange={(within) => onChange({ ...node, within })}
        />
        <WindowFields window={node.window} path={path} onChange={(window) => onChange({ ...node, window })} />
      </div>
      <StepFields
        step={node.second}
        path={`${path}/second`}
        onChange={(second) => onChange({ ...node, second })}
      />
    </>
  );
}

/** Stopped doing an event recently after doing it before, or started again after a pause. */
export function TrendFields({
  node,
  path,
  onChange,
}: {
  node: Trend;
  path: string;
  onChange(node: Trend): void;
}) {
  const t = useT();
  return (
    <>
      <EventPicker
        value={node.event}
        path={`${path}/event`}
        onChange={(event) => onChange({ ...node, event })}
      />
      <Choice
        path={`${path}/change`}
        label={t('builder.change')}
        testId="trend-change"
        value={node.change}
        options={[
          { value: 'stopped', label: t('trend.stopped') },
          { value: 'restarted', label: t('trend.restarted') },
        ]}
        onChange={(change) => onChange({ ...node, change })}
      />
      <span>{t('trend.recent')}</span>
      <DurationFields
        value={node.recent}
        path={`${path}/recent`}
        testId="trend-recent"
        onChange={(recent) => onChange({ ...node, recent })}
      />
      <span>{t('trend.previous')}</span>
      <DurationFields
        value={node.previous}
        path={`${path}/previous`}
        testId="trend-previous"
        onChange={(previous) => onChange({ ...node, previous })}
      />
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
