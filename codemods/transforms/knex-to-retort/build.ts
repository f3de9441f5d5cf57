/**
 * One knex chain read into a Retort statement: the tables it names, its columns, conditions,
 * joins, ordering and values, rendered as Retort Core code. Anything the transform cannot
 * read exactly throws a Skip, so a chain is rewritten whole or not at all.
 */
import { accessor, AstNode, objectKey, propertyName, quote, stringValue } from './ast';
import type { Link } from './chain';
import type { ChainContext } from './context';
import { Skip } from './skip';
import type { KnownTable } from './tables';
import { isCallback, Term, whereArgs, whereForm, whereTerms } from './where';

/** What the knex chain resolves to, and so what the rewrite must hand back. */
export type ResultShape = 'rows' | 'first' | 'rowCount' | 'none';

export interface BuiltStatement {
  /** The statement's code: a head and the generative calls after it (`.where(…)`, …). */
  readonly head: string;
  readonly calls: readonly string[];
  readonly shape: ResultShape;
  /** The knex transaction it runs in (`trx`), from the root or `.transacting(trx)`. */
  readonly transaction?: string;
}

interface Scoped {
  readonly table: KnownTable;
}

const AGGREGATES: Record<string, string> = { count: 'count', countDistinct: 'countDistinct', min: 'min', max: 'max', sum: 'sum', avg: 'avg' };
const JOINS: Record<string, string> = { join: 'join', innerJoin: 'join', leftJoin: 'outerJoin', leftOuterJoin: 'outerJoin' };
const TABLE_METHODS = new Set(['from', 'table', 'into']);

/**
 * Reads a chain. `rootTable` is the argument of `knex('t')` (absent for `knex.select(…).from('t')`),
 * `transaction` the code of the transaction the root is (`trx('t')`).
 */
export function buildStatement(rootTable: AstNode | undefined, links: readonly Link[], ctx: ChainContext, transaction: string | undefined, resultUsed: boolean): BuiltStatement {
  return new StatementReader(ctx, transaction).read(rootTable, links, resultUsed);
}

class StatementReader {
  private kind: 'select' | 'insert' | 'update' | 'delete' = 'select';
  private main: Scoped | undefined;
  private readonly joined: Scoped[] = [];
  private readonly joinCalls: string[] = [];
  private items: string[] | undefined;
  private readonly terms: Term[] = [];
  private readonly groupBy: string[] = [];
  private readonly orderBy: string[] = [];
  private limit: string | undefined;
  private offset: string | undefined;
  private first = false;
  private distinct = false;
  private values: string[] | undefined;
  private rowsValues: string | undefined;
  private returning: string[] | undefined;
  /** Methods only a SELECT may have, seen on this chain (to refuse them on INSERT/UPDATE/DELETE). */
  private readonly selectOnly: string[] = [];

  constructor(
    private readonly ctx: ChainContext,
    private transaction: string | undefined,
  ) {}

  read(rootTable: AstNode | undefined, links: readonly Link[], resultUsed: boolean): BuiltStatement {
    if (rootTable) this.setMain(rootTable, 'knex()');
    // Tables first: knex lets a where() name a joined table before the join() call.
    for (const l of links) if (TABLE_METHODS.has(l.name)) this.fromLink(l);
    if (!this.main) throw new Skip('dynamic-table', 'no table named (knex.select() without from())');
    for (const l of links) if (l.name in JOINS) this.joinLink(l);
    for (const l of links) this.link(l);
    return this.finish(resultUsed);
  }

  private setMain(node: AstNode, where: string): void {
    const name = stringValue(node);
    if (name === undefined) throw new Skip('dynamic-table', `${where} with a table name that is not a literal`);
    if (this.main) throw new Skip('unsupported-method', `a second table (${name}) named by ${where}`);
    this.main = { table: this.known(name) };
  }

  private known(name: string): KnownTable {
    if (/\s+as\s+/i.test(name) || /\s/.test(name.trim())) throw new Skip('table-alias', `the table alias in "${name}"`);
    const t = this.ctx.catalog.tables.get(name);
    if (!t) throw new Skip('unknown-table', `table "${name}" is not in the tables module`);
    return t;
  }

  private fromLink(l: Link): void {
    if (l.args.length !== 1) throw new Skip('dynamic-argument', `.${l.name}() with ${l.args.length} arguments`);
    this.setMain(l.args[0], `.${l.name}()`);
  }

