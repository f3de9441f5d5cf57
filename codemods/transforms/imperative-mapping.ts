/**
 * L405: `mapper(Cls, table)` → `Base.mapImperatively(Cls, table)`, through the file's one
 * declarative base (2.0 maps imperatively through a base's registry; there is no free
 * `mapper()` and no `registry.mapImperatively()`).
 *
 * Only when the rewrite is provably the same mapping and compiles: the file declares
 * exactly one base at its top level (`const Base = declarativeBase(…)`, declared before
 * the call), there are no `properties` (2.0 states each relationship's direction with
 * `many()`/`one()`, which 1.x decided from the foreign keys at run time), and the class
 * declares every column of the table with a type the column's values fit (what
 * `mapImperatively()` checks at compile time). Otherwise the call is reported.
 */
import { CallExpression, Node, Type } from 'ts-morph';
import { legacyFunctionCalls } from './ts-calls';
import type { TypedContext, TypedTransformFn } from './types';

/** The top-level `const X = declarativeBase(…)` declarations of the file (legacy or 2.0). */
function bases(ctx: TypedContext): { name: string; end: number }[] {
  const out: { name: string; end: number }[] = [];
  for (const st of ctx.sourceFile.getVariableStatements()) {
    for (const d of st.getDeclarations()) {
      const init = d.getInitializer();
      const nameNode = d.getNameNode();
      if (!init || !Node.isCallExpression(init) || !Node.isIdentifier(nameNode)) continue;
      const callee = init.getExpression();
      const fn = Node.isIdentifier(callee) ? callee : Node.isPropertyAccessExpression(callee) ? callee.getNameNode() : undefined;
      const sym = fn?.getSymbol();
      const target = sym?.isAlias() ? sym.getAliasedSymbol() : sym;
      // Retort's own (legacy or 2.0): a base of another library has no mapImperatively() of this shape.
      const fromRetort = target?.getDeclarations().some((x) => ctx.isLegacyDeclaration(x) || /[\\/]core[\\/]orm[\\/]model(\.d)?\.ts$/.test(x.getSourceFile().getFilePath()));
      if (target?.getName() === 'declarativeBase' && fromRetort) out.push({ name: nameNode.getText(), end: st.getEnd() });
    }
  }
  return out;
}

/** Why the class does not fit the table as `mapImperatively()` requires, or undefined when it does. */
function misfit(cls: Node, table: Node): string | undefined {
  const checker = cls.getProject().getTypeChecker().compilerObject as unknown as { isTypeAssignableTo?(a: unknown, b: unknown): boolean };
  if (typeof checker.isTypeAssignableTo !== 'function') return 'the type checker cannot compare the class with the table here';
  const ctor = cls.getType().getConstructSignatures()[0];
  if (!ctor) return `${cls.getText()} is not a class`;
  const instance = ctor.getReturnType();
  const columns = table.getType().getProperty('c');
  if (!columns) return `${table.getText()} is not a Core Table`;
  const cType = columns.getTypeAtLocation(table);
  for (const col of cType.getProperties()) {
    const key = col.getName();
    const valueType: Type | undefined = col.getTypeAtLocation(table).getTypeArguments()[0];
    const prop = instance.getProperty(key);
    if (!prop) return `${cls.getText()} does not declare the column ${key} (declare ${key}: … on the class)`;
    if (!valueType) return `the type of ${table.getText()}.c.${key} is not known`;
    if (!checker.isTypeAssignableTo(prop.getTypeAtLocation(cls).compilerType, valueType.compilerType)) {
      return `${cls.getText()}.${key} is declared with a type the column ${key} does not hold`;
    }
  }
  return undefined;
}

/**
 * How `mapper(cls, table)` becomes `Base.mapImperatively(cls, table)` in this file: the base
 * to map through, or why the call is left for a human. (typed-models asks too, for a
 * classically mapped class that a converted model names as a relationship target.)
 */
export function mappingPlan(ctx: TypedContext, call: CallExpression): { base: string } | { why: string } {
  const found = bases(ctx);
  const [cls, table, options, ...rest] = call.getArguments();
  const base = found[0];
  const why =
    !cls || !table || rest.length
      ? 'not the mapper(Cls, table) form'
      : options !== undefined
        ? 'mapper() with properties: write the relationships with many()/one() (2.0 states the direction) as the third argument of Base.mapImperatively()'
        : found.length !== 1
          ? `${found.length ? 'several declarative bases' : 'no declarative base'} at the top of this file: call mapImperatively() on the application's base`
          : base.end > call.getStart()
            ? `${base.name} is declared after this call`
            : misfit(cls, table);
  return why ? { why } : { base: base.name };
}

export const typed: TypedTransformFn = (ctx) => {
  for (const { call } of legacyFunctionCalls(ctx, ['mapper'])) {
    const plan = mappingPlan(ctx, call);
    if ('why' in plan) {
      ctx.manual(call, 'L405', plan.why);
      continue;
    }
    const callee = call.getExpression();
    ctx.rewrite('L405', [{ start: callee.getStart(), end: callee.getEnd(), text: `${plan.base}.mapImperatively` }]);
  }
};
