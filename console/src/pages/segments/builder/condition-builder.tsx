import type { Issue } from '../../../api/api-client.js';
import type { Node } from '../../../api/segments-contract.js';
import { BuilderSchemaProvider } from './builder-schema.js';
import { IssuesContext } from './issues.js';
import { NodeEditor } from './node-editor.js';

interface Props {
  /** The definition's `root`; the editor starts every definition with a group there. */
  root: Node;
  onChange(root: Node): void;
  /** The server's issues with the definition, by pointer from the definition (`/root/…`). */
  issues: readonly Issue[];
  /** The segment being edited, if saved already: it cannot refer to itself. */
  selfId: string | null;
}

/** The visual editor of a segment definition's tree. */
export function ConditionBuilder({ root, onChange, issues, selfId }: Props) {
  return (
    <IssuesContext.Provider value={issues}>
      <BuilderSchemaProvider selfId={selfId}>
        <div className="builder" data-testid="condition-builder">
          <NodeEditor node={root} path="/root" onChange={onChange} />
        </div>
      </BuilderSchemaProvider>
    </IssuesContext.Provider>
  );
}