  private joinLink(l: Link): void {
    const [target, a, b, c] = l.args;
    const name = stringValue(target);
    if (name === undefined) throw new Skip(isCallback(target) ? 'callback' : 'dynamic-table', `.${l.name}() with a table that is not a literal`);
    const table = this.known(name);
    if (this.joined.some((s) => s.table === table) || this.main!.table === table) throw new Skip('table-alias', `"${name}" joined twice (needs aliases)`);
    this.joined.push({ table });
    let left: AstNode;
    let right: AstNode;
    if (l.args.length === 3) [left, right] = [a, b];
    else if (l.args.length === 4 && stringValue(b) === '=') [left, right] = [a, c];
    else throw new Skip(isCallback(a) ? 'callback' : 'dynamic-argument', `.${l.name}() with a form other than (table, col, col) or (table, col, '=', col)`);
    this.joinCalls.push(`.${JOINS[l.name]}(${this.ctx.table(table)}, ${this.column(left)}.eq(${this.column(right)}))`);
  }

  private link(l: Link): void {
    const { name, args } = l;
    if (TABLE_METHODS.has(name) || name in JOINS) return;
    if (whereForm(name)) {
      this.terms.push(...whereTerms(name, args, this.ctx, (n) => this.column(n)));
      return;
    }
    if (name in AGGREGATES) {
      this.selectOnly.push(name);
      this.addItems(args.length === 0 ? [] : [this.aggregate(name, args)]);
      return;
    }
    switch (name) {
      case 'select':
      case 'column':
      case 'columns':
        this.selectOnly.push(name);
        this.addItems(this.selectList(args));
        return;
      case 'distinct':
        this.selectOnly.push(name);
        this.distinct = true;
        this.addItems(this.selectList(args));
        return;
      case 'first':
        this.selectOnly.push(name);
        this.first = true;
        if (args.length) this.addItems(this.selectList(args));
        return;
      case 'orderBy':
        this.selectOnly.push(name);
        this.orderBy.push(...this.orderTerms(args));
        return;
      case 'groupBy':
        this.selectOnly.push(name);
        this.groupBy.push(...args.map((a) => this.column(a)));
        return;
      case 'limit':
      case 'offset':
        this.selectOnly.push(name);
        if (args.length !== 1) throw new Skip('dynamic-argument', `.${name}() with ${args.length} arguments`);
        this[name] = this.ctx.value(args[0]);
        return;
      case 'insert':
        return this.insertLink(args);
      case 'update':
        return this.updateLink(args);
      case 'increment':
      case 'decrement':
        return this.incrementLink(name, args);
      case 'del':
      case 'delete':
        this.setKind('delete', name);
        if (args.length) this.returning = this.returningList(args[0]);
        return;
      case 'returning':
        if (args.length !== 1) throw new Skip('dynamic-argument', '.returning() with options');
        this.returning = this.returningList(args[0]);
        return;
      case 'transacting':
        if (this.transaction || args.length !== 1 || args[0].type !== 'Identifier') throw new Skip('dynamic-argument', '.transacting() with something other than a transaction variable');
        this.transaction = args[0].name as string;
        return;
    }
    throw new Skip('unsupported-method', `.${name}() is not rewritten`);
  }

  private setKind(kind: 'insert' | 'update' | 'delete', method: string): void {
    if (this.kind !== 'select' && this.kind !== kind) throw new Skip('unsupported-method', `.${method}() on an ${this.kind}`);
    this.kind = kind;
  }

  // ----- columns -----

  /** A column named by a string (`'name'`, `'users.name'`) as Retort code, looked up in the chain's tables. */
  column(node: AstNode | string): string {
    const ref = typeof node === 'string' ? node : stringValue(node);
    if (ref === undefined) throw new Skip('dynamic-argument', `a column name that is not a literal (${this.ctx.source.slice((node as AstNode).start!, (node as AstNode).end!)})`);
    const { table, key } = this.resolve(ref);
    return `${this.ctx.table(table)}.c${accessor(key)}`;
  }

  private resolve(ref: string): { table: KnownTable; key: string; name: string } {
    const dot = ref.lastIndexOf('.');
    const scope = [this.main!, ...this.joined].map((s) => s.table);
    if (dot >= 0) {
      const tableName = ref.slice(0, dot);
      const name = ref.slice(dot + 1);
      const table = scope.find((t) => t.name === tableName);
      if (!table) throw new Skip('unknown-table', `"${ref}" names a table that is not in the statement`);
      const key = table.columns.get(name);
      if (key === undefined) throw new Skip('unknown-column', `table "${tableName}" has no column "${name}" in the tables module`);
      return { table, key, name };
    }
    const having = scope.filter((t) => t.columns.has(ref));
    if (having.length === 0) throw new Skip('unknown-column', `no table of the statement has a column "${ref}" in the tables module`);
    if (having.length > 1) throw new Skip('ambiguous-column', `"${ref}" is a column of ${having.map((t) => t.name).join(' and ')}`);
    return { table: having[0], key: having[0].columns.get(ref)!, name: ref };
  }

