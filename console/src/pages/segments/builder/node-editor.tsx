import type { Node } from '../../../api/segments-contract.js';
import { ConditionRow, NegateToggle, type RowProps } from './condition-row.js';
import { GroupEditor } from './group-editor.js';
import { isCondition } from './node-catalogue.js';
import { carryKey } from './node-keys.js';

type Props = Omit<RowProps, 'negated' | 'onNegate'> & {
  node: Node;
  negated?: boolean;
  onNegate?: (negated: boolean) => void;
};

/**
 * Any node of the tree. A `not` is not drawn as a node of its own: its child is drawn with the
 * "not" box ticked, and unticking it puts the child back in the `not`'s place.
 */
export function NodeEditor({ node, path, onChange, onRemove, negated = false, onNegate }: Props) {
  const negate = onNegate ?? ((on: boolean) => on && onChange({ type: 'not', child: node }));

  if (node.type === 'not') {
    if (negated) {
      // not(not(x)) only comes from hand-written JSON; a box keeps the outer `not` visible.
      return (
        <div className="not-box">
          <NegateToggle negated onNegate={negate} />
          <NodeEditor node={node} path={path} onChange={onChange} onRemove={onRemove} />
        </div>
      );
    }
    return (
      <NodeEditor
        node={node.child}
        path={`${path}/child`}
        negated
        onNegate={(on) => onChange(on ? { type: 'not', child: node } : carryKey(node, node.child))}
        onChange={(child) => onChange({ ...node, child })}
        onRemove={onRemove}
      />
    );
  }
  if (isCondition(node)) {
    return (
      <ConditionRow
        node={node}
        path={path}
        onChange={onChange}
        onRemove={onRemove}
        negated={negated}
        onNegate={negate}
      />
    );
  }
  return (
    <GroupEditor
      node={node}
      path={path}
      onChange={onChange}
      onRemove={onRemove}
      negated={negated}
      onNegate={negate}
    />
  );
}
