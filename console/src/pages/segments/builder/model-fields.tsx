import { MODEL_NAMES, MODEL_VALUES, type Node } from '../../../api/segments-contract.js';
import { useT } from '../../../i18n/i18n-provider.js';
import { modelGroupLabel } from '../model-labels.js';
import { useBuilderSchema } from './builder-schema.js';
import { Choice, TextInput } from './inputs.js';

type ModelNode = Extract<Node, { type: 'model' | 'rfm_score' | 'interest' }>;

const SCORES = [1, 2, 3, 4, 5].map((n) => ({ value: String(n), label: String(n) }));

/** A group of a built-in model, a range of an RFM score, or an interest (a top category). */
export function ModelFields({
  node,
  path,
  onChange,
}: {
  node: ModelNode;
  path: string;
  onChange(node: ModelNode): void;
}) {
  const t = useT();
  const { categoryListId } = useBuilderSchema();
  switch (node.type) {
    case 'model':
      return (
        <>
          <Choice
            path={`${path}/model`}
            label={t('builder.model')}
            testId="model-name"
            value={node.model}
            options={MODEL_NAMES.map((m) => ({ value: m, label: t(`model.${m}`) }))}
            onChange={(model) => onChange({ ...node, model, value: MODEL_VALUES[model][0] })}
          />
          <Choice
            path={`${path}/value`}
            label={t('builder.group')}
            testId="model-value"
            value={node.value}
            options={MODEL_VALUES[node.model].map((v) => ({
              value: v,
              label: modelGroupLabel(t, node.model, v),
            }))}
            onChange={(value) => onChange({ ...node, value })}
          />
        </>
      );
    case 'rfm_score':
      return (
        <>
          <Choice
            path={`${path}/score`}
            label={t('builder.score')}
            testId="rfm-score"
            value={node.score}
            options={(['r', 'f', 'm'] as const).map((s) => ({ value: s, label: t(`rfm.score.${s}`) }))}
            onChange={(score) => onChange({ ...node, score })}
          />
          <span>{t('builder.between')}</span>
          <Choice
            path={`${path}/from`}
            label={t('builder.from')}
            testId="rfm-from"
            value={String(node.from)}
            options={SCORES}
            onChange={(from) => onChange({ ...node, from: Number(from) })}
          />
          <span>{t('builder.and')}</span>
          <Choice
            path={`${path}/to`}
            label={t('builder.to')}
            testId="rfm-to"
            value={String(node.to)}
            options={SCORES}
            onChange={(to) => onChange({ ...node, to: Number(to) })}
          />
        </>
      );
    case 'interest':
      return (
        <TextInput
          path={`${path}/category`}
          label={t('builder.category')}
          testId="interest-category"
          list={categoryListId}
          value={node.category}
          onChange={(category) => onChange({ ...node, category })}
        />
      );
  }
}
