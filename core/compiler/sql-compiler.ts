/**
 * The default SQL compiler: turns a statement tree into SQL text, parameter slots and
 * result column types. Dialects subclass it and override only what differs (placeholders,
 * quoting, LIMIT forms, RETURNING, upsert, a few functions).
 */
import { CompileError, NotSupportedError } from '../errors';
import type { Column } from '../schema/column';
import type { Table } from '../schema/table';
import * as el from '../sql/elements';
import type { ExcludedColumn, Insert } from '../sql/insert';
import { Node, NodeKind } from '../sql/node';
import { CompoundSelect, CTE, Select, SelectBase, Subquery, subqueryColumnNames } from '../sql/select';
import { Alias, ColumnRef, FromClause, Join } from '../sql/selectable';
import type { Update } from '../sql/update';
import type { Delete } from '../sql/delete';
import { splitText, TextClause } from '../sql/text';
import type { SqlType } from '../sql/types';
import { CompiledStatement, ParamSlot, Processor, ResultColumn, SLOT_CLOSE, SLOT_MARK, SLOT_OPEN } from './compiled';
import { ManyValuesForm, PLAIN_MANY_VALUES, VALUES_CLOSE, VALUES_OPEN } from './many-values';
import { quoteIdentifier } from './identifiers';
import type { Dialect } from '../dialects/dialect';

type Visitors = { [K in NodeKind]: (node: any) => string };

/** How an element is being rendered, which changes a few forms (labels, qualification). */
interface Context {
  /** Inside a SELECT list, where expressions get `AS label` when they need one. */
  columnsClause?: boolean;
  /** Label every column with its subquery name (the select is used as a FROM element or CTE). */
  labelAll?: boolean;
  /** The DML target: its columns render unqualified. */
  dmlTable?: Table<any, any>;
  /**
   * While a SELECT's own ORDER BY renders: the names of the labels in its SELECT list, which
   * ORDER BY may refer to by name. Anywhere else (OVER, a label not selected) a label is its
   * expression: databases know output names only in the SELECT's own ORDER BY.
   */
  selectLabels?: ReadonlySet<string>;
}

export interface CompileOptions {
  /** Render bound values inline as SQL literals (for DDL and for display only). */
  literalBinds?: boolean;
  /** Executemany parameter keys, for an INSERT/UPDATE without values(). */
  paramKeys?: readonly string[];
}

export class SqlCompiler {
  protected slots: ParamSlot[] = [];
  protected bindIndex = new Map<el.BindParameter<unknown>, number>();
  protected anonNames = new Map<object, string>();
  protected ctes: CTE<any>[] = [];
  protected cteRendered = new Set<CTE<any>>();
  /** FROM elements of enclosing selects, innermost last, for correlation. */
  protected enclosing: FromClause<any>[][] = [];
  protected ctx: Context = {};
  protected depth = 0;
  protected readonly q: string;

  constructor(
    readonly dialect: Dialect,
    protected readonly options: CompileOptions = {},
  ) {
    this.q = dialect.identifierQuote;
  }

  /** Compiles a whole statement. */
  compile(stmt: Node, binds: readonly el.BindParameter<unknown>[]): CompiledStatement {
    binds.forEach((b, i) => this.bindIndex.set(b, i));
    let sql = this.process(stmt);
    if (this.ctes.length) sql = this.renderWith() + sql;
    const { columns, returnsRows } = this.resultColumnsOf(stmt);
    return new CompiledStatement(sql, this.slots, columns, returnsRows, (n) => this.placeholder(n), stmt.kind, this.dialect.supports.maxParams, this.manyValuesForm(stmt));
  }

  /** How the batches of an executemany INSERT are written (PostgreSQL orders them through a sentinel). */
  manyValuesForm(_stmt: Node): ManyValuesForm {
    return PLAIN_MANY_VALUES;
  }

  /** Renders one element (for DDL fragments and tests). */
  renderFragment(node: Node): string {
    return this.process(node).split(SLOT_OPEN).join('(').split(SLOT_CLOSE).join(')');
  }
  /** Renders an element with `table`'s columns unqualified (CHECK constraints, index expressions). */
  renderForTable(node: Node, table: Table<any, any>): string {
    return this.withCtx({ dmlTable: table }, () => this.renderFragment(node));
  }

