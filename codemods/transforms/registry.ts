/**
 * The transform registry: every codemod transform with its legacy codes, engine, whether it
 * needs types, and its place in the `all` preset. Together with the legacy registry
 * (legacy-api/registry.ts) it accounts for every legacy code: a transform that rewrites
 * it, a reason a human has to (with the report-only transform that finds its sites), or a
 * transform still to be written (ORM codes whose shim is not implemented yet).
 *
 * To add a transform: write `codemods/transforms/<name>.ts` exporting `syntax` (jscodeshift)
 * or `typed` (ts-morph), add an entry below, and fixtures under `codemods/__testfixtures__/<name>/`
 * (see codemods/README.md).
 */
import { LEGACY_RECORDS } from '../../legacy-api/registry';
import type { ManualEntry, TransformInfo, TransformModule } from './types';

const load = (m: () => TransformModule) => m;

/* eslint-disable @typescript-eslint/no-require-imports */
const ENTRIES: TransformInfo[] = [
  {
    name: 'connectionless-execution',
    codes: ['L101'],
    engine: 'ts-morph',
    typeAware: true,
    order: 100,
    summary: 'engine.execute()/scalar() → engine.begin((conn) => conn.execute(…))',
    trigger: /\.(execute|scalar)\s*\(/,
    load: load(() => require('./connectionless-execution')),
  },
  {
    name: 'engine-transaction',
    codes: ['L107'],
    engine: 'ts-morph',
    typeAware: true,
    order: 110,
    summary: 'engine.transaction(fn) and engine.runCallable(fn) → engine.begin(fn)',
    trigger: /\.(transaction|runCallable)\s*\(/,
    load: load(() => require('./engine-transaction')),
  },
  {
    name: 'text-strings',
    codes: ['L104'],
    engine: 'ts-morph',
    typeAware: true,
    order: 120,
    summary: "conn.execute('SQL') → conn.execute(text('SQL')) or conn.execDriverSql('SQL', [values])",
    trigger: /\.(execute|scalar)\s*\(/,
    load: load(() => require('./text-strings')),
  },
  {
    name: 'execute-params',
    codes: ['L105'],
    engine: 'ts-morph',
    typeAware: true,
    order: 130,
    summary: 'execute(stmt, {…}, {…}) → execute(stmt, [{…}, {…}]); positional tuples → named parameters',
    trigger: /\.(execute|scalar)\s*\(/,
    load: load(() => require('./execute-params')),
  },
  {
    name: 'inspector-calls',
    codes: ['L108'],
    engine: 'ts-morph',
    typeAware: true,
    order: 140,
    summary: 'engine.tableNames()/hasTable(), table.exists(bind) → inspect(bind).getTableNames()/hasTable()',
    trigger: /\.(tableNames|hasTable|exists)\s*\(/,
    load: load(() => require('./inspector-calls')),
  },
  {
    name: 'row-mapping-access',
    codes: ['L109'],
    engine: 'ts-morph',
    typeAware: true,
    order: 150,
    summary: "row.keys()/values()/items()/get('k')/has('k'), 'k' in row → row._mapping",
    trigger: /\.(keys|values|items|get|has)\s*\(|\bin\b/,
    load: load(() => require('./row-mapping-access')),
  },
  {
    name: 'autoload-table',
    codes: ['L110'],
    engine: 'ts-morph',
    typeAware: true,
    order: 160,
    summary: 'new Table(name, md, { autoload: true, autoloadWith }) → autoloadTable(name, md, { autoloadWith })',
    trigger: /\bautoload/,
    load: load(() => require('./autoload-table')),
  },
  {
    name: 'dml-argument-forms',
    codes: ['L202'],
    engine: 'ts-morph',
    typeAware: true,
    order: 170,
    summary: 'table.select(w), insert(t, { values }), update(t, w, v), delete_(t, w) → generative calls',
    trigger: /\b(select|insert|update|delete_?|deleteFrom)\s*\(/,
    load: load(() => require('./dml-argument-forms')),
  },
  {
    name: 'generative-mutators',
    codes: ['L206'],
    engine: 'ts-morph',
    typeAware: true,
    order: 180,
    summary: 'stmt.appendWhereClause(c) → stmt = stmt.where(c) (and the other append* methods)',
    trigger: /\.append(WhereClause|OrderBy|GroupBy|HavingClause|Column|From)\s*\(/,
    load: load(() => require('./generative-mutators')),
  },
  {
    name: 'as-scalar',
    codes: ['L207'],
    engine: 'ts-morph',
    typeAware: true,
    order: 190,
    summary: 'stmt.asScalar() → stmt.scalarSubquery()',
    trigger: /\.asScalar\s*\(/,
    load: load(() => require('./as-scalar')),
  },
  {
    name: 'label-style',
    codes: ['L205'],
    engine: 'ts-morph',
    typeAware: true,
    order: 195,
    summary: "stmt.applyLabels() → stmt.setLabelStyle('tablenamePlusCol'); select([…], null, { useLabels: true }) is rewritten by select-list-form",
    trigger: /\.applyLabels\s*\(/,
    load: load(() => require('./label-style')),
  },
  {
    name: 'implicit-subquery',
    codes: ['L208'],
    engine: 'ts-morph',
    typeAware: true,
    order: 197,
    summary: 'const sq = select(…); select(sq.c.id) → const sq = select(…).subquery(); other .c / .select() uses are reported',
    trigger: /\.(c|select)\b/,
    load: load(() => require('./implicit-subquery')),
  },
  {
    name: 'query-to-select',
    codes: ['L301'],
    engine: 'ts-morph',
    typeAware: true,
    order: 301,
    summary: 'session.query(User).filter(…).all() → (await session.scalars(select(User).where(…))).all()',
    trigger: /\.(all|first|one|oneOrNone|scalar)\s*\(/,
    load: load(() => require('./query-to-select')),
  },
  {
    name: 'query-get',
    codes: ['L302'],
    engine: 'ts-morph',
    typeAware: true,
    order: 302,
    summary: 'session.query(User).get(pk) → session.get(User, pk)',
    trigger: /\.get\s*\(/,
    load: load(() => require('./query-get')),
  },
  {
    name: 'query-count',
    codes: ['L303'],
    engine: 'ts-morph',
    typeAware: true,
    order: 303,
    summary: 'session.query(User).filter(…).count() → (await session.execute(select(func.count()).selectFrom(User.table).where(…))).scalarOne()',
    trigger: /\.count\s*\(/,
    load: load(() => require('./query-count')),
  },
  {
    name: 'relationship-joins',
    codes: ['L304'],
    engine: 'ts-morph',
    typeAware: true,
    order: 304,
    summary: "query.join('addresses'), join('a.b'), join([T, on]) → join(User.c.addresses), one join() per hop",
    trigger: /\.(join|outerJoin)\s*\(/,
    load: load(() => require('./relationship-joins')),
  },
  {
    name: 'attribute-loader-options',
    codes: ['L305'],
    engine: 'ts-morph',
    typeAware: true,
    order: 305,
    summary: "joinedload('addresses.user') in a Query's options(), withParent(obj, 'name') → attribute options",
    trigger: /\b(joinedload|selectinload|withParent)\s*\(/,
    load: load(() => require('./attribute-loader-options')),
  },
  {
    name: 'query-dml',
    codes: ['L307'],
    engine: 'ts-morph',
    typeAware: true,
    order: 307,
    summary: 'session.query(User).filter(…).update({…})/delete() → session.execute(update(User.table).where(…).values({…}))',
    trigger: /\.(update|delete)\s*\(/,
    load: load(() => require('./query-dml')),
  },
  {
    name: 'bulk-methods',
    codes: ['L308'],
    engine: 'ts-morph',
    typeAware: true,
    order: 308,
    summary: 'session.bulkInsertMappings(User, rows) → session.execute(insert(User), rows) (guarded by rows.length when computed), bulkUpdateMappings → session.execute(update(User), rows)',
    trigger: /\.bulk(InsertMappings|UpdateMappings)\s*\(/,
    load: load(() => require('./bulk-methods')),
  },
  {
    name: 'bind-arguments',
    codes: ['L409'],
    engine: 'ts-morph',
    typeAware: true,
    order: 409,
    summary: 'session.execute(stmt, params, { mapper }) → session.execute(stmt, params); a bind is reported',
    trigger: /\.execute\s*\(/,
    load: load(() => require('./bind-arguments')),
  },
  {
    name: 'renamed-functions',
    codes: ['L406'],
    engine: 'ts-morph',
    typeAware: true,
    order: 400,
    summary: 'relation() → relationship(), eagerload() → joinedload()',
    trigger: /\b(relation|eagerload)\b/,
    load: load(() => require('./renamed-functions')),
  },
  {
    name: 'back-populates',
    codes: ['L408'],
    engine: 'ts-morph',
    typeAware: true,
    order: 410,
    summary: "relationship(() => B, { backref: 'a' }) → { backPopulates: 'a' }, and the reverse side declared on B",
    trigger: /\bbackref\b/,
    reshapesTypes: true,
    load: load(() => require('./back-populates')),
  },
  {
    name: 'typed-models',
    codes: ['L404'],
    engine: 'ts-morph',
    typeAware: true,
    order: 420,
    summary: 'class User extends Base { static id = Column(Integer, …) } → class User extends Base.model(\'users\', { id: column(integer(), …) }) {}',
    // Class-level reads of a static (`User.id`) may be in any file that imports a model.
    trigger: /\bColumn\b|__tablename__|\b[A-Z_$][\w$]*\s*\.\s*[A-Za-z_$]/,
    reshapesTypes: true,
    load: load(() => require('./typed-models')),
  },
  {
    name: 'imperative-mapping',
    codes: ['L405'],
    engine: 'ts-morph',
    typeAware: true,
    order: 430,
    summary: 'mapper(Cls, table) → Base.mapImperatively(Cls, table) (the file\'s one declarative base)',
    trigger: /\bmapper\b/,
    reshapesTypes: true,
    load: load(() => require('./imperative-mapping')),
  },
  {
    name: 'needs-human',
    codes: ['L102', 'L103', 'L106', 'L306', 'L309', 'L310', 'L401', 'L402', 'L403', 'L407'],
    engine: 'ts-morph',
    typeAware: true,
    order: 900,
    summary: 'finds the sites no transform may rewrite (bound metadata, autocommit, subtransactions, fromSelf, joined collections, bulkSaveObjects, session autocommit, backref cascades, dynamic collections)',
    // A backref cascade (L403) is a plain property assignment, hence the last alternative.
    trigger: /\b(bind|autocommit|begin|createAll|dropAll|create|drop|exists|execute|scalar|select|fromSelf|joinedload|eagerload|bulkSaveObjects|dynamic)\b|\.c\b|\.\w+\s*=(?!=)/,
    reportOnly: true,
    load: load(() => require('./needs-human')),
  },
  {
    name: 'select-list-form',
    codes: ['L201'],
    engine: 'jscodeshift',
    typeAware: false,
    order: 10,
    summary: 'select([a, b], where, { orderBy, … }) → select(a, b).where(…).orderBy(…)',
    trigger: /\bselect\s*\(\s*\[/,
    load: load(() => require('./select-list-form')),
  },
  {
    name: 'case-list-form',
    codes: ['L203'],
    engine: 'jscodeshift',
    typeAware: false,
    order: 20,
    summary: 'case_([[cond, value], …], opts) → case_([cond, value], …, opts)',
    trigger: /\bcase_\s*\(\s*\[\s*\[/,
    load: load(() => require('./case-list-form')),
  },
  {
    name: 'compound-options',
    codes: ['L204'],
    engine: 'jscodeshift',
    typeAware: false,
    order: 30,
    summary: 'union(a, b, { orderBy, limit, offset }) → union(a, b).orderBy(…).limit(…)',
    trigger: /\b(union|unionAll|intersect|except)\s*\(/,
    load: load(() => require('./compound-options')),
  },
  {
    name: 'legacy-imports',
    codes: [],
    engine: 'jscodeshift',
    typeAware: false,
    order: 1000,
    summary: "imports from 'retort/legacy' → 'retort' once a file uses nothing legacy-only",
    trigger: /retort\/legacy/,
    finalStage: true,
    load: load(() => require('./legacy-imports')),
  },
];

export const TRANSFORMS: readonly TransformInfo[] = Object.freeze([...ENTRIES].sort((a, b) => a.order - b.order));

/** Codes with no transform, each with the reason from the legacy registry and its detector. */
export const MANUAL: readonly ManualEntry[] = Object.freeze(
  LEGACY_RECORDS.filter((r) => r.codemod === null).map((r) => ({
    code: r.code,
    reason: r.manualReason ?? '',
    detectedBy: TRANSFORMS.find((t) => t.reportOnly && t.codes.includes(r.code))?.name ?? null,
  })),
);

/**
 * Codes whose transform is named in the legacy registry but not written yet: the ORM
 * patterns, whose shim is not implemented (nothing to rewrite against yet).
 */
export const PENDING: readonly { code: string; transform: string }[] = Object.freeze(
  LEGACY_RECORDS.filter((r) => r.codemod !== null && !TRANSFORMS.some((t) => t.name === r.codemod)).map((r) => ({ code: r.code, transform: r.codemod as string })),
);

/** The transform of a name, or undefined. */
export function transformByName(name: string): TransformInfo | undefined {
  return TRANSFORMS.find((t) => t.name === name);
}

/**
 * Resolves CLI selectors (names, codes such as `L201`, or `all`) to transforms in their
 * safe order. `legacy-imports` runs only in `all`: it may switch a file's imports only when
 * every other transform has looked at it. Throws naming an unknown selector.
 */
export function selectTransforms(selectors: readonly string[]): TransformInfo[] {
  if (selectors.length === 0 || selectors.includes('all')) return [...TRANSFORMS];
  const chosen = new Set<TransformInfo>();
  for (const s of selectors) {
    const byName = transformByName(s);
    if (byName?.finalStage) throw new Error(`${s} runs only as part of all (it needs the findings of every other transform)`);
    if (byName) {
      chosen.add(byName);
      continue;
    }
    const code = s.toUpperCase();
    const byCode = TRANSFORMS.filter((t) => t.codes.includes(code));
    if (byCode.length) {
      byCode.forEach((t) => chosen.add(t));
      continue;
    }
    const manual = MANUAL.find((m) => m.code === code);
    if (manual) throw new Error(`${code} has no transform: ${manual.reason}`);
    const pending = PENDING.find((p) => p.code === code || p.transform === s);
    if (pending) throw new Error(`${s}: the ${pending.transform} transform (${pending.code}) is not available yet`);
    throw new Error(`unknown transform or code ${JSON.stringify(s)} (see retort-codemod --list)`);
  }
  return [...chosen].sort((a, b) => a.order - b.order);
}

/** Whether a CLI word names a transform, a code or a preset (rather than a path). */
export function isSelector(word: string): boolean {
  return word === 'all' || !!transformByName(word) || /^L\d{3}$/i.test(word) || PENDING.some((p) => p.transform === word);
}
