import type { Node, Segment } from '../../api/segments-contract.js';

/** Whether `node` (or anything below it) is the condition "in segment `id`". */
export function refersTo(node: Node, id: string): boolean {
  switch (node.type) {
    case 'and':
    case 'or':
      return node.children.some((child) => refersTo(child, id));
    case 'not':
      return refersTo(node.child, id);
    case 'segment':
      return node.segmentId === id;
    default:
      return false;
  }
}

/** The segments whose definitions use segment `id`: why the server refuses to delete it. */
export function segmentsUsing(segments: readonly Segment[], id: string): Segment[] {
  return segments.filter((s) => s.id !== id && refersTo(s.definition.root, id));
}
