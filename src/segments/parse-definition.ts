import { invalid } from '../core/errors.js';
import { MAX_JSON_DEPTH, valueNestsDeeperThan } from '../core/json-depth.js';
import { type Definition, DefinitionSchema, MAX_DEPTH, MAX_NODES, type Node, type Window } from './dsl.js';

export interface DefinitionIssue {
  /** JSON pointer of the offending node or field, e.g. `/root/children/1/window`. */
  path: string;
  message: string;
}

const pointer = (path: readonly PropertyKey[]) => `/${path.map(String).join('/')}`;

/**
 * Validates a definition (schema, then the rules a schema cannot say) and returns it frozen.
 * Throws `invalid_definition` whose details list every issue with its JSON pointer.
 */
export function parseDefinition(input: unknown): Definition {
  // A valid tree of MAX_DEPTH nodes is far shallower as JSON; deeper input would overflow the
  // schema's recursive validation before the depth rule below could refuse it.
  if (valueNestsDeeperThan(input, MAX_JSON_DEPTH))
    throw definitionError([{ path: '/root', message: `nested deeper than ${MAX_DEPTH} levels` }]);
  const parsed = DefinitionSchema.safeParse(input);
  if (!parsed.success) {
    throw definitionError(parsed.error.issues.map((i) => ({ path: pointer(i.path), message: i.message })));
  }
  const def = parsed.data as Definition;
  const issues: DefinitionIssue[] = [];
  let count = 0;
  walk(def.root, ['root'], 1, (node, path, depth) => {
    count++;
    if (depth > MAX_DEPTH) {
      issues.push({ path: pointer(path), message: `nested deeper than ${MAX_DEPTH} levels` });
      return 'skip';
    }
    issues.push(...nodeIssues(node, path));
  });
  if (count > MAX_NODES) issues.push({ path: '/root', message: `more than ${MAX_NODES} nodes` });
  if (issues.length > 0) throw definitionError(issues);
  return deepFreeze(def);
}

export function definitionError(issues: DefinitionIssue[]) {
  const first = issues[0];
  return invalid(
    'invalid_definition',
    first ? `invalid segment definition at ${first.path}: ${first.message}` : 'invalid segment definition',
    { issues },
  );
}

/** Visits every node depth-first with its path from the definition's root; `'skip'` skips a node's children. */
export function walk(
  node: Node,
  path: PropertyKey[],
  depth: number,
  visit: (node: Node, path: PropertyKey[], depth: number) => 'skip' | undefined,
): void {
  if (visit(node, path, depth) === 'skip') return;
  if (node.type === 'and' || node.type === 'or') {
    for (const [i, c] of node.children.entries()) walk(c, [...path, 'children', i], depth + 1, visit);
  } else if (node.type === 'not') walk(node.child, [...path, 'child'], depth + 1, visit);
}

/** The segments and lists a definition refers to, with where. */
export function references(def: Definition): { segments: Map<string, string>; lists: Map<string, string> } {
  const segments = new Map<string, string>();
  const lists = new Map<string, string>();
  walk(def.root, ['root'], 1, (n, path) => {
    if (n.type === 'segment' && !segments.has(n.segmentId)) segments.set(n.segmentId, pointer(path));
    if (n.type === 'list' && !lists.has(n.listId)) lists.set(n.listId, pointer(path));
  });
  return { segments, lists };
}

/**
 * Refuses a definition for `segmentId` whose references lead back to it or name a segment or
 * list that does not exist. `definitionOf` gives the stored definitions of the other segments
 * (undefined for an unknown id).
 */
export function checkReferences(
  segmentId: string | undefined,
  def: Definition,
  definitionOf: (id: string) => Definition | undefined,
  listExists: (id: string) => boolean = () => true,
): void {
  const issues: DefinitionIssue[] = [];
  for (const [ref, path] of references(def).lists)
    if (!listExists(ref)) issues.push({ path, message: `no list "${ref}" in this workspace` });
  for (const [ref, path] of references(def).segments) {
    if (ref === segmentId) {
      issues.push({ path, message: 'a segment cannot refer to itself' });
      continue;
    }
    const target = definitionOf(ref);
    if (!target) {
      issues.push({ path, message: `no segment "${ref}" in this workspace` });
      continue;
    }
    const cycle = segmentId ? findPath(ref, segmentId, definitionOf, new Set()) : undefined;
    if (cycle) issues.push({ path, message: `reference cycle: ${[segmentId, ...cycle].join(' → ')}` });
  }
  if (issues.length > 0) throw definitionError(issues);
}

function findPath(
  from: string,
  to: string,
  definitionOf: (id: string) => Definition | undefined,
  seen: Set<string>,
): string[] | undefined {
  if (from === to) return [to];
  if (seen.has(from)) return undefined;
  seen.add(from);
  const def = definitionOf(from);
  if (!def) return undefined;
  for (const next of references(def).segments.keys()) {
    const rest = findPath(next, to, definitionOf, seen);
    if (rest) return [from, ...rest];
  }
  return undefined;
}

function nodeIssues(node: Node, path: PropertyKey[]): DefinitionIssue[] {
  const out: DefinitionIssue[] = [];
  const at = (...rest: PropertyKey[]) => pointer([...path, ...rest]);
  const windowIssue = (w: Window | undefined, ...rest: PropertyKey[]) => {
    if (w && 'between' in w && Date.parse(w.between.from) >= Date.parse(w.between.to))
      out.push({ path: at(...rest, 'between'), message: '"from" must be before "to"' });
  };
  switch (node.type) {
    case 'trait':
    case 'computed':
      if (node.op === 'between' && node.from > node.to)
        out.push({ path: at('from'), message: '"from" must not be greater than "to"' });
      break;
    case 'aggregate':
      if (node.compare.op === 'between' && node.compare.from > node.compare.to)
        out.push({ path: at('compare', 'from'), message: '"from" must not be greater than "to"' });
      windowIssue(node.window, 'window');
      break;
    case 'bucket':
      if (node.from > node.to)
        out.push({ path: at('from'), message: '"from" must not be greater than "to"' });
      break;
    case 'event':
    case 'no_event':
    case 'first_event':
    case 'sequence':
      windowIssue(node.window, 'window');
      break;
    case 'and':
    case 'or':
    case 'not':
    case 'last_event':
    case 'trend':
    case 'segment':
    case 'list':
      break;
  }
  return out;
}

function deepFreeze<T>(v: T): T {
  if (v && typeof v === 'object') {
    for (const x of Object.values(v)) deepFreeze(x);
    Object.freeze(v);
  }
  return v;
}
