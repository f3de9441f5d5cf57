/**
 * The little the transform needs of Babel's TypeScript AST (as jscodeshift's `ts` parser
 * gives it): a loose node shape and helpers to read literals and source text.
 */
import { walkNodes as walkPlainNodes } from '../js-find';

export interface AstNode {
  type: string;
  start?: number | null;
  end?: number | null;
  loc?: { start: { line: number; column: number } } | null;
  [key: string]: any;
}

/** The value of a string literal (or a template literal without `${}`), else undefined. */
export function stringValue(node: AstNode | undefined): string | undefined {
  if (!node) return undefined;
  if (node.type === 'StringLiteral') return node.value as string;
  if (node.type === 'TemplateLiteral' && node.expressions.length === 0) return node.quasis[0].value.cooked as string;
  if (node.type === 'TSAsExpression' || node.type === 'TSNonNullExpression') return stringValue(node.expression);
  return undefined;
}

/** The name of a non-computed property key (identifier or string literal), else undefined. */
export function propertyName(prop: AstNode): string | undefined {
  if (prop.computed) return undefined;
  if (prop.key.type === 'Identifier') return prop.key.name as string;
  return stringValue(prop.key);
}

/** The source text of a node. */
export function textOf(source: string, node: AstNode): string {
  return source.slice(node.start!, node.end!);
}

/** Calls `visit` on `node` and every node below it; `visit` returning false skips a subtree (the syntax transforms' shared walk). */
export function walkNodes(node: unknown, visit: (n: AstNode, parent: AstNode | undefined) => boolean | void): void {
  walkPlainNodes<AstNode>(node, visit);
}

/** A JavaScript identifier (so `t.c.name` works), else a quoted accessor is needed. */
export function isIdentifierName(s: string): boolean {
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(s);
}

/** `.name` or `['na me']`. */
export function accessor(key: string): string {
  return isIdentifierName(key) ? `.${key}` : `[${JSON.stringify(key)}]`;
}

/** An object literal key: bare when it can be. */
export function objectKey(key: string): string {
  return isIdentifierName(key) ? key : JSON.stringify(key);
}

/** A single-quoted string literal. */
export function quote(s: string): string {
  return `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n')}'`;
}
