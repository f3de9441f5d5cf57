/**
 * The deprecation registry: one record per legacy pattern, the single source of truth for
 * the shim's warnings, the codemod CLI's list, the migration guide's index and the tests.
 * Codes are stable once shipped. This module is plain data (no imports) so the codemods can
 * read it without loading the library.
 */

export type LegacyStatus = 'removed' | 'legacy';

export interface LegacyRecord {
  /** Stable code, `L` + area digit + number: L1xx Core execution, L2xx Core SQL, L3xx ORM querying, L4xx ORM session and models. */
  readonly code: string;
  readonly title: string;
  /** `removed`: throws in future/error mode. `legacy`: kept long-term; warns, never throws. */
  readonly status: LegacyStatus;
  readonly area: 'core' | 'orm';
  /** What was called and why it is deprecated (the warning's message). */
  readonly message: string;
  /** The 2.0 spelling to use instead. */
  readonly replacement: string;
  /** The codemod transform that rewrites it (`npx retort-codemod <name> <paths…>`), or null. */
  readonly codemod: string | null;
  /** Why a human has to do it, when `codemod` is null. */
  readonly manualReason: string | null;
  /** The guide section: `migration-guide/<guide>.md`. */
  readonly guide: string;
  /** The 1.x TypeScript spelling the shim accepts (what legacy code bases are written in). */
  readonly spelling: string;
  /** Whether the shim implements it yet. */
  readonly implemented: boolean;
}

const core = (r: Omit<LegacyRecord, 'area' | 'implemented'>): LegacyRecord => ({ ...r, area: 'core', implemented: true });
const orm = (r: Omit<LegacyRecord, 'area' | 'implemented'>, implemented = true): LegacyRecord => ({ ...r, area: 'orm', implemented });