  /** A selected column keeps knex's result key: its SQL name, or the alias. */
  private item(ref: string, alias?: string): string {
    const { table, key, name } = this.resolve(ref);
    const code = `${this.ctx.table(table)}.c${accessor(key)}`;
    const label = alias ?? name;
    return label === key ? code : `${code}.label(${quote(label)})`;
  }

  /** Every column of a table, under its SQL name (the table itself when keys and names agree). */
  private allColumns(table: KnownTable): string[] {
    if ([...table.columns].every(([name, key]) => name === key)) return [this.ctx.table(table)];
    return [...table.columns.keys()].map((name) => this.item(`${table.name}.${name}`));
  }

  private addItems(items: string[]): void {
    this.items = [...(this.items ?? []), ...items];
  }

  private selectList(args: readonly AstNode[]): string[] {
    const out: string[] = [];
    for (const a of args) {
      if (a.type === 'ArrayExpression') {
        out.push(...this.selectList(a.elements));
        continue;
      }
      if (a.type === 'ObjectExpression') {
        for (const p of a.properties as AstNode[]) {
          const alias = p.type === 'ObjectProperty' ? propertyName(p) : undefined;
          const ref = p.type === 'ObjectProperty' ? stringValue(p.value) : undefined;
          if (alias === undefined || ref === undefined) throw new Skip('dynamic-argument', 'a select() object with values that are not column names');
          out.push(this.item(ref, alias));
        }
        continue;
      }
      const s = stringValue(a);
      if (s === undefined) throw new Skip(a.type === 'CallExpression' || a.type === 'MemberExpression' ? 'knex-in-value' : 'dynamic-argument', `a selected column that is not a literal (${this.ctx.source.slice(a.start!, a.end!)})`);
      const m = /^\s*(.+?)\s+as\s+(\S+)\s*$/i.exec(s);
      const ref = m ? m[1] : s.trim();
      if (ref === '*') {
        if (m) throw new Skip('dynamic-argument', '"* as …"');
        this.star();
        continue;
      }
      if (ref.endsWith('.*')) {
        out.push(...this.allColumns(this.resolveTable(ref.slice(0, -2))));
        continue;
      }
      out.push(this.item(ref, m?.[2]));
    }
    return out;
  }

  private starSeen = false;
  private star(): void {
    this.starSeen = true;
  }

  private resolveTable(name: string): KnownTable {
    const t = [this.main!, ...this.joined].map((s) => s.table).find((x) => x.name === name);
    if (!t) throw new Skip('unknown-table', `"${name}.*" names a table that is not in the statement`);
    return t;
  }

  /** `count('id as n')`, `count({ n: 'id' })`, `count('id', { as: 'n' })`; an aggregate needs an alias. */
  private aggregate(name: string, args: readonly AstNode[]): string {
    let ref: string | undefined;
    let alias: string | undefined;
    const [a, opts] = args;
    if (args.length > 2) throw new Skip('dynamic-argument', `.${name}() over several columns`);
    if (a.type === 'ObjectExpression' && a.properties.length === 1 && a.properties[0].type === 'ObjectProperty') {
      alias = propertyName(a.properties[0]);
      ref = stringValue(a.properties[0].value);
    } else {
      const s = stringValue(a);
      const m = s === undefined ? null : /^\s*(.+?)\s+as\s+(\S+)\s*$/i.exec(s);
      ref = m ? m[1] : s?.trim();
      alias = m?.[2];
      if (opts?.type === 'ObjectExpression') {
        const asProp = (opts.properties as AstNode[]).find((p) => p.type === 'ObjectProperty' && propertyName(p) === 'as');
        alias = stringValue(asProp?.value) ?? alias;
      }
    }
    if (ref === undefined) throw new Skip('dynamic-argument', `.${name}() of something that is not a column name`);
    if (alias === undefined) throw new Skip('result-shape', `.${name}() without an alias (knex keys the result by the database's text for the expression)`);
    const fn = `${this.ctx.retort('func')}.${AGGREGATES[name]}`;
    const arg = ref === '*' ? (name === 'count' ? '' : undefined) : this.column(ref);
    if (arg === undefined) throw new Skip('dynamic-argument', `.${name}('*')`);
    return `${fn}(${arg}).label(${quote(alias)})`;
  }