  // ----- dialect hooks -------------------------------------------------------------------
  /** The n-th (1-based) positional placeholder. */
  placeholder(_n: number): string {
    return '?';
  }
  quote(name: string): string {
    return quoteIdentifier(name, this.q);
  }
  /** A string as a SQL literal (used only for DDL and literalBinds). */
  literalString(s: string): string {
    return `'${s.replace(/'/g, "''")}'`;
  }
  booleanLiteral(v: boolean): string {
    return v ? 'TRUE' : 'FALSE';
  }
  limitOffset(limit: string | undefined, offset: string | undefined): string {
    let s = '';
    if (limit !== undefined) s += ` LIMIT ${limit}`;
    if (offset !== undefined) s += ` OFFSET ${offset}`;
    return s;
  }
  /** `x IN ()` replacement: a subquery returning no rows, typed like `x`. */
  emptySetSubquery(_type: SqlType<unknown>): string {
    return '(SELECT NULL WHERE 1 != 1)';
  }
  functionName(name: string, _argc: number): string {
    return name;
  }
  renderIlike(left: string, op: string, right: string, escape: string): string {
    return `lower(${left}) ${op.replace('ILIKE', 'LIKE')} lower(${right})${escape}`;
  }
  renderConcat(left: string, right: string): string {
    return `${left} || ${right}`;
  }
  renderDistinctFrom(left: string, op: string, right: string): string {
    return `${left} ${op} ${right}`;
  }
  renderExcluded(col: Column<unknown>): string {
    return `excluded.${this.quote(col.name)}`;
  }
  renderOnConflict(stmt: Insert<any, any>): string {
    const oc = stmt._state.onConflict!;
    let target = '';
    if (typeof oc.target === 'string') target = ` ON CONSTRAINT ${this.quote(oc.target)}`;
    else if (oc.target?.length) target = ` (${oc.target.map((c) => this.quote(c.name)).join(', ')})`;
    if (oc.action === 'nothing') return ` ON CONFLICT${target} DO NOTHING`;
    if (!target) throw new CompileError(`${this.dialect.name}: onConflictDoUpdate() needs a target (the columns of a unique constraint)`);
    const set = [...oc.set!].map(([c, v]) => `${this.quote(c.name)} = ${this.process(v)}`);
    return ` ON CONFLICT${target} DO UPDATE SET ${set.join(', ')}${oc.where ? ' WHERE ' + this.process(oc.where) : ''}`;
  }
  renderLocking(lock: NonNullable<Select['_state']['locking']>): string {
    let s = lock.read ? ' FOR SHARE' : ' FOR UPDATE';
    if (lock.of?.length) s += ' OF ' + lock.of.map((f) => this.fromName(f)).join(', ');
    if (lock.nowait) s += ' NOWAIT';
    if (lock.skipLocked) s += ' SKIP LOCKED';
    return s;
  }
  /** UPDATE … FROM; dialects without it throw. */
  renderUpdate(stmt: Update<any, any>, set: readonly (readonly [Column<unknown>, string])[], where: string, returning: string): string {
    const froms = stmt._state.extraFroms.map((f) => this.fromElement(f)).join(', ');
    const assignments = set.map(([c, v]) => `${this.quote(c.name)}=${v}`).join(', ');
    return `UPDATE ${this.fromElement(stmt.table)} SET ${assignments}${froms ? ' FROM ' + froms : ''}${where}${returning}`;
  }
  renderDelete(stmt: Delete<any, any>, where: string, returning: string): string {
    const froms = stmt._state.extraFroms.map((f) => this.fromElement(f)).join(', ');
    return `DELETE FROM ${this.fromElement(stmt.table)}${froms ? ' USING ' + froms : ''}${where}${returning}`;
  }
  renderReturning(stmt: { _selectedColumns: readonly el.ColumnElement<unknown>[]; table: Table<any, any> }, verb: 'insert' | 'update' | 'delete'): string {
    if (!this.dialect.supports.returning[verb]) {
      throw new NotSupportedError(`${this.dialect.describe()} has no RETURNING on ${verb.toUpperCase()}`);
    }
    const cols = stmt._selectedColumns.map((c) => this.withCtx({ dmlTable: stmt.table }, () => this.process(c)));
    return ' RETURNING ' + cols.join(', ');
  }

  // ----- machinery ------------------------------------------------------------------------
  protected withCtx<T>(ctx: Context, fn: () => T): T {
    const saved = this.ctx;
    this.ctx = { ...saved, ...ctx };
    try {
      return fn();
    } finally {
      this.ctx = saved;
    }
  }

  process(node: Node): string {
    const visit = this.visitors[node.kind];
    if (!visit) throw new CompileError(`cannot compile a ${node.kind}`);
    return visit.call(this, node);
  }

  protected addSlot(slot: ParamSlot): string {
    this.slots.push(slot);
    return `${SLOT_MARK}${this.slots.length - 1}${SLOT_MARK}`;
  }

  protected bindProcessor(type: SqlType<unknown>): Processor | undefined {
    return this.dialect.bindProcessor(type);
  }

