/**
 * For the Query transforms (L301–L305, L307): a 1.x Query written as one chain from
 * `session.query(…)` to the call that runs it, read into its parts, and the names the
 * rewrites need (the class a relationship leads to, as a name in scope at the site).
 * A query kept in a variable or passed to a function is not a chain: its sites are left for
 * a human (the statement would have to change type wherever the value goes).
 */
import { CallExpression, Node, PropertyAccessExpression, ts, Type } from 'ts-morph';
import type { TypedContext } from './types';

/** Query methods that build on the query (they return a new Query). */
export const BUILDERS = new Set(['filter', 'filterBy', 'orderBy', 'groupBy', 'having', 'limit', 'offset', 'slice', 'distinct', 'join', 'outerJoin', 'options']);

export interface ChainStep {
  readonly call: CallExpression;
  readonly access: PropertyAccessExpression;
  readonly method: string;
  readonly args: Node[];
}

/** `session.query(items…).step…` up to (not including) the call that runs it. */
export interface QueryChain {
  /** The `session.query(…)` call. */
  readonly query: ChainStep;
  /** The session expression (the receiver of `query`). */
  readonly session: Node;
  readonly items: Node[];
  /** The builder calls in order, from the one on `query(…)` outwards. */
  readonly steps: ChainStep[];
  /** A query of one model class: its rows are objects (`scalars()` in 2.0), else rows (`execute()`). */
  readonly entity: boolean;
}

function stepOf(n: Node): ChainStep | undefined {
  if (!Node.isCallExpression(n)) return undefined;
  const access = n.getExpression();
  if (!Node.isPropertyAccessExpression(access) || access.hasQuestionDotToken() || n.hasQuestionDotToken()) return undefined;
  return { call: n, access, method: access.getName(), args: n.getArguments() };
}

/** Whether the type is a class (or another constructor), as a model class is. */
export function isClassType(t: Type): boolean {
  return t.getConstructSignatures().length > 0;
}

/**
 * The chain that `receiver` (a Query value) is, or the reason it is not one: a variable, a
 * parameter, a call of something else, a method this module does not know.
 */
export function queryChain(ctx: TypedContext, receiver: Node): QueryChain | string {
  const steps: ChainStep[] = [];
  let n: Node = receiver;
  for (;;) {
    while (Node.isParenthesizedExpression(n)) n = n.getExpression();
    const step = stepOf(n);
    if (!step) return 'the query is not built here from session.query() (it comes from a variable, a parameter, a function or a dynamic relationship): rewrite it to select() by hand';
    if (step.method === 'query' && ctx.isLegacy(step.access.getNameNode(), ['Session'])) {
      steps.reverse();
      const items = step.args;
      if (items.some((i) => Node.isSpreadElement(i))) return 'query() of spread items: rewrite it by hand';
      return { query: step, session: step.access.getExpression(), items, steps, entity: items.length === 1 && isClassType(items[0].getType()) };
    }
    if (!BUILDERS.has(step.method) || !ctx.isLegacy(step.access.getNameNode(), ['LegacyQuery'])) return `the query goes through .${step.method}(), which has no rewrite here: rewrite it by hand`;
    steps.push(step);
    n = step.access.getExpression();
  }
}

/** Whether a value of type `t` is a Core column expression (a ColumnElement or a subclass). */
export function isColumnElementType(t: Type): boolean {
  const seen = new Set<Type>();
  const walk = (x: Type): boolean => {
    if (seen.has(x)) return false;
    seen.add(x);
    const name = x.getSymbol()?.getName();
    if (name === 'ColumnElement') return true;
    return x.getBaseTypes().some(walk);
  };
  return walk(t.isUnion() ? t.getUnionTypes()[0] : t);
}

/**
 * An expression naming the class of instance type `instance` at `site`: a name in scope there
 * that denotes the class declaration (imported or declared), or undefined.
 */
export function classNameAt(site: Node, instance: Type): string | undefined {
  const decls = instance.getSymbol()?.getDeclarations() ?? [];
  const cls = decls.find((d) => Node.isClassDeclaration(d) || Node.isClassExpression(d));
  if (!cls) return undefined;
  const checker = site.getProject().getTypeChecker().compilerObject;
  const target = cls.compilerNode;
  for (const sym of checker.getSymbolsInScope(site.compilerNode, ts.SymbolFlags.Value | ts.SymbolFlags.Alias)) {
    const resolved = sym.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(sym) : sym;
    if (resolved.declarations?.some((d) => d === target || (ts.isVariableDeclaration(d) && d.initializer === target))) return sym.getName();
  }
  return undefined;
}

/** The relationship attribute `key` of the model class `model` (a type), and the instance type it leads to; undefined when there is none. */
export function relationshipOf(model: Type, key: string, site: Node): { target: Type } | undefined {
  const c = model.getProperty('c');
  if (!c) return undefined;
  const attr = c.getTypeAtLocation(site).getProperty(key);
  if (!attr) return undefined;
  const attrType = attr.getTypeAtLocation(site);
  if (attrType.getSymbol()?.getName() !== 'RelationshipAttribute') return undefined;
  const target = attrType.getProperty('__target')?.getTypeAtLocation(site);
  if (!target) return undefined;
  return { target: target.getNonNullableType() };
}

/** The type of the model class whose instances have type `instance` (the class's static side), found through its declaration. */
export function classTypeOf(instance: Type): Type | undefined {
  const sym = instance.getSymbol();
  const decl = sym?.getDeclarations().find((d) => Node.isClassDeclaration(d) || Node.isClassExpression(d));
  return decl && sym ? sym.getTypeAtLocation(decl) : undefined;
}

