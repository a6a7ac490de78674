import type { Node } from '../../../api/segments-contract.js';
import { useT } from '../../../i18n/i18n-provider.js';
import { NegateToggle, type RowProps } from './condition-row.js';
import { useIssues } from './issues.js';
import { newCondition } from './node-catalogue.js';
import { NodeEditor } from './node-editor.js';
import { keyOf, removeAt, replaceAt } from './node-keys.js';

type Group = Extract<Node, { type: 'and' | 'or' }>;

/** All (and) or any (or) of its children, which are conditions or further groups. */
export function GroupEditor({
  node,
  path,
  onChange,
  onRemove,
  negated,
  onNegate,
}: RowProps & { node: Group }) {
  const t = useT();
  const messages = [...useIssues(path), ...useIssues(`${path}/children`)];
  const children = node.children;
  const setChildren = (next: Node[]) => onChange({ ...node, children: next });

  return (
    <div
      className={`group group-${node.type}${negated ? ' negated' : ''}`}
      data-testid="group"
      data-op={node.type}
    >
      <div className="group-head">
        <NegateToggle negated={negated} onNegate={onNegate} />
        <select
          aria-label={t('builder.groupOp')}
          value={node.type}
          onChange={(e) => onChange({ ...node, type: e.target.value === 'or' ? 'or' : 'and' })}
          data-testid="group-op"
        >
          <option value="and">{t('group.and')}</option>
          <option value="or">{t('group.or')}</option>
        </select>
        {onRemove !== undefined ? (
          <button type="button" className="link small danger" onClick={onRemove} data-testid="remove-group">
            {t('builder.removeGroup')}
          </button>
        ) : null}
      </div>
      <div className="group-children">
        {children.length === 0 ? <p className="muted small">{t('builder.emptyGroup')}</p> : null}
        {children.map((child, i) => (
          <NodeEditor
            key={keyOf(child)}
            node={child}
            path={`${path}/children/${i}`}
            onChange={(next) => setChildren(replaceAt(children, i, next))}
            onRemove={() => setChildren(removeAt(children, i))}
          />
        ))}
      </div>
      {messages.map((m) => (
        <p key={m} className="issue" data-testid="group-issue">
          {m}
        </p>
      ))}
      <div className="group-actions">
        <button
          type="button"
          className="small"
          onClick={() => setChildren([...children, newCondition('event')])}
          data-testid="add-condition"
        >
          + {t('builder.addCondition')}
        </button>
        <button
          type="button"
          className="small"
          onClick={() =>
            setChildren([
              ...children,
              { type: node.type === 'and' ? 'or' : 'and', children: [newCondition('event')] },
            ])
          }
          data-testid="add-group"
        >
          + {t('builder.addGroup')}
        </button>
      </div>
    </div>
  );
}