  protected renderBind(b: el.BindParameter<unknown>): string {
    if (this.options.literalBinds && b.key === undefined) return this.renderLiteralValue(b.value);
    const idx = this.bindIndex.get(b);
    const slot: ParamSlot = {
      bindIndex: idx ?? -1,
      key: b.key,
      type: b.type,
      processor: this.bindProcessor(b.type),
      expanding: b.expanding,
      emptyIn: b.expanding ? { negated: false, sql: this.emptySetSubquery(b.type) } : undefined,
    };
    if (idx === undefined && b.key === undefined) {
      // A bind not reached by the cache key walk: keep its value on the compiled form.
      return this.renderLiteralOrFail(b);
    }
    return this.addSlot(slot);
  }

  private renderLiteralOrFail(b: el.BindParameter<unknown>): string {
    throw new CompileError(`internal: bound parameter ${b.key ?? '(anonymous)'} missing from the statement's cache key`);
  }

  /** A JavaScript value as a SQL literal; only for DDL and explicit literal rendering. */
  renderLiteralValue(v: unknown): string {
    if (v === null || v === undefined) return 'NULL';
    if (typeof v === 'boolean') return this.booleanLiteral(v);
    if (typeof v === 'number') {
      if (!Number.isFinite(v)) throw new CompileError(`${v} has no SQL literal form`);
      return String(v);
    }
    if (typeof v === 'bigint') return v.toString();
    if (typeof v === 'string') return this.literalString(v);
    if (v instanceof Date) return this.literalString(v.toISOString().replace('T', ' ').replace('Z', ''));
    throw new CompileError(`cannot render a ${typeof v} as a SQL literal`);
  }

  protected anonName(o: object, base = 'anon'): string {
    let n = this.anonNames.get(o);
    if (!n) {
      n = `${base}_${this.anonNames.size + 1}`;
      this.anonNames.set(o, n);
    }
    return n;
  }

  /** The name a FROM element is referred to by (table name, alias name). */
  protected fromName(f: FromClause<any>): string {
    if (f.kind === 'table') return this.tableName(f as Table<any, any>);
    if (f instanceof Alias) return this.quote(f.name ?? this.anonName(f));
    if (f instanceof CTE) return this.quote(f.name);
    throw new CompileError(`a ${f.kind} has no name to refer to`);
  }

  protected tableName(t: Table<any, any>): string {
    return (t.schema ? this.quote(t.schema) + '.' : '') + this.quote(t.name);
  }

  /** A FROM element as it appears in a FROM clause. */
  protected fromElement(f: FromClause<any>): string {
    return this.process(f);
  }

  protected resultColumnsOf(stmt: Node): { columns: ResultColumn[]; returnsRows: boolean } {
    let cols: readonly el.ColumnElement<unknown>[] = [];
    let returnsRows = false;
    if (stmt instanceof SelectBase) {
      cols = stmt._selectedColumns;
      returnsRows = true;
    } else if (stmt.kind === 'insert' || stmt.kind === 'update' || stmt.kind === 'delete') {
      cols = (stmt as unknown as { _selectedColumns: readonly el.ColumnElement<unknown>[] })._selectedColumns;
      returnsRows = cols.length > 0;
    } else if (stmt instanceof TextClause) {
      return {
        columns: stmt.resultTypes.map(([name, type]) => ({ name, type, processor: this.dialect.resultProcessor(type) })),
        returnsRows: true,
      };
    }
    const names = cols.map((c, i) => c._resultName ?? `_col${i}`);
    return { columns: cols.map((c, i) => ({ name: names[i], type: c.type, processor: this.dialect.resultProcessor(c.type) })), returnsRows };
  }

  protected renderWith(): string {
    const recursive = this.ctes.some((c) => c.recursive);
    const parts: string[] = [];
    // CTE bodies were rendered as they were met; render any whose bodies refer to later ones first.
    for (const c of this.ctes) parts.push(this.cteBodies.get(c)!);
    return `WITH ${recursive ? 'RECURSIVE ' : ''}${parts.join(', ')} `;
  }
  protected cteBodies = new Map<CTE<any>, string>();