  private orderTerms(args: readonly AstNode[]): string[] {
    const [colNode, dir, nulls] = args;
    if (colNode?.type === 'ArrayExpression') {
      if (args.length !== 1) throw new Skip('dynamic-argument', '.orderBy([…]) with more arguments');
      return (colNode.elements as AstNode[]).flatMap((e) => {
        if (e?.type === 'ObjectExpression') {
          const get = (k: string) => (e.properties as AstNode[]).find((p) => p.type === 'ObjectProperty' && propertyName(p) === k)?.value as AstNode | undefined;
          const column = get('column');
          if (!column || (e.properties as AstNode[]).some((p) => !['column', 'order', 'nulls'].includes(propertyName(p) ?? ''))) throw new Skip('dynamic-argument', 'an orderBy() entry with unknown keys');
          return [this.order(column, get('order'), get('nulls'))];
        }
        return [this.order(e)];
      });
    }
    if (!colNode || args.length > 3) throw new Skip('dynamic-argument', '.orderBy() with an unusual form');
    return [this.order(colNode, dir, nulls)];
  }

  private order(colNode: AstNode, dirNode?: AstNode, nullsNode?: AstNode): string {
    let code = this.column(colNode);
    if (dirNode) {
      const dir = stringValue(dirNode)?.toLowerCase();
      if (dir !== 'asc' && dir !== 'desc') throw new Skip('dynamic-argument', 'an orderBy() direction that is not "asc" or "desc"');
      if (dir === 'desc' || nullsNode) code += `.${dir}()`;
    }
    if (nullsNode) {
      const n = stringValue(nullsNode)?.toLowerCase();
      if (n !== 'first' && n !== 'last') throw new Skip('dynamic-argument', 'an orderBy() nulls option that is not "first" or "last"');
      if (!dirNode) code += '.asc()';
      code += n === 'first' ? '.nullsFirst()' : '.nullsLast()';
    }
    return code;
  }

  // ----- values -----

  private insertLink(args: readonly AstNode[]): void {
    this.setKind('insert', 'insert');
    const [data, ret] = args;
    if (args.length > 2 || !data) throw new Skip('dynamic-argument', '.insert() with options');
    if (data.type === 'ObjectExpression') this.rowsValues = this.valuesObject(data);
    else if (data.type === 'ArrayExpression' && data.elements.length > 0 && data.elements.every((e: AstNode | null) => e?.type === 'ObjectExpression')) {
      this.rowsValues = `[${(data.elements as AstNode[]).map((e) => this.valuesObject(e)).join(', ')}]`;
    } else {
      throw new Skip('dynamic-argument', '.insert() of rows that are not object literals (their keys cannot be checked against the table)');
    }
    if (ret) this.returning = this.returningList(ret);
  }

  private updateLink(args: readonly AstNode[]): void {
    this.setKind('update', 'update');
    const [a, b, c] = args;
    if (a?.type === 'ObjectExpression' && args.length <= 2) {
      this.addValues(this.valueEntries(a));
      if (b) this.returning = this.returningList(b);
      return;
    }
    const name = stringValue(a);
    if (name !== undefined && args.length >= 2 && args.length <= 3) {
      const { key } = this.resolveOwn(name);
      this.addValues([`${objectKey(key)}: ${this.ctx.value(b)}`]);
      if (c) this.returning = this.returningList(c);
      return;
    }
    throw new Skip('dynamic-argument', '.update() of values that are not an object literal');
  }

  private incrementLink(name: 'increment' | 'decrement', args: readonly AstNode[]): void {
    this.setKind('update', name);
    const colName = stringValue(args[0]);
    if (colName === undefined || args.length > 2) throw new Skip('dynamic-argument', `.${name}() of something other than one named column`);
    const { key } = this.resolveOwn(colName);
    const by = args[1] ? this.ctx.value(args[1]) : '1';
    this.addValues([`${objectKey(key)}: ${this.ctx.table(this.main!.table)}.c${accessor(key)}.${name === 'increment' ? 'add' : 'sub'}(${by})`]);
  }

  private addValues(entries: string[]): void {
    this.values = [...(this.values ?? []), ...entries];
  }

