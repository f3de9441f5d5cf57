/**
 * L304: joins by relationship name, chains and tuples on a Query → one `join()` per hop
 * along relationship attributes: `join('addresses')` → `join(User.c.addresses)`,
 * `join('addresses.user')` → `join(User.c.addresses).join(Address.c.user)`,
 * `join([Address, on])` → `join(Address, on)`. A name is looked up as 1.x did (on the model
 * joined last, else the query's first model), through the types; a name that cannot be
 * found that way, or a query built away from the chain, is reported.
 */
import { joinFixes, queryChain } from './query-chain';
import { legacyMethodCalls } from './ts-calls';
import type { TypedTransformFn } from './types';

export const typed: TypedTransformFn = (ctx) => {
  for (const c of legacyMethodCalls(ctx, ['join', 'outerJoin'], ['LegacyQuery'], 'L304')) {
    const chain = queryChain(ctx, c.call);
    const step = { call: c.call, access: c.access, method: c.method, args: c.args };
    const fix = typeof chain === 'string' ? joinFixes([], [step])[0] : joinFixes(chain.items, chain.steps).find((f) => f.step.call === c.call);
    if (!fix) continue;
    if (fix.edit) ctx.rewrite('L304', [fix.edit]);
    else if (fix.reason)
      ctx.manual(c.call, 'L304', typeof chain === 'string' && !fix.reason.includes('variable') ? 'join() by name on a query built away from here (a variable, a parameter or a function): the class it leaves from is not known; write the relationship attribute by hand' : fix.reason);
  }
};