  // ----- visitors --------------------------------------------------------------------------
  protected readonly visitors: Visitors = {
    column: (c: ColumnRef<unknown>) => {
      if (this.ctx.dmlTable && c.table === (this.ctx.dmlTable as unknown) && this.depth <= 1) return this.quote(c.name);
      return `${this.fromName(c.table)}.${this.quote(c.name)}`;
    },
    namedColumn: (c: { name: string }) => this.quote(c.name),
    bind: (b: el.BindParameter<unknown>) => this.renderBind(b),
    literal: (l: el.Literal<unknown>) => this.renderLiteralValue(l.value),
    keyword: (k: { word: string; value?: boolean }) =>
      k instanceof el.BooleanConstant ? this.booleanLiteral(k.value) : k.word,
    binary: (b: el.BinaryExpression<unknown>) => {
      const l = this.operand(b.left, b);
      const r = b.right instanceof el.ColumnElement ? this.operand(b.right, b) : this.process(b.right);
      const escape = b.escape === undefined ? '' : ` ESCAPE ${this.literalString(b.escape)}`;
      if (b.operator === 'ILIKE' || b.operator === 'NOT ILIKE') return this.renderIlike(l, b.operator, r, escape);
      if (b.operator === '||') return this.renderConcat(l, r);
      if (b.operator === 'IS DISTINCT FROM' || b.operator === 'IS NOT DISTINCT FROM') return this.renderDistinctFrom(l, b.operator, r);
      return `${l} ${b.operator} ${r}${escape}`;
    },
    unary: (u: el.UnaryExpression<unknown>) => {
      const inner = this.operand(u.operand, u);
      // `-` before something that starts with `-` would make `--`, which begins a SQL comment.
      if (u.position === 'prefix') return u.operator === '-' ? (inner.startsWith('-') ? `-(${inner})` : `-${inner}`) : `${u.operator} ${inner}`;
      return `${inner} ${u.operator}`;
    },
    clauseList: (c: el.ClauseList) => {
      const parts = c.clauses.map((x) => {
        const s = this.process(x);
        // A nested list of the other kind, or a text() fragment (which may hold its own
        // OR/AND), keeps its meaning only inside parentheses; labels are looked through.
        const inner = x instanceof el.Label ? x.element : x;
        if (inner instanceof el.ClauseList && inner.separator !== c.separator && inner.clauses.length > 1) return `(${s})`;
        return inner instanceof TextClause && c.separator !== ', ' && c.clauses.length > 1 ? `(${s})` : s;
      });
      return parts.join(c.separator === ', ' ? ', ' : ` ${c.separator} `);
    },
    grouping: (g: el.Grouping<unknown>) => `(${this.process(g.element)})`,
    function: (f: el.FunctionCall<unknown>) => {
      const name = this.functionName(f.name, f.args.length);
      const args = f.args.map((a) => this.process(a)).join(', ');
      const call = name.startsWith('=') ? name.slice(1) : `${name}(${f.distinct ? 'DISTINCT ' : ''}${args})`;
      return f.filter ? `${call} FILTER (WHERE ${this.process(f.filter)})` : call;
    },
    cast: (c: el.Cast<unknown>) => `CAST(${this.process(c.expr)} AS ${this.dialect.castTypeName(c.type)})`,
    case: (c: el.Case<unknown>) => {
      let s = 'CASE';
      if (c.value) s += ' ' + this.process(c.value);
      for (const [w, t] of c.whens) s += ` WHEN ${this.process(w)} THEN ${this.process(t)}`;
      if (c.else_) s += ` ELSE ${this.process(c.else_)}`;
      return s + ' END';
    },
    label: (l: el.Label<unknown>) => {
      const inner = this.withCtx({ columnsClause: false }, () => this.process(l.element));
      return this.ctx.columnsClause ? `${inner} AS ${this.quote(l.name)}` : inner;
    },
    over: (o: el.Over<unknown>) => {
      const w = o.window;
      const parts: string[] = [];
      if (w.partitionBy?.length) parts.push('PARTITION BY ' + w.partitionBy.map((p) => this.process(p)).join(', '));
      if (w.orderBy?.length) parts.push('ORDER BY ' + this.withCtx({ selectLabels: undefined }, () => w.orderBy!.map((p) => this.process(p)).join(', ')));
      const frame = w.rows ? ['ROWS', w.rows] : w.range ? ['RANGE', w.range] : undefined;
      if (frame) {
        const [kind, [a, b]] = frame as [string, readonly [el.FrameBound, el.FrameBound]];
        parts.push(`${kind} BETWEEN ${frameBound(a, 'PRECEDING')} AND ${frameBound(b, 'FOLLOWING')}`);
      }
      return `${this.process(o.fn)} OVER (${parts.join(' ')})`;
    },
    in: (i: el.InExpression) => {
      const left = this.operand(i.left, i);
      const op = i.negated ? 'NOT IN' : 'IN';
      const t = i.target;
      if (t instanceof el.BindParameter) {
        if (this.options.literalBinds && Array.isArray(t.value)) {
          if (t.value.length === 0) return `${left} ${op} ${this.emptySetSubquery(i.left.type)}`;
          return `${left} ${op} (${t.value.map((v) => this.renderLiteralValue(v)).join(', ')})`;
        }
        return `${left} ${op} ${SLOT_OPEN}${this.renderBind(t)}${SLOT_CLOSE}`;
      }
      if (t instanceof SelectBase) return `${left} ${op} (${this.inSubquery(t)})`;
      return `${left} ${op} (${this.process(t)})`;
    },
    between: (b: el.Between) =>
      `${this.operand(b.expr, b)} ${b.negated ? 'NOT ' : ''}BETWEEN ${b.symmetric ? 'SYMMETRIC ' : ''}${this.process(b.lower)} AND ${this.process(b.upper)}`,
    scalarSubquery: (s: el.ScalarSubquery<unknown>) => `(${this.nestedSelect(s.select as unknown as SelectBase<any>)})`,
    exists: (e: el.Exists) => `EXISTS (${this.nestedSelect(e.select as unknown as SelectBase<any>)})`,
    excluded: (e: ExcludedColumn<unknown>) => this.renderExcluded(e.column),
    star: (s: el.Star) => (s.from ? `${this.fromName(s.from as FromClause<any>)}.*` : '*'),
    orderBy: (o: el.OrderByExpression) => this.renderOrderByTerm(o),
    textClause: (t: TextClause<any>) =>
      splitText(t.sql)
        .map((p) => (typeof p === 'string' ? p : this.textParam(t, p.param)))
        .join(''),
    table: (t: Table<any, any>) => this.tableName(t),
    alias: (a: Alias<any>) => {
      if (a instanceof Subquery) {
        // A LATERAL subquery may refer to the FROM elements before it, so it correlates.
        const body = a.lateral ? this.withCtx({ labelAll: true }, () => this.nestedSelect(a.select)) : this.subqueryBody(a.select);
        return `${a.lateral ? 'LATERAL ' : ''}(${body}) AS ${this.fromName(a)}`;
      }
      return `${this.process(a.element)} AS ${this.fromName(a)}`;
    },
    join: (j: Join) => {
      if (j.full && !this.dialect.supports.fullJoin) throw new NotSupportedError(`${this.dialect.describe()} has no FULL OUTER JOIN`);
      const kind = j.full ? 'FULL OUTER JOIN' : j.isOuter ? 'LEFT OUTER JOIN' : 'JOIN';
      return `${this.process(j.left)} ${kind} ${this.process(j.right)} ON ${this.process(j.on)}`;
    },
    cte: (c: CTE<any>) => {
      const origin = c.origin ?? c;
      if (!this.cteRendered.has(origin)) {
        this.cteRendered.add(origin);
        const cols = Object.values(c.c as Record<string, ColumnRef<unknown>>).map((x) => this.quote(x.name));
        const mat = c.materialized === undefined || !this.dialect.supports.cteMaterialized ? '' : c.materialized ? 'MATERIALIZED ' : 'NOT MATERIALIZED ';
        const body = this.withCtx({}, () => this.subqueryBody(c.select));
        this.cteBodies.set(origin, `${this.quote(c.name)}(${cols.join(', ')}) AS ${mat}(${body})`);
        this.ctes.push(origin);
      }
      return this.quote(c.name);
    },
    select: (s: Select<any>) => this.renderSelect(s),
    compoundSelect: (c: CompoundSelect<any>) => this.renderCompound(c),
    insert: (i: Insert<any, any>) => this.renderInsert(i),
    update: (u: Update<any, any>) => this.renderUpdateStatement(u),
    delete: (d: Delete<any, any>) => this.renderDeleteStatement(d),
  } satisfies Visitors;

