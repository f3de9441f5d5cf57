/**
 * L205: `stmt.applyLabels()` on a legacy select → `stmt.setLabelStyle('tablenamePlusCol')`.
 *
 * The shim's applyLabels() is that label style (every column named `<table>_<column>`), so
 * the rows keep the names the code reads. The `{ useLabels: true }` option of the 1.x list
 * form is rewritten with the rest of that form by select-list-form.
 */
import type { TypedTransformFn } from './types';
import { legacyMethodCalls } from './ts-calls';

export const typed: TypedTransformFn = (ctx) => {
  for (const c of legacyMethodCalls(ctx, ['applyLabels'], ['LegacySelect'], 'L205')) {
    if (c.args.length) {
      ctx.manual(c.call, 'L205', 'applyLabels() called with arguments it never took: rewrite it by hand');
      continue;
    }
    ctx.rewrite('L205', [{ start: c.access.getNameNode().getStart(), end: c.call.getEnd(), text: "setLabelStyle('tablenamePlusCol')" }]);
  }
};
