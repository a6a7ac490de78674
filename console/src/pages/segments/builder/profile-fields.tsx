import { COMPUTED_TRAITS, type Node } from '../../../api/segments-contract.js';
import { useT } from '../../../i18n/i18n-provider.js';
import { useBuilderSchema } from './builder-schema.js';
import { comparisonOf, TRAIT_OPS, VALUE_OPS, withComparison } from './comparison.js';
import { ComparisonFields } from './comparison-fields.js';
import { Choice, TextInput } from './inputs.js';

type ProfileNode = Extract<Node, { type: 'trait' | 'computed' }>;

/** A trait (as last identified) or a computed trait, compared with a value. */
export function ProfileFields({
  node,
  path,
  onChange,
}: {
  node: ProfileNode;
  path: string;
  onChange(node: ProfileNode): void;
}) {
  const t = useT();
  const { traits, traitListId } = useBuilderSchema();

  if (node.type === 'computed') {
    return (
      <>
        <Choice
          path={`${path}/trait`}
          label={t('builder.computedTrait')}
          testId="computed-trait"
          value={node.trait}
          options={COMPUTED_TRAITS.map((c) => ({ value: c, label: t(`computedTrait.${c}`) }))}
          onChange={(trait) => onChange({ ...node, trait })}
        />
        <ComparisonFields
          comparison={comparisonOf(node)}
          ops={VALUE_OPS}
          path={path}
          types={['number']}
          // A computed trait takes no date comparison: VALUE_OPS offers none.
          onChange={(c) => onChange(withComparison(node, c))}
        />
      </>
    );
  }

  const known = traits.find((tr) => tr.name === node.trait);
  return (
    <>
      <TextInput
        path={`${path}/trait`}
        label={t('builder.trait')}
        testId="trait-name"
        list={traitListId}
        value={node.trait}
        onChange={(trait) => onChange({ ...node, trait })}
      />
      <ComparisonFields
        comparison={comparisonOf(node)}
        ops={TRAIT_OPS}
        path={path}
        types={known?.types}
        examples={known?.examples}
        onChange={(c) => onChange(withComparison(node, c))}
      />
    </>
  );
}