export const LEGACY_RECORDS: readonly LegacyRecord[] = Object.freeze([
  core({
    code: 'L101',
    title: 'Connectionless execution',
    status: 'removed',
    message: 'engine.execute()/engine.scalar() run a statement without a connection you can see: the engine opens one, autocommits and closes it, so transaction boundaries are invisible',
    replacement: 'const conn = await engine.connect(); await conn.execute(stmt) — or await engine.begin(async (conn) => conn.execute(stmt)) for writes',
    codemod: 'connectionless-execution',
    manualReason: null,
    guide: 'L101-connectionless-execution',
    spelling: 'await engine.execute(stmt, params?); await engine.scalar(stmt, params?)',
  }),
  core({
    code: 'L102',
    title: 'Implicit execution through bound metadata',
    status: 'removed',
    message: 'a MetaData bound to an engine (new MetaData({ bind })) lets statements and schema operations find an engine by themselves, hiding which database and transaction they use',
    replacement: 'new MetaData(); pass the engine or connection: metadata.createAll(engine), conn.execute(stmt)',
    codemod: null,
    manualReason: 'the engine has to be threaded to each call site (a parameter, a module export or a context), which is an application design decision',
    guide: 'L102-bound-metadata',
    spelling: 'new MetaData({ bind: engine }); await stmt.execute(); await table.create(); await metadata.createAll()',
  }),
  core({
    code: 'L103',
    title: 'Library-level autocommit',
    status: 'removed',
    message: 'a DML or DDL statement run outside a transaction was committed by the library (autocommit), so a later failure cannot roll it back',
    replacement: 'await engine.begin(async (conn) => { … }) or commit as you go: await conn.execute(stmt); await conn.commit()',
    codemod: null,
    manualReason: 'where a transaction should begin and end is a decision about the application; the codemod cannot know which statements belong together',
    guide: 'L103-autocommit',
    spelling: "await conn.execute(insert(t).values(row)) outside conn.begin(); conn.executionOptions({ autocommit: true })",
  }),
  core({
    code: 'L104',
    title: 'Plain SQL strings to execute()',
    status: 'removed',
    message: 'execute() with a plain SQL string sends it to the driver as it is, in the driver\'s own parameter style, with no result typing',
    replacement: "conn.execute(text('SELECT … WHERE id = :id'), { id }) — or conn.execDriverSql(sql, [values])",
    codemod: 'text-strings',
    manualReason: null,
    guide: 'L104-string-statements',
    spelling: "await conn.execute('SELECT * FROM users WHERE id = ?', [5])",
  }),
  core({
    code: 'L105',
    title: 'Loose parameter forms',
    status: 'removed',
    message: 'execute() with several parameter objects as extra arguments, or with a positional array of values, guesses between one execution and executemany',
    replacement: 'one object for one execution, or one array of objects for executemany: conn.execute(stmt, [{ … }, { … }])',
    codemod: 'execute-params',
    manualReason: null,
    guide: 'L105-loose-parameters',
    spelling: "await conn.execute(stmt, { a: 1 }, { a: 2 }); await conn.execute(text('… :a, :b'), [1, 2])",
  }),
  core({
    code: 'L106',
    title: 'Nested begin() as a subtransaction',
    status: 'removed',
    message: 'conn.begin() inside a transaction made a "subtransaction" whose commit does nothing and whose rollback ends the outer transaction',
    replacement: 'one outer begin() (engine.begin(fn)); conn.beginNested() for a real SAVEPOINT',
    codemod: null,
    manualReason: 'the nested begin() may mean "join the outer transaction" or "savepoint"; only the author knows which',
    guide: 'L106-subtransactions',
    spelling: 'const outer = await conn.begin(); const inner = await conn.begin(); await inner.commit(); await outer.commit()',
  }),
  core({
    code: 'L107',
    title: 'engine.transaction() and engine.runCallable()',
    status: 'removed',
    message: 'engine.transaction(fn) and engine.runCallable(fn) are older names for running a function on a connection',
    replacement: 'await engine.begin(async (conn) => fn(conn)) — for runCallable this makes the function one transaction (its writes committed one by one in 1.x); engine.connect() with commit() after each write keeps them as they go',
    codemod: 'engine-transaction',
    manualReason: null,
    guide: 'L107-engine-transaction',
    spelling: 'await engine.transaction(async (conn) => …); await engine.runCallable(async (conn) => …)',
  }),
  core({
    code: 'L108',
    title: 'Engine and table introspection methods',
    status: 'removed',
    message: 'engine.tableNames(), engine.hasTable() and table.exists() duplicate the Inspector and open a connection each time',
    replacement: 'const insp = inspect(engine); await insp.getTableNames(); await insp.hasTable(name)',
    codemod: 'inspector-calls',
    manualReason: null,
    guide: 'L108-engine-introspection',
    spelling: "await engine.tableNames(); await engine.hasTable('users'); await users.exists(engine)",
  }),
  core({
    code: 'L109',
    title: 'A Row used as a mapping',
    status: 'removed',
    message: 'a Row used as a mapping (row.keys(), row.get(name), \'name\' in row) — a Row is a named tuple; its mapping view is row._mapping',
    replacement: "row._mapping['name'], Object.keys(row._mapping), 'name' in row._mapping — or result.mappings() for whole rows",
    codemod: 'row-mapping-access',
    manualReason: null,
    guide: 'L109-row-mapping',
    spelling: "row.keys(); row.get('name'); row.get(users.c.name); 'name' in row; row.items()",
  }),
  core({
    code: 'L110',
    title: 'Table autoload flag',
    status: 'removed',
    message: 'new Table(name, metadata, { autoload: true }) reflects a table in a constructor, which cannot wait for the database',
    replacement: "const users = await autoloadTable('users', metadata, { autoloadWith: engine })",
    codemod: 'autoload-table',
    manualReason: null,
    guide: 'L110-autoload',
    spelling: "const users = await new Table('users', metadata, { autoload: true, autoloadWith: engine })",
  }),
  core({
    code: 'L201',
    title: 'select() list form and options bag',
    status: 'removed',
    message: 'select([a, b], where, { from, orderBy, … }) takes the columns as a list and the clauses as arguments',
    replacement: 'select(a, b).where(…).selectFrom(…).orderBy(…)',
    codemod: 'select-list-form',
    manualReason: null,
    guide: 'L201-select-list-form',
    spelling: 'select([users.c.id, users.c.name], users.c.id.gt(5), { orderBy: [users.c.name], limit: 10 })',
  }),
  core({
    code: 'L202',
    title: 'Argument forms of table.select() and the DML constructors',
    status: 'removed',
    message: 'table.select(where), insert(t, { values }), update(t, where, values) and delete(t, where) take clauses as arguments instead of generative methods',
    replacement: 'select(t).where(…), insert(t).values(…).returning(…), update(t).where(…).values(…), deleteFrom(t).where(…)',
    codemod: 'dml-argument-forms',
    manualReason: null,
    guide: 'L202-dml-argument-forms',
    spelling: "users.select(users.c.id.eq(1)); insert(users, { values: { name: 'x' } }); update(users, where, { name: 'y' }); delete_(users, where); users.insert()",
  }),
  core({
    code: 'L203',
    title: 'case() list form',
    status: 'removed',
    message: 'case_([[cond, value], …], { else }) takes the WHEN pairs as one list',
    replacement: 'case_([cond, value], [cond, value], { else })',
    codemod: 'case-list-form',
    manualReason: null,
    guide: 'L203-case-list-form',
    spelling: "case_([[users.c.id.lt(10), 'low']], { else: 'high' })",
  }),
  core({
    code: 'L204',
    title: 'Options bag of union() and friends',
    status: 'removed',
    message: 'union(a, b, { orderBy, limit }) takes the compound\'s clauses as an options argument',
    replacement: 'union(a, b).orderBy(…).limit(…)',
    codemod: 'compound-options',
    manualReason: null,
    guide: 'L204-compound-options',
    spelling: 'union(a, b, { orderBy: [col], limit: 10 })',
  }),
  core({
    code: 'L205',
    title: 'applyLabels() and useLabels',
    status: 'removed',
    message: 'applyLabels() / { useLabels: true } rename every column to <table>_<column> behind the code\'s back',
    replacement: "stmt.setLabelStyle('tablenamePlusCol') — or label the columns you need: select(users.c.id.label('users_id'), …)",
    codemod: 'label-style',
    manualReason: null,
    guide: 'L205-apply-labels',
    spelling: 'stmt.applyLabels(); select([…], null, { useLabels: true })',
  }),
  core({
    code: 'L206',
    title: 'In-place mutators of a select',
    status: 'removed',
    message: 'appendWhereClause(), appendOrderBy(), appendColumn(), appendFrom() change a statement in place; statements are immutable in 2.0',
    replacement: 'stmt = stmt.where(…) / .orderBy(…) / .addColumns(…) / .selectFrom(…)',
    codemod: 'generative-mutators',
    manualReason: null,
    guide: 'L206-in-place-mutators',
    spelling: 'stmt.appendWhereClause(cond); stmt.appendOrderBy(col); stmt.appendColumn(col); stmt.appendFrom(t)',
  }),
  core({
    code: 'L207',
    title: 'asScalar()',
    status: 'legacy',
    message: 'asScalar() is the older name of scalarSubquery()',
    replacement: 'stmt.scalarSubquery()',
    codemod: 'as-scalar',
    manualReason: null,
    guide: 'L207-as-scalar',
    spelling: 'select([func.count(addresses.c.id)], where).asScalar()',
  }),
  core({
    code: 'L208',
    title: 'A SELECT used as a FROM implicitly',
    status: 'removed',
    message: 'select.c / select.select() use a SELECT as a FROM element without naming it as a subquery',
    replacement: 'const sq = stmt.subquery(); select(sq.c.id) — one subquery object, reused',
    codemod: 'implicit-subquery',
    manualReason: null,
    guide: 'L208-implicit-subquery',
    spelling: 'stmt.c.id; stmt.select()',
  }),
  orm({
    code: 'L301',
    title: 'The Query API',
    status: 'legacy',
    message: 'session.query(User)… builds and runs a query in one object; 2.0 separates the statement (select) from its execution (session)',
    replacement: 'await session.scalars(select(User).where(…).orderBy(…)) — .all() / .first() / .one() / .oneOrNone()',
    codemod: 'query-to-select',
    manualReason: null,
    guide: 'L301-query-api',
    spelling: 'await session.query(User).filter(User.c.name.eq(x)).orderBy(User.c.id).all()',
  }),
  orm({
    code: 'L302',
    title: 'query.get()',
    status: 'legacy',
    message: 'query.get(pk) looks an object up by primary key through a Query',
    replacement: 'await session.get(User, pk)',
    codemod: 'query-get',
    manualReason: null,
    guide: 'L302-query-get',
    spelling: 'await session.query(User).get(5)',
  }),
  orm({
    code: 'L303',
    title: 'query.count()',
    status: 'legacy',
    message: 'query.count() wraps the query in a subquery and counts it',
    replacement: 'await session.scalar(select(func.count()).selectFrom(User.table).where(…)) — over a join: selectFrom(select(User).join(…).subquery())',
    codemod: 'query-count',
    manualReason: null,
    guide: 'L303-query-count',
    spelling: 'await session.query(User).filter(…).count()',
  }),
  orm({
    code: 'L304',
    title: 'Joins by relationship name strings',
    status: 'removed',
    message: "query.join('addresses') names the relationship with a string and may chain several hops in one call",
    replacement: 'select(User).join(User.c.addresses) — one call per hop',
    codemod: 'relationship-joins',
    manualReason: null,
    guide: 'L304-string-joins',
    spelling: "session.query(User).join('addresses'); session.query(Address).join('user.addresses'); query.join([Address, on])",
  }),
  orm({
    code: 'L305',
    title: 'Loader options by string path',
    status: 'removed',
    message: "joinedload('addresses'), selectinload('addresses.user') and withParent(obj, 'addresses') name the relationship path with strings",
    replacement: 'joinedLoad(User.c.addresses), selectinLoad(Address.c.user).selectinLoad(User.c.addresses), withParent(obj, User.c.addresses)',
    codemod: 'attribute-loader-options',
    manualReason: null,
    guide: 'L305-string-loader-options',
    spelling: "session.query(User).options(joinedload('addresses'), selectinload('addresses.user')); withParent(user, 'addresses')",
  }),
  orm({
    code: 'L306',
    title: 'query.fromSelf()',
    status: 'removed',
    message: 'query.fromSelf() wraps the query in a subquery and lets later criteria refer to its rows implicitly',
    replacement: 'const inner = select(User.c.id).where(…).limit(…).subquery(); select(User).where(User.c.id.in(select(inner.c.id))).where(…)',
    codemod: null,
    manualReason: 'which criteria belong inside the subquery and which outside (and how the rows are matched) has to be written out',
    guide: 'L306-from-self',
    spelling: 'session.query(User).filter(…).fromSelf().filter(…)',
  }),
  orm({
    code: 'L307',
    title: 'query.update() and query.delete()',
    status: 'legacy',
    message: 'query.update()/query.delete() run bulk DML through a Query',
    replacement: "await session.execute(update(User).where(…).values({…}), undefined, { synchronizeSession: 'fetch' }) — deleteFrom(User).where(…); the session's objects are kept in step with the rows (synchronizeSession 'auto' by default)",
    codemod: 'query-dml',
    manualReason: null,
    guide: 'L307-query-dml',
    spelling: "await session.query(User).filter(…).update({ name: 'x' }); await session.query(User).filter(…).delete()",
  }),
  orm({
    code: 'L308',
    title: 'Bulk session methods',
    status: 'legacy',
    message: 'bulkInsertMappings / bulkUpdateMappings are a separate bulk path; 2.0 batches ORM INSERT/UPDATE through execute()',
    replacement: 'await session.execute(insert(User), rows); await session.execute(update(User), rows) — a bulk UPDATE by primary key (each row holds the key and the values to set)',
    codemod: 'bulk-methods',
    manualReason: null,
    guide: 'L308-bulk-methods',
    spelling: 'await session.bulkInsertMappings(User, rows); await session.bulkUpdateMappings(User, rows)',
  }),
  orm({
    code: 'L309',
    title: 'Silent de-duplication of joined eager loads',
    status: 'removed',
    message: 'a joined eager load of a collection repeats each parent row per child; the Query de-duplicated the objects without saying so',
    replacement: '(await session.execute(stmt)).scalars().unique().all() — or selectinLoad(), which repeats nothing',
    codemod: null,
    manualReason: 'whether de-duplication is wanted depends on what the statement returns (objects, or rows that should stay repeated)',
    guide: 'L309-joined-eager-unique',
    spelling: 'await session.query(User).options(joinedload(User.c.addresses)).all()',
  }),
  orm({
    code: 'L310',
    title: 'bulkSaveObjects()',
    status: 'legacy',
    message: 'session.bulkSaveObjects(objects) writes objects without the unit of work: objects of the session are UPDATEd, the others INSERTed, and none is cascaded, refreshed or added to the session',
    replacement: "session.add(obj) / session.addAll(objects) and a flush (the unit of work) — or, with the values written out, await session.execute(insert(User), rows) / await session.execute(update(User), rows)",
    codemod: null,
    manualReason: 'which objects are new and which are already in the session is known only at run time, and each 2.0 form differs: the unit of work cascades and refreshes, the bulk statements need the values written out',
    guide: 'L310-bulk-save-objects',
    spelling: 'await session.bulkSaveObjects(objects)',
  }),
  orm({
    code: 'L401',
    title: 'Session autocommit mode',
    status: 'removed',
    message: 'new Session({ autocommit: true }) runs without a transaction until begin() is called',
    replacement: 'new Session(engine) (autobegin) — await session.begin(async () => …) for a block',
    codemod: null,
    manualReason: 'code written for autocommit relies on when flushes commit; the transaction blocks have to be placed by hand',
    guide: 'L401-session-autocommit',
    spelling: 'new Session({ bind: engine, autocommit: true })',
  }),
  orm({
    code: 'L402',
    title: 'Session subtransactions',
    status: 'removed',
    message: 'session.begin({ subtransactions: true }) nests begin() calls that commit nothing',
    replacement: 'one outer session.begin(); session.beginNested() for a SAVEPOINT',
    codemod: null,
    manualReason: 'the nesting may mean "join" or "savepoint"; only the author knows which',
    guide: 'L402-session-subtransactions',
    spelling: 'await session.begin({ subtransactions: true })',
  }),
  orm({
    code: 'L403',
    title: 'Cascade along a backref',
    status: 'removed',
    message: 'an object became part of the session because it was attached to a session object through a backref',
    replacement: 'session.add(obj) explicitly (before or after attaching it)',
    codemod: null,
    manualReason: 'the objects relying on the cascade are only known at run time; the warning names the call site',
    guide: 'L403-backref-cascade',
    spelling: 'address.user = user; // user in a 1.x Session, address new: address is added to that session (also user2.addresses.push(address) the other way)',
  }),
  orm({
    code: 'L404',
    title: 'Untyped declarative models',
    status: 'legacy',
    message: 'declarative models with Column(...) properties have untyped instance values',
    replacement: 'typed models: mapped columns whose instance types and nullability are in the type',
    codemod: 'typed-models',
    manualReason: null,
    guide: 'L404-untyped-models',
    spelling: "class User extends Base { static __tablename__ = 'users'; static id = Column(Integer, { primaryKey: true }); static fullName = Column('name', String(50), { nullable: false }) } // Base = declarativeBase()",
  }),
  orm({
    code: 'L405',
    title: 'Classical mapper()',
    status: 'removed',
    message: 'mapper(Cls, table) maps a class outside any registry',
    replacement: 'Base.mapImperatively(Cls, table, { rel: many(() => Other) }) — the class declares its fields (declare id: number)',
    codemod: 'imperative-mapping',
    manualReason: null,
    guide: 'L405-classical-mapper',
    spelling: 'mapper(User, usersTable, { properties: { addresses: relationship(Address) } })',
  }),
  orm({
    code: 'L406',
    title: 'Old aliases relation() and eagerload()',
    status: 'removed',
    message: 'relation() and eagerload() are old names',
    replacement: 'many()/one() in the model (relationship() in a 1.x class), joinedLoad(User.c.addresses)',
    codemod: 'renamed-functions',
    manualReason: null,
    guide: 'L406-old-aliases',
    spelling: 'static addresses = relation(() => Address); eagerload(User.c.addresses)',
  }),
  orm({
    code: 'L407',
    title: "lazy: 'dynamic' collections",
    status: 'legacy',
    message: "lazy: 'dynamic' collections return a Query instead of loading",
    replacement: "addresses: writeOnly<Address>('Address'): add()/remove() queue changes; read with await session.scalars(user.addresses.select().where(…))",
    codemod: null,
    manualReason: 'callers of the dynamic collection use Query methods that become explicit statements',
    guide: 'L407-dynamic-collections',
    spelling: "static addresses = relationship(() => Address, { lazy: 'dynamic' }); await user.addresses.filter(…).all(); user.addresses.append(address)",
  }),
  orm({
    code: 'L408',
    title: 'Implicit backref',
    status: 'legacy',
    message: "backref: 'name' creates the reverse relationship on the other class implicitly, invisible to its type",
    replacement: "declare both sides: addresses: many<Address>('Address', { backPopulates: 'user' }) and user: one<User>('User', { backPopulates: 'addresses' })",
    codemod: 'back-populates',
    manualReason: null,
    guide: 'L408-backref',
    spelling: "static addresses = relationship(() => Address, { backref: 'user' })",
  }),
  orm({
    code: 'L409',
    title: 'Mapper and bind arguments to session.execute()',
    status: 'removed',
    message: 'session.execute(stmt, params, { mapper, bind }) chooses the bind with loose keyword arguments',
    replacement: 'session.execute(stmt, params) — a session runs on its one engine; for another engine use a Session or connection of that engine',
    codemod: 'bind-arguments',
    manualReason: null,
    guide: 'L409-execute-bind-arguments',
    spelling: 'await session.execute(stmt, params, { mapper: User })',
  }),
]);

/** Records by code. */
export const LEGACY_REGISTRY: ReadonlyMap<string, LegacyRecord> = new Map(LEGACY_RECORDS.map((r) => [r.code, r]));

/** The record of a code; throws for an unknown code (a bug in the shim). */
export function legacyRecord(code: string): LegacyRecord {
  const r = LEGACY_REGISTRY.get(code);
  if (!r) throw new Error(`unknown legacy code ${code}`);
  return r;
}

/** The guide file of a record, relative to the package root. */
export function guidePath(r: LegacyRecord): string {
  return `migration-guide/${r.guide}.md`;
}

/** The command that fixes a record's pattern, or the reason it needs a human. */
export function codemodCommand(r: LegacyRecord): string {
  return r.codemod ? `npx retort-codemod ${r.codemod} <paths…>` : `no codemod: ${r.manualReason}`;
}
