// Look-alikes: a select() from another module, and a local select() that shadows Retort's, are left alone.
import { format as select } from 'node:util';
import { select as retortSelect } from 'retort/legacy';

export const a = select(['x', 'y'], 'z', { orderBy: ['x'] });

export function shadowed() {
  const retortSelect = (...args: unknown[]) => args;
  return retortSelect([1, 2], 3, { orderBy: [1] });
}