  private textParam(t: TextClause<any>, name: string): string {
    const bound = t.binds[name];
    if (bound) {
      if (this.options.literalBinds) return this.renderLiteralValue(bound.value);
      return this.renderBind(bound);
    }
    return this.addSlot({ bindIndex: -1, key: name, type: t.type, processor: this.dialect.bindProcessor(t.type), expanding: false });
  }

  protected renderOrderByTerm(o: el.OrderByExpression): string {
    const inner = this.orderByElement(o.element);
    let s = inner + (o.direction ? ' ' + o.direction : '');
    if (o.nulls) s = this.renderNulls(s, inner, o);
    return s;
  }
  /** NULLS FIRST/LAST, emulated where the database lacks it. */
  protected renderNulls(s: string, _inner: string, o: el.OrderByExpression): string {
    return `${s} NULLS ${o.nulls}`;
  }
  protected orderByElement(e: el.ColumnElement<unknown>): string {
    if (e instanceof el.Label && this.ctx.selectLabels?.has(e.name)) return this.quote(e.name);
    return this.process(e);
  }

  /** Parenthesize an operand when it is itself a compound expression. */
  protected operand(node: Node, parent: Node): string {
    const s = this.process(node);
    // A label renders as its expression here, so its expression decides the parentheses.
    const e = node instanceof el.Label ? node.element : node;
    if (e instanceof el.ClauseList && e.separator !== ', ' && e.clauses.length > 1) return `(${s})`;
    if (e instanceof el.BinaryExpression && parent instanceof el.BinaryExpression) return `(${s})`;
    // Predicates as operands of a comparison: `=` binds tighter than IN/BETWEEN on PostgreSQL,
    // IS NULL shares `=`'s level on MySQL, and `a = NOT b` is a syntax error on both.
    if ((e instanceof el.InExpression || e instanceof el.Between || (e instanceof el.UnaryExpression && e.operator !== '-')) && parent instanceof el.BinaryExpression) {
      return `(${s})`;
    }
    if ((e instanceof el.BinaryExpression || e instanceof el.InExpression || e instanceof el.Between) && parent instanceof el.UnaryExpression) return `(${s})`;
    if (e instanceof el.UnaryExpression && parent instanceof el.UnaryExpression && parent.operator === 'NOT' && e.operator !== '-') return `(${s})`;
    if (e instanceof el.Case || e instanceof TextClause) return `(${s})`;
    return s;
  }

