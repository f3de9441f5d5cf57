/**
 * Finding knex query-builder chains in a file: which identifiers are the knex instance or a
 * knex transaction, and how a chain `knex('t').where(…).first()` splits into its calls.
 */
import type { ASTPath } from 'jscodeshift';
import type { AstNode } from './ast';

/** One call of a chain: `.where('a', 1)` is `{ name: 'where', args: ['a', 1] }`. */
export interface Link {
  readonly name: string;
  readonly args: readonly AstNode[];
  readonly node: AstNode;
}

/** What a chain starts from. */
export type RootKind = 'knex' | 'trx' | 'local-knex';

/** A call chain split into its base (`knex('t')`, `knex`, `this`) and its calls in source order. */
export interface Split {
  readonly base: AstNode;
  readonly links: Link[];
}

export function splitChain(node: AstNode): Split {
  const links: Link[] = [];
  let cur = node;
  while (cur.type === 'CallExpression' && cur.callee.type === 'MemberExpression' && !cur.callee.computed && cur.callee.property.type === 'Identifier') {
    links.unshift({ name: cur.callee.property.name as string, args: cur.arguments as AstNode[], node: cur });
    cur = cur.callee.object as AstNode;
  }
  return { base: cur, links };
}

/** The methods a chain may start with on the knex object itself (`knex.select(…).from(…)`). */
export const ROOT_METHODS = new Set([
  'select', 'column', 'columns', 'from', 'table', 'into', 'insert', 'update', 'del', 'delete', 'where', 'whereIn',
  'count', 'min', 'max', 'sum', 'avg', 'countDistinct', 'distinct', 'first', 'with', 'union', 'unionAll', 'queryBuilder', 'raw', 'increment', 'decrement',
]);

/** Methods that consume a chain as a promise. */
export const PROMISE_METHODS = new Set(['then', 'catch', 'finally']);

/**
 * What an identifier at `path` is: the knex instance (a module-level binding with one of the
 * knex names), a knex transaction (the parameter of a `knex.transaction(trx => …)` callback,
 * or a parameter typed `Knex.Transaction`), a local binding with a knex name (which may be a
 * transaction as well), or none of these.
 */
export function classifyIdentifier(path: ASTPath, name: string, knexNames: ReadonlySet<string>): RootKind | undefined {
  const scope = (path as any).scope?.lookup(name);
  if (!scope || scope.isGlobal) return knexNames.has(name) ? 'knex' : undefined;
  const bindings: ASTPath[] = scope.getBindings()[name] ?? [];
  for (const b of bindings) {
    if (isTransactionParameter(b, knexNames)) return 'trx';
  }
  // A local function of that name is something else; a parameter or a variable may be knex, or a transaction.
  const declarator = bindings[0]?.parent?.value as AstNode | undefined;
  if (declarator?.type === 'VariableDeclarator' && /Function/.test(declarator.init?.type ?? '')) return undefined;
  if (declarator?.type === 'FunctionDeclaration' && declarator.id === bindings[0].value) return undefined;
  return knexNames.has(name) ? 'local-knex' : undefined;
}

function isTransactionParameter(binding: ASTPath, knexNames: ReadonlySet<string>): boolean {
  const id = binding.value as AstNode;
  if (isTransactionType(id.typeAnnotation?.typeAnnotation)) return true;
  // `const trx = await knex.transaction()`: a transaction the code commits itself.
  const declarator = binding.parent?.value as AstNode | undefined;
  if (declarator?.type === 'VariableDeclarator' && declarator.id === id && declarator.init?.type === 'AwaitExpression') {
    const call = declarator.init.argument as AstNode;
    return call.type === 'CallExpression' && call.arguments.length === 0 && isKnexTransactionCall(call.callee, binding.parent!, knexNames);
  }
  const fn = binding.parent as ASTPath | undefined;
  const fnNode = fn?.value as AstNode | undefined;
  if (!fnNode || !/Function/.test(fnNode.type) || fnNode.params?.[0] !== id) return false;
  const call = fn!.parent as ASTPath | undefined;
  const callNode = call?.value as AstNode | undefined;
  if (callNode?.type !== 'CallExpression' || callNode.arguments[0] !== fnNode) return false;
  return isKnexTransactionCall(callNode.callee as AstNode, call!, knexNames);
}

/** `knex.transaction` (or `trx.transaction`, a nested one) as a callee. */
function isKnexTransactionCall(callee: AstNode, at: ASTPath, knexNames: ReadonlySet<string>): boolean {
  if (callee.type !== 'MemberExpression' || callee.computed || callee.property.name !== 'transaction' || callee.object.type !== 'Identifier') return false;
  const kind = classifyIdentifier(at, callee.object.name as string, knexNames);
  return kind === 'knex' || kind === 'trx';
}

/** `Knex.Transaction`, with or without type arguments (a bare `Transaction` may be another library's). */
function isTransactionType(t: AstNode | undefined): boolean {
  if (!t || t.type !== 'TSTypeReference') return false;
  const n = t.typeName as AstNode;
  return n.type === 'TSQualifiedName' && n.left.type === 'Identifier' && n.left.name === 'Knex' && n.right.name === 'Transaction';
}