/** Property names that are plain identifiers (the attribute access `X.c.name` is valid). */
export const isIdentifierName = (s: string) => /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(s);

/** `await <call>` directly around a call, or undefined. */
export function awaitAround(call: Node): Node | undefined {
  const p = call.getParent();
  return p && Node.isAwaitExpression(p) ? p : undefined;
}

/** Where `join('name')` looks a name up: the model last joined, else the query's first model. */
export interface JoinPoint {
  readonly type: Type;
  /** An expression naming the class at the site, or undefined when none is in scope. */
  readonly text: string | undefined;
}

/** A join step in a legacy form (L304) and its 2.0 spelling, or why it cannot be rewritten. */
export interface JoinFix {
  readonly step: ChainStep;
  readonly edit?: { start: number; end: number; text: string };
  readonly reason?: string;
}

const isStringLit = (n: Node) => Node.isStringLiteral(n) || Node.isNoSubstitutionTemplateLiteral(n);

export function startPoint(items: readonly Node[]): JoinPoint | undefined {
  const first = items.find((i) => isClassType(i.getType()));
  if (!first) return undefined;
  const plain = Node.isIdentifier(first) || (Node.isPropertyAccessExpression(first) && /^[\w$.]+$/.test(first.getText()));
  const instance = first.getType().getConstructSignatures()[0]?.getReturnType();
  return { type: first.getType(), text: plain ? first.getText() : instance ? classNameAt(first, instance) : undefined };
}

function pointOfTarget(site: Node, target: Node, prev: JoinPoint | undefined): JoinPoint | undefined {
  const t = target.getType();
  if (isClassType(t)) return { type: t, text: Node.isIdentifier(target) ? target.getText() : undefined };
  if (t.getSymbol()?.getName() === 'RelationshipAttribute') {
    const inst = t.getProperty('__target')?.getTypeAtLocation(site).getNonNullableType();
    const cls = inst && classTypeOf(inst);
    return cls ? { type: cls, text: classNameAt(site, inst) } : undefined;
  }
  return prev;
}

/**
 * Every join step of a chain with its 2.0 spelling when it is a legacy form: names become
 * relationship attributes of the class they leave from, one call per hop; a `[target, on]`
 * tuple becomes `join(target, on)`. Steps before an unresolvable one still resolve.
 * `start` is where names are first looked up when the chain has no items of its own (a
 * dynamic collection's query starts from its related class).
 */
export function joinFixes(items: readonly Node[], steps: readonly ChainStep[], points?: Map<ChainStep, JoinPoint | undefined>, start?: JoinPoint): JoinFix[] {
  let point = start ?? startPoint(items);
  const out: JoinFix[] = [];
  for (const step of steps) {
    points?.set(step, point);
    if (step.method !== 'join' && step.method !== 'outerJoin') continue;
    const { args, method } = step;
    const site = step.call;
    if (args.length === 2 && isColumnElementType(args[1].getType()) && !isColumnElementType(args[0].getType())) {
      if (!isStringLit(args[0])) {
        point = pointOfTarget(site, args[0], point);
        out.push({ step });
        continue;
      }
    }
    const legacy = args.length > 1 || args.some((a) => isStringLit(a) || Node.isArrayLiteralExpression(a) || a.getType().isString() || a.getType().isStringLiteral());
    if (!legacy) {
      if (args[0]) point = pointOfTarget(site, args[0], point);
      out.push({ step });
      continue;
    }
    const hops: string[] = [];
    let reason: string | undefined;
    const onArg = args.length === 2 && isColumnElementType(args[1].getType()) ? args[1] : undefined;
    const targets = onArg ? [args[0]] : args;
    for (const a of targets) {
      if (isStringLit(a)) {
        const names = (a as Node & { getLiteralValue(): string }).getLiteralValue().split('.');
        // With a condition the name is one hop (1.x did not split it).
        if (onArg && names.length > 1) {
          reason = `join('${names.join('.')}', on): a dotted name with a condition is not a relationship`;
          break;
        }
        names.forEach((name, i) => {
          if (reason) return;
          if (!point) reason = `join('${name}'): the query has no model to find the relationship on`;
          else if (!isIdentifierName(name)) reason = `join('${name}'): not a relationship name`;
          else if (!point.text) reason = `join('${name}'): no name of the class it leaves from is in scope here`;
          else {
            const rel = relationshipOf(point.type, name, site);
            if (!rel) reason = `join('${name}'): ${point.text} has no relationship "${name}" (by its types)`;
            else {
              const isLast = i === names.length - 1 && a === targets[targets.length - 1];
              hops.push(`${method}(${point.text}.c.${name}${isLast && onArg ? `, ${onArg.getText()}` : ''})`);
              const cls = classTypeOf(rel.target);
              point = cls ? { type: cls, text: classNameAt(site, rel.target) } : undefined;
            }
          }
        });
      } else if (Node.isArrayLiteralExpression(a)) {
        const els = a.getElements();
        if (els.length !== 2 || els.some((e) => Node.isSpreadElement(e))) reason = 'a join tuple is [target, on]';
        else {
          hops.push(`${method}(${els[0].getText()}, ${els[1].getText()})`);
          point = pointOfTarget(site, els[0], point);
        }
      } else if (a.getType().isString() || a.getType().isStringLiteral()) reason = 'join() by a relationship name held in a variable: write the relationship attribute by hand';
      else {
        hops.push(`${method}(${a.getText()})`);
        point = pointOfTarget(site, a, point);
      }
      if (reason) break;
    }
    if (reason) {
      out.push({ step, reason });
      point = undefined;
      continue;
    }
    out.push({ step, edit: { start: step.access.getNameNode().getStart(), end: step.call.getEnd(), text: hops.join('.') } });
  }
  return out;
}