  /** A SELECT nested in an expression: correlated with the enclosing FROM elements. */
  protected nestedSelect(s: SelectBase<any>): string {
    this.depth++;
    try {
      return this.process(s);
    } finally {
      this.depth--;
    }
  }
  /** The SELECT of `x IN (SELECT …)` (MySQL wraps one that has a LIMIT). */
  protected inSubquery(s: SelectBase<any>): string {
    return this.nestedSelect(s);
  }
  /** A SELECT used as a FROM element or CTE: every column labeled, no correlation. */
  protected subqueryBody(s: SelectBase<any>): string {
    const savedEnclosing = this.enclosing;
    this.enclosing = [];
    this.depth++;
    try {
      return this.withCtx({ labelAll: true }, () => this.process(s));
    } finally {
      this.depth--;
      this.enclosing = savedEnclosing;
    }
  }

  protected columnsClause(cols: readonly el.ColumnElement<unknown>[]): string {
    const labelAll = this.ctx.labelAll;
    const names = labelAll ? subqueryColumnNames(cols) : [];
    return cols
      .map((c, i) => {
        // Only a label that is itself the SELECT item gets `AS name`; one nested in an
        // expression (`total.mul(2)` where total is a label) renders as its bare expression.
        const s = this.withCtx({ columnsClause: c instanceof el.Label, labelAll: false }, () => this.process(c));
        if (!labelAll || c instanceof el.Label) return s;
        if (c instanceof ColumnRef && c.name === names[i]) return s;
        return `${s} AS ${this.quote(names[i])}`;
      })
      .join(', ');
  }

  protected renderSelect(s: Select<any>): string {
    const st = s._state;
    const allFroms = s._froms();
    const correlated = this.correlatedFroms(s, allFroms);
    const froms = allFroms.filter((f) => !correlated.includes(f));
    if (st.distinctOn.length && !this.dialect.supports.distinctOn) throw new NotSupportedError(`${this.dialect.describe()} has no DISTINCT ON`);
    const labelAll = this.ctx.labelAll;
    this.enclosing.push(allFroms);
    try {
      let sql = 'SELECT ';
      if (st.distinct) {
        sql += st.distinctOn.length ? `DISTINCT ON (${st.distinctOn.map((d) => this.process(d)).join(', ')}) ` : 'DISTINCT ';
      }
      sql += this.withCtx({ labelAll }, () => this.columnsClause(s._selectedColumns));
      const ctxInner = { labelAll: false, columnsClause: false };
      return this.withCtx(ctxInner, () => {
        if (froms.length) sql += ' FROM ' + froms.map((f) => this.fromElement(f)).join(', ');
        else sql += this.noFromSuffix();
        if (st.where) sql += ' WHERE ' + this.process(st.where);
        if (st.groupBy.length) sql += ' GROUP BY ' + st.groupBy.map((g) => this.process(g)).join(', ');
        if (st.having) sql += ' HAVING ' + this.process(st.having);
        if (st.orderBy.length) {
          const selectLabels = new Set(s._selectedColumns.filter((c): c is el.Label<unknown> => c instanceof el.Label).map((c) => c.name));
          sql += ' ORDER BY ' + this.withCtx({ selectLabels }, () => st.orderBy.map((o) => this.process(o)).join(', '));
        }
        sql += this.limitOffset(st.limit && this.process(st.limit), st.offset && this.process(st.offset));
        if (st.locking) sql += this.renderLocking(st.locking);
        return sql;
      });
    } finally {
      this.enclosing.pop();
    }
  }

  /** What a SELECT without FROM needs (MySQL before 8 wants FROM DUAL for WHERE). */
  protected noFromSuffix(): string {
    return '';
  }

  protected correlatedFroms(s: Select<any>, froms: FromClause<any>[]): FromClause<any>[] {
    const c = s._state.correlate;
    if (c === 'none' || this.enclosing.length === 0) return [];
    const outer = this.enclosing.flat().flatMap((f) => (f instanceof Join ? [f, ...f.elements] : [f]));
    const candidates = c ? c : outer;
    const out = froms.filter((f) => candidates.includes(f) && outer.includes(f));
    // A subquery that would correlate away every FROM element keeps them (as SQLAlchemy does).
    return out.length === froms.length && s._state.explicitFroms.length === 0 && !c ? [] : out;
  }

