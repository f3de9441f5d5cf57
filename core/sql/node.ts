/**
 * The base of every node in the expression tree, and the cache-key builder.
 *
 * Trees are immutable: every generative method returns a new node. A node writes its
 * *shape* into a cache key (never its bound values), and lists its bound parameters in a
 * fixed order, so a compiled statement can be reused for any tree of the same shape.
 */
import type { BindParameter } from './elements';

/** Every kind of node; the compiler's visitor table must handle each (checked by tsc). */
export type NodeKind =
  | 'column'
  | 'namedColumn'
  | 'bind'
  | 'literal'
  | 'keyword'
  | 'binary'
  | 'unary'
  | 'clauseList'
  | 'grouping'
  | 'function'
  | 'cast'
  | 'case'
  | 'label'
  | 'over'
  | 'in'
  | 'between'
  | 'scalarSubquery'
  | 'exists'
  | 'excluded'
  | 'star'
  | 'orderBy'
  | 'textClause'
  | 'table'
  | 'alias'
  | 'join'
  | 'cte'
  | 'select'
  | 'compoundSelect'
  | 'insert'
  | 'update'
  | 'delete';

/** Collects a statement's shape and its bound parameters in traversal order. */
export class CacheKeyBuilder {
  readonly parts: string[] = [];
  readonly binds: BindParameter<unknown>[] = [];
  /**
   * Nodes whose identity matters (anonymous aliases) get a stable per-key number. Made on
   * first use, like `seen`: most keys need neither, and a key is built for every statement
   * that is built per call.
   */
  private ids: Map<object, number> | undefined;
  /** Set when some node cannot be keyed by shape; the statement is then compiled every time. */
  uncacheable = false;

  push(s: string): void {
    this.parts.push(s);
  }
  identity(o: object): void {
    const ids = (this.ids ??= new Map());
    let id = ids.get(o);
    if (id === undefined) {
      id = ids.size;
      ids.set(o, id);
    }
    this.parts.push(`#${id}`);
  }
  private seen: Set<object> | undefined;
  /** True the first time `o` is met in this key (for things defined once, like CTEs). */
  firstTime(o: object): boolean {
    const seen = (this.seen ??= new Set());
    if (seen.has(o)) return false;
    seen.add(o);
    return true;
  }
  bind(b: BindParameter<unknown>): void {
    this.binds.push(b);
  }
}

export abstract class Node {
  abstract readonly kind: NodeKind;
  /** Writes this node's shape (not its values) into a cache key. @internal */
  abstract _key(k: CacheKeyBuilder): void;
  /** Child nodes, for traversal (used to find tables and correlate subqueries). @internal */
  _children(): readonly Node[] {
    return [];
  }
}

/** Depth-first walk over a tree, not descending into nested selects when `stopAtSelect`. */
export function walk(node: Node, visit: (n: Node) => void | false): void {
  if (visit(node) === false) return;
  for (const c of node._children()) walk(c, visit);
}

/** A key built from a whole statement. */
export interface CacheKey {
  readonly key: string;
  readonly binds: readonly BindParameter<unknown>[];
  readonly cacheable: boolean;
  /**
   * The compiled form an engine last used for this statement, and that engine's cache
   * token: a reused statement finds it here without a lookup (see `Engine._compile`). @internal
   */
  compiledFor: object | undefined;
  compiled: unknown;
}

export function buildCacheKey(node: Node): CacheKey {
  const k = new CacheKeyBuilder();
  node._key(k);
  return { key: k.parts.join(' '), binds: k.binds, cacheable: !k.uncacheable, compiledFor: undefined, compiled: undefined };
}
