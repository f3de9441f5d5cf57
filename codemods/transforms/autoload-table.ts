/**
 * L110: `new Table(name, metadata, { autoload: true, autoloadWith: engine, schema? })` (the
 * legacy Table) → `autoloadTable(name, metadata, { autoloadWith: engine, schema? })`. Both
 * give a Promise of the reflected table. Without `autoloadWith` the engine came from bound
 * metadata (L102): reported.
 */
import { Node, SyntaxKind } from 'ts-morph';
import type { TypedTransformFn } from './types';
import { nodesOfKind } from './ts-find';

export const typed: TypedTransformFn = (ctx) => {
  for (const n of nodesOfKind(ctx.sourceFile, SyntaxKind.NewExpression)) {
    const callee = n.getExpression();
    const nameNode = Node.isIdentifier(callee) ? callee : Node.isPropertyAccessExpression(callee) ? callee.getNameNode() : undefined;
    if (!nameNode || !ctx.isLegacy(nameNode)) continue;
    const sym = nameNode.getSymbol();
    if ((sym?.isAlias() ? sym.getAliasedSymbol() : sym)?.getName() !== 'Table') continue;
    const [name, md, opts, ...rest] = n.getArguments();
    if (!opts || !Node.isObjectLiteralExpression(opts) || rest.length) continue;
    const props = opts.getProperties();
    const keyOf = (p: Node) => (Node.isPropertyAssignment(p) || Node.isShorthandPropertyAssignment(p) ? p.getName() : undefined);
    const keys = props.map(keyOf);
    if (!keys.includes('autoload') && !keys.includes('autoloadWith')) continue;
    if (keys.some((k) => k === undefined || !['autoload', 'autoloadWith', 'schema'].includes(k))) {
      ctx.manual(n, 'L110', 'the autoload options have spreads or unknown keys');
      continue;
    }
    if (!keys.includes('autoloadWith')) {
      ctx.manual(n, 'L110', 'no autoloadWith: the engine came from bound metadata (L102); pass it as autoloadWith');
      continue;
    }
    const fn = ctx.retortName('autoloadTable');
    if (!fn) {
      ctx.manual(n, 'L110', 'autoloadTable() cannot be imported into this file');
      continue;
    }
    const kept = props.filter((p) => keyOf(p) !== 'autoload').map((p) => p.getText());
    ctx.replace(n, `${fn}(${name.getText()}, ${md.getText()}, { ${kept.join(', ')} })`, 'L110');
  }
};