  /** A column of the statement's own table (INSERT/UPDATE targets). */
  private resolveOwn(ref: string): { key: string } {
    const table = this.main!.table;
    const name = ref.startsWith(`${table.name}.`) ? ref.slice(table.name.length + 1) : ref;
    const key = table.columns.get(name);
    if (key === undefined) throw new Skip('unknown-column', `table "${table.name}" has no column "${name}" in the tables module`);
    return { key };
  }

  private valueEntries(obj: AstNode): string[] {
    return (obj.properties as AstNode[]).map((p) => {
      const name = p.type === 'ObjectProperty' ? propertyName(p) : undefined;
      if (name === undefined) throw new Skip('dynamic-argument', 'values with spread or computed keys');
      const { key } = this.resolveOwn(name);
      const value = this.ctx.value(p.value);
      return p.shorthand && key === name ? key : `${objectKey(key)}: ${value}`;
    });
  }

  private valuesObject(obj: AstNode): string {
    const entries = this.valueEntries(obj);
    if (entries.length === 0) throw new Skip('dynamic-argument', 'an empty row');
    return `{ ${entries.join(', ')} }`;
  }

  private returningList(node: AstNode): string[] {
    const refs = node.type === 'ArrayExpression' ? (node.elements as AstNode[]).map((e) => stringValue(e)) : [stringValue(node)];
    if (refs.some((r) => r === undefined) || refs.length === 0) throw new Skip('dynamic-argument', 'returning() of something other than column names');
    return (refs as string[]).flatMap((r) => (r === '*' ? this.allColumns(this.main!.table) : [this.item(r)]));
  }

  // ----- output -----

  private finish(resultUsed: boolean): BuiltStatement {
    const t = this.ctx.table(this.main!.table);
    const where = this.terms.length ? [`.where(${whereArgs(this.terms, this.ctx).join(', ')})`] : [];
    if (this.kind !== 'select') {
      if (this.selectOnly.length) throw new Skip('unsupported-method', `.${this.selectOnly[0]}() on an ${this.kind}`);
      if (this.joined.length) throw new Skip('unsupported-method', `a join on an ${this.kind}`);
    }
    const returning = this.returning ? [`.returning(${this.returning.join(', ')})`] : [];
    const shapeOf = (none: ResultShape): ResultShape => (this.returning ? 'rows' : none);
    switch (this.kind) {
      case 'insert': {
        if (this.terms.length) throw new Skip('unsupported-method', 'where() on an insert');
        if (!this.returning && resultUsed) throw new Skip('result-shape', 'the result of insert() without returning() is used (knex gives a different value on each database)');
        return this.out(`${this.ctx.retort('insert')}(${t})`, [`.values(${this.rowsValues})`, ...returning], shapeOf('none'));
      }
      case 'update':
        return this.out(`${this.ctx.retort('update')}(${t})`, [`.values({ ${this.values!.join(', ')} })`, ...where, ...returning], shapeOf('rowCount'));
      case 'delete':
        return this.out(`${this.ctx.retort('deleteFrom')}(${t})`, [...where, ...returning], shapeOf('rowCount'));
    }
    if (this.returning) throw new Skip('unsupported-method', '.returning() on a select');
    if (this.starSeen && this.items?.length) throw new Skip('dynamic-argument', "'*' beside other columns");
    if ((this.starSeen || !this.items?.length) && this.joined.length) throw new Skip('result-shape', 'select * over a join (knex merges columns of the same name into one key)');
    const items = this.items?.length ? this.items : this.allColumns(this.main!.table);
    const ownRef = new RegExp(`(^|[^\\w$.])${t.replace(/\$/g, '\\$')}(\\.c\\b|$)`);
    const needsFrom = this.joined.length > 0 || !items.some((i) => ownRef.test(i));
    const calls = [
      ...(needsFrom ? [`.selectFrom(${t})`] : []),
      ...this.joinCalls,
      ...(this.distinct ? ['.distinct()'] : []),
      ...where,
      ...(this.groupBy.length ? [`.groupBy(${this.groupBy.join(', ')})`] : []),
      ...(this.orderBy.length ? [`.orderBy(${this.orderBy.join(', ')})`] : []),
      ...(this.first ? ['.limit(1)'] : this.limit !== undefined ? [`.limit(${this.limit})`] : []),
      ...(this.offset !== undefined ? [`.offset(${this.offset})`] : []),
    ];
    return this.out(`${this.ctx.retort('select')}(${items.join(', ')})`, calls, this.first ? 'first' : 'rows');
  }

  private out(head: string, calls: string[], shape: ResultShape): BuiltStatement {
    return { head, calls, shape, transaction: this.transaction };
  }
}
