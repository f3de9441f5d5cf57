/**
 * L202: the argument forms of the legacy DML constructors and table methods → generative calls:
 * `insert(t, { values, returning })` → `insert(t).values(…).returning(…)`,
 * `update(t, where, values)` → `update(t).where(…).values(…)`, `delete_(t, where)` →
 * `delete_(t).where(…)`, `t.select(where)` → `select(t).where(…)`, `t.insert(values)` →
 * `insert(t).values(…)`, `t.update(where, values)`, `t.delete(where)` → `deleteFrom(t).where(…)`.
 * A WHERE argument whose type admits null (1.x skipped it; 2.0's where() refuses it) is reported.
 */
import { Node } from 'ts-morph';
import type { TypedTransformFn } from './types';
import { isNullishLiteral, legacyFunctionCalls, legacyMethodCalls, mayBeNullish } from './ts-calls';

type Step = [string, string];

/** `.where(w)` unless `w` is absent or written as null; undefined when `w` may be null at run time. */
function whereStep(w: Node | undefined): Step[] | undefined {
  if (!w || isNullishLiteral(w)) return [];
  if (mayBeNullish(w)) return undefined;
  return [['where', w.getText()]];
}

function valuesStep(v: Node | undefined): Step[] {
  return !v || isNullishLiteral(v) ? [] : [['values', v.getText()]];
}

const render = (base: string, steps: Step[]) => base + steps.map(([m, a]) => `.${m}(${a})`).join('');

function insertOptions(opts: Node): Step[] | undefined {
  if (!Node.isObjectLiteralExpression(opts)) return undefined;
  const steps: Step[] = [];
  for (const p of opts.getProperties()) {
    if (!Node.isPropertyAssignment(p)) return undefined;
    const init = p.getInitializerOrThrow();
    if (p.getName() === 'values') steps.unshift(['values', init.getText()]);
    else if (p.getName() === 'returning' && Node.isArrayLiteralExpression(init)) {
      if (init.getElements().length) steps.push(['returning', init.getElements().map((e) => e.getText()).join(', ')]);
    } else return undefined;
  }
  return steps;
}

export const typed: TypedTransformFn = (ctx) => {
  const nullable = 'the WHERE argument may be null or undefined (1.x skipped it; 2.0 where() needs a condition): write the condition or drop it by hand';
  for (const { call, name, args } of legacyFunctionCalls(ctx, ['insert', 'update', 'delete_'])) {
    const callee = call.getExpression().getText();
    const [table, a, b] = args;
    if (!table || args.length < 2) continue;
    let steps: Step[] | undefined;
    if (name === 'insert') {
      steps = args.length === 2 ? insertOptions(a) : undefined;
      if (!steps) {
        ctx.manual(call, 'L202', 'insert() options that are not an object literal of values/returning');
        continue;
      }
    } else {
      const w = whereStep(a);
      if (!w) {
        ctx.manual(call, 'L202', nullable);
        continue;
      }
      steps = name === 'update' ? [...w, ...valuesStep(b)] : w;
    }
    ctx.replace(call, render(`${callee}(${table.getText()})`, steps), 'L202');
  }
  for (const c of legacyMethodCalls(ctx, ['select', 'insert', 'update', 'delete'], ['LegacyTableMethods'], 'L202')) {
    const fn = ctx.retortName(c.method === 'delete' ? 'deleteFrom' : c.method);
    if (!fn) {
      ctx.manual(c.call, 'L202', `${c.method}() cannot be imported into this file`);
      continue;
    }
    const base = `${fn}(${c.receiver.getText()})`;
    if (c.method === 'insert') {
      ctx.replace(c.call, render(base, valuesStep(c.args[0])), 'L202');
      continue;
    }
    const w = whereStep(c.args[0]);
    if (!w) {
      ctx.manual(c.call, 'L202', nullable);
      continue;
    }
    ctx.replace(c.call, render(base, c.method === 'update' ? [...w, ...valuesStep(c.args[1])] : w), 'L202');
  }
};
