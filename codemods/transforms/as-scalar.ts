/** L207: `stmt.asScalar()` on a legacy select → `stmt.scalarSubquery()` (a rename). */
import type { TypedTransformFn } from './types';
import { legacyMethodCalls } from './ts-calls';

export const typed: TypedTransformFn = (ctx) => {
  for (const c of legacyMethodCalls(ctx, ['asScalar'], ['LegacySelect'], 'L207')) ctx.replace(c.access.getNameNode(), 'scalarSubquery', 'L207');
};
