/**
 * L408: `relationship(() => Book, { backref: 'author' })` on a 1.x declarative class →
 * `{ backPopulates: 'author' }`, and the reverse side written into the target class:
 * `static author = relationship(() => Author, { backPopulates: 'books' })`. The shim decides
 * each side's direction from the foreign keys, as it did for the side the backref made; a
 * self-reference says `uselist: false` on the reverse side (the backref's side was the
 * single object there).
 *
 * Reported instead: a target class not declared in this file (the reverse side has to be
 * written there), a backref that is not a string literal, a target that already has a
 * static of that name, a many-to-many backref (the reverse side needs the secondary too),
 * and backrefs outside declarative classes (`mapper()` properties).
 */
import { Node, SyntaxKind } from 'ts-morph';
import { legacyName } from './legacy-binding';
import { isCollection, legacyModels, literalOptions } from './legacy-models';
import { legacyFunctionCalls } from './ts-calls';
import type { TypedTransformFn } from './types';

export const typed: TypedTransformFn = (ctx) => {
  const models = legacyModels(ctx);
  const seen = new Set<Node>();
  for (const model of models) {
    for (const rel of model.relationships) {
      const opts = literalOptions(rel.options);
      const backref = opts?.get('backref');
      if (!opts || !backref) continue;
      seen.add(rel.call);
      const back = Node.isStringLiteral(backref) || Node.isNoSubstitutionTemplateLiteral(backref) ? backref.getLiteralValue() : undefined;
      const target = models.find((m) => m.name !== undefined && m.name === rel.targetName);
      const why =
        back === undefined
          ? 'the backref name is not a string literal'
          : !target || rel.targetForm === 'other'
            ? `the target is not a 1.x declarative class of this file: add ${back} = relationship(…, { backPopulates: '${rel.key}' }) to it by hand`
            : opts.has('secondary')
              ? 'a many-to-many backref: the reverse side needs the secondary table too'
              : opts.has('backPopulates')
                ? 'both backref and backPopulates'
                : target.cls.getStaticProperty(back) || target.cls.getInstanceProperty(back)
                  ? `${target.name} already has a member ${back}`
                  : undefined;
      if (why) {
        ctx.manual(rel.call, 'L408', why);
        continue;
      }
      const fn = legacyName(ctx, 'relationship');
      if (!fn) {
        ctx.manual(rel.call, 'L408', "relationship() cannot be imported from 'retort/legacy' into this file");
        continue;
      }
      const prop = backref.getParentOrThrow();
      const nameNode = Node.isPropertyAssignment(prop) ? prop.getNameNode() : undefined;
      if (!nameNode) continue;
      // Where the reverse side goes: after the target's last declaration, or first in its body.
      const members = target!.cls.getMembers();
      const after = [...target!.columns, ...target!.relationships].map((x) => x.decl).sort((a, b) => b.getEnd() - a.getEnd())[0] ?? members[0];
      const at = after ? after.getEnd() : target!.cls.getFirstChildByKindOrThrow(SyntaxKind.OpenBraceToken).getEnd();
      const line = ctx.sourceFile.getFullText().slice(0, target!.cls.getStart());
      const indent = /[ \t]*$/.exec(line.slice(line.lastIndexOf('\n') + 1))![0] + '  ';
      const reverseTarget = rel.targetForm === 'string' ? `'${model.name}'` : `() => ${model.name}`;
      const selfRef = target === model && isCollection(model, rel, opts, models) === true;
      const key = /^[A-Za-z_$][\w$]*$/.test(back!) ? back! : JSON.stringify(back);
      const text = `\n${indent}static ${key} = ${fn}(${reverseTarget}, { backPopulates: '${rel.key}'${selfRef ? ', uselist: false' : ''} });`;
      ctx.rewrite('L408', [
        { start: nameNode.getStart(), end: nameNode.getEnd(), text: 'backPopulates' },
        { start: at, end: at, text },
      ]);
    }
  }
  // Backrefs elsewhere (mapper() properties, a relationship built outside a class).
  for (const { call, args } of legacyFunctionCalls(ctx, ['relationship', 'relation'])) {
    if (seen.has(call)) continue;
    if (literalOptions(args[1])?.has('backref')) ctx.manual(call, 'L408', 'a backref outside a 1.x declarative class: declare the reverse side on the target and use backPopulates on both');
  }
};
