/**
 * For the Query transforms: the edits that turn a Query chain's builder calls into the
 * 2.0 select()'s (`filter` → `where`, `slice(a, b)` → `offset(a).limit(b - a)`, 1.x loader
 * names → 2.0 names), with the legacy join and loader-option forms (L304, L305) fixed as
 * their own sites, or the reason the chain cannot become a select().
 */
import { Node } from 'ts-morph';
import { ChainStep, JoinPoint, joinFixes, QueryChain, startPoint } from './query-chain';
import { legacyLoaderCall, loaderFix } from './query-loader-paths';
import type { TextEdit, TypedContext } from './types';

export interface StepsConversion {
  /** Edits of the chain's own text (method names), part of the site being rewritten. */
  readonly edits: TextEdit[];
  /** Sites of other codes fixed on the way (their edits are needed by the select() too). */
  readonly fixes: { code: string; edits: TextEdit[] }[];
}

const num = (n: Node) => (Node.isNumericLiteral(n) ? Number(n.getLiteralValue()) : undefined);

/**
 * The edits for every builder of the chain, or why one of them cannot be rewritten. `start`
 * is the model of a chain with no items of its own (a dynamic collection's related class).
 */
export function convertSteps(ctx: TypedContext, chain: Pick<QueryChain, 'items' | 'steps' | 'entity'>, start?: JoinPoint): StepsConversion | string {
  const edits: TextEdit[] = [];
  const fixes: { code: string; edits: TextEdit[] }[] = [];
  const points = new Map<ChainStep, JoinPoint | undefined>();
  const joins = new Map(joinFixes(chain.items, chain.steps, points, start).map((f) => [f.step, f]));
  const entityPoint = chain.entity ? (start ?? startPoint(chain.items)) : undefined;
  for (const step of chain.steps) {
    const name = step.access.getNameNode();
    switch (step.method) {
      case 'filter':
        edits.push({ start: name.getStart(), end: name.getEnd(), text: 'where' });
        break;
      case 'slice': {
        const [a, b] = step.args.map(num);
        if (step.args.length !== 2 || a === undefined || b === undefined || b < a) return 'slice() with bounds that are not numbers written out: write offset() and limit() by hand';
        edits.push({ start: name.getStart(), end: step.call.getEnd(), text: `offset(${a}).limit(${b - a})` });
        break;
      }
      case 'distinct':
        if (step.args.length) return 'distinct() with arguments';
        break;
      case 'join':
      case 'outerJoin': {
        const fix = joins.get(step);
        if (fix?.reason) return `${fix.reason} (L304)`;
        if (fix?.edit) fixes.push({ code: 'L304', edits: [fix.edit] });
        break;
      }
      case 'options':
        for (const arg of step.args) {
          const loader = legacyLoaderCall(ctx, arg);
          if (!loader) {
            if (arg.getType().getText().includes('LegacyPathOption')) return 'a loader option that may be a 1.x string path: write the 2.0 option by hand';
            continue;
          }
          const fix = loaderFix(ctx, loader.call, loader.name, entityPoint ?? points.get(step));
          if ('reason' in fix) return fix.code === 'L305' ? `${fix.reason} (L305)` : fix.reason;
          if (fix.code === 'L305') fixes.push({ code: 'L305', edits: [fix.edit] });
          else edits.push(fix.edit);
        }
        break;
      default:
        break;
    }
  }
  return { edits, fixes };
}