  protected renderCompound(c: CompoundSelect<any>): string {
    if ((c.operator === 'INTERSECT' || c.operator === 'EXCEPT') && !this.dialect.supports.intersectExcept) {
      throw new NotSupportedError(`${this.dialect.describe()} has no ${c.operator}`);
    }
    const labelAll = this.ctx.labelAll;
    const parts = c.selects.map((s, i) => {
      const body = this.withCtx({ labelAll: labelAll && i === 0 }, () => this.process(s));
      return this.compoundMember(s, body);
    });
    let sql = parts.join(` ${c.operator} `);
    if (c.orderByTerms.length) {
      sql += ' ORDER BY ' + c.orderByTerms.map((o) => this.compoundOrderBy(c, o)).join(', ');
    }
    sql += this.limitOffset(c.limitBind && this.process(c.limitBind), c.offsetBind && this.process(c.offsetBind));
    return sql;
  }
  /** Members with their own ORDER BY/LIMIT need parentheses. */
  protected compoundMember(s: SelectBase<any>, body: string): string {
    const st = s instanceof Select ? s._state : undefined;
    const needs = s instanceof CompoundSelect || (st && (st.orderBy.length || st.limit || st.offset));
    return needs ? `(${body})` : body;
  }
  /** ORDER BY of a compound refers to result columns by name. */
  protected compoundOrderBy(c: CompoundSelect<any>, o: el.ColumnElement<unknown> | el.OrderByExpression): string {
    const elem = o instanceof el.OrderByExpression ? o.element : o;
    const cols = c._selectedColumns;
    const i = cols.findIndex((x) => x._resultName !== undefined && x._resultName === elem._resultName);
    if (i < 0) throw new CompileError('ORDER BY of a UNION/INTERSECT/EXCEPT must name one of its result columns');
    const first = cols[i];
    // The result column is named by its SQL name (a column) or its label.
    const name = first instanceof ColumnRef ? first.name : first._resultName!;
    const term = new el.OrderByExpression(new NamedColumn(name), o instanceof el.OrderByExpression ? o.direction : undefined, o instanceof el.OrderByExpression ? o.nulls : undefined);
    return this.renderOrderByTerm(term);
  }

  protected renderInsert(i: Insert<any, any>): string {
    const st = i._state;
    const t = i.table;
    const target = this.fromElement(t);
    let body: string;
    this.depth++;
    try {
      if (st.fromSelect) {
        body = `(${st.fromSelect.columns.map((c) => this.quote(c.name)).join(', ')}) ${this.subqueryBody(st.fromSelect.select)}`;
      } else {
        body = this.insertValues(i);
      }
    } finally {
      this.depth--;
    }
    let sql = `INSERT INTO ${target} ${body}`;
    if (st.onConflict) sql += this.renderOnConflict(i);
    if (st.returning.length) sql += this.renderReturning(i, 'insert');
    return sql;
  }

  /** The column list and VALUES rows, with client-side defaults for columns left out. */
  protected insertValues(i: Insert<any, any>): string {
    const st = i._state;
    const t = i.table;
    const columns = Object.values(t.c) as Column<unknown>[];
    let rows = st.rows;
    // An empty parameter object gives no columns: it inserts defaults, as with no parameters
    // (an empty column list would render `() VALUES ()`, which only MySQL accepts).
    if (rows.length === 0 && this.options.paramKeys?.length) {
      // executemany / parameters-only insert: one named bind per given key.
      const keys = this.options.paramKeys;
      const m = new Map<Column<unknown>, el.ColumnElement<unknown>>();
      for (const k of keys) {
        const col = (t.c as Record<string, Column<unknown>>)[k];
        if (!col) throw new CompileError(`insert into ${t.name}: no column "${k}" (columns: ${Object.keys(t.c).join(', ')})`);
        m.set(col, new el.BindParameter(k, undefined, col.type, false));
      }
      rows = [m];
    }
    if (rows.length === 0) {
      const withDefault = columns.filter((c) => c.default !== undefined);
      if (!withDefault.length) return this.defaultValuesClause();
      rows = [new Map()];
    }
    // A row made from the parameter keys is the one an executemany repeats: marked, so the
    // batches of "insert many values" can repeat it (see compiler/many-values.ts).
    const repeatable = st.rows.length === 0 && !this.options.literalBinds;
    const given = [...rows[0].keys()];
    const defaulted = columns.filter((c) => c.default !== undefined && !given.includes(c));
    const cols = [...given, ...defaulted];
    const renderRow = (r: ReadonlyMap<Column<unknown>, el.ColumnElement<unknown>>) =>
      '(' +
      cols
        .map((c) => {
          const v = r.get(c);
          if (v) return this.withCtx({ dmlTable: t }, () => this.process(v));
          if (this.options.literalBinds) {
            const d = c.default;
            return this.renderLiteralValue(typeof d === 'function' ? (d as () => unknown)() : d);
          }
          return this.addSlot({ bindIndex: -1, key: c.key, type: c.type, processor: this.bindProcessor(c.type), expanding: false, defaultValue: valueMaker(c.default) });
        })
        .join(', ') +
      ')';
    const values = rows.map(renderRow).join(', ');
    return `(${cols.map((c) => this.quote(c.name)).join(', ')}) VALUES ${repeatable ? VALUES_OPEN + values + VALUES_CLOSE : values}`;
  }
  protected defaultValuesClause(): string {
    return 'DEFAULT VALUES';
  }

  protected renderUpdateStatement(u: Update<any, any>): string {
    const st = u._state;
    let values = [...st.values];
    let where = st.where;
    if (values.length === 0 && this.options.paramKeys) {
      // Parameters only (executemany): SET the given columns; without where(), the primary
      // key columns among the parameters select the row (bulk UPDATE by primary key).
      const pkCols = u.table.primaryKey.columns as Column<unknown>[];
      const keys = this.options.paramKeys;
      const byPk = !where && pkCols.length > 0 && pkCols.every((c) => keys.includes(c.key));
      if (!where && !byPk) {
        throw new CompileError(`update ${u.table.name} with parameters only: give a where() or include the primary key (${pkCols.map((c) => c.key).join(', ')}) in every parameter set`);
      }
      values = keys
        .filter((k) => !byPk || !pkCols.some((c) => c.key === k))
        .map((k) => {
          const col = (u.table.c as Record<string, Column<unknown>>)[k];
          if (!col) throw new CompileError(`update ${u.table.name}: no column "${k}" (columns: ${Object.keys(u.table.c).join(', ')})`);
          return [col, new el.BindParameter(k, undefined, col.type, false)] as [Column<unknown>, el.ColumnElement<unknown>];
        });
      if (byPk) where = el.and(...pkCols.map((c) => c.eq(new el.BindParameter(c.key, undefined, c.type, false) as never)));
    }
    const onUpdate = (Object.values(u.table.c) as Column<unknown>[]).filter((c) => c.onUpdate !== undefined && !values.some(([vc]) => vc === c));
    if (values.length === 0 && onUpdate.length === 0) throw new CompileError(`update ${u.table.name}: no values to SET (call values())`);
    this.depth++;
    // Subqueries in SET and WHERE correlate with the target row (as they do in a SELECT's
    // WHERE): without this, `… WHERE posts.author_id = users.id` inside them would list
    // `users` in their own FROM and compare against every user instead of this one.
    this.enclosing.push([u.table, ...st.extraFroms]);
    try {
      const setParts: [Column<unknown>, string][] = values.map(([c, v]) => [c, this.process(v)]);
      for (const c of onUpdate) {
        const slot = this.addSlot({ bindIndex: -1, key: undefined, type: c.type, processor: this.bindProcessor(c.type), expanding: false, defaultValue: valueMaker(c.onUpdate) });
        setParts.push([c, slot]);
      }
      const whereSql = where ? ' WHERE ' + this.process(where) : '';
      const returning = st.returning.length ? this.renderReturning(u, 'update') : '';
      return this.renderUpdate(u, setParts, whereSql, returning);
    } finally {
      this.enclosing.pop();
      this.depth--;
    }
  }

  protected renderDeleteStatement(d: Delete<any, any>): string {
    const st = d._state;
    this.depth++;
    // As in UPDATE: subqueries in WHERE correlate with the row being deleted.
    this.enclosing.push([d.table, ...st.extraFroms]);
    try {
      const where = st.where ? ' WHERE ' + this.process(st.where) : '';
      const returning = st.returning.length ? this.renderReturning(d, 'delete') : '';
      return this.renderDelete(d, where, returning);
    } finally {
      this.enclosing.pop();
      this.depth--;
    }
  }
}

/** A bare column name (ORDER BY of a compound select). @internal */
class NamedColumn extends el.ColumnElement<unknown> {
  readonly kind = 'namedColumn';
  readonly type = el.integerType as SqlType<unknown>;
  constructor(readonly name: string) {
    super();
  }
  override get _resultName(): string {
    return this.name;
  }
  _key(): void {}
}

/** A column default (a value or a function making one) as a per-row value maker. */
function valueMaker(d: unknown): () => unknown {
  return typeof d === 'function' ? (d as () => unknown) : () => d;
}

function frameBound(b: el.FrameBound, dir: 'PRECEDING' | 'FOLLOWING'): string {
  if (b === null) return `UNBOUNDED ${dir}`;
  if (b === 0) return 'CURRENT ROW';
  return b < 0 ? `${-b} PRECEDING` : `${b} FOLLOWING`;
}
