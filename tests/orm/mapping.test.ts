/** Mapping details on every database: imperative mapping, defaults and onUpdate, joined as a relationship default, self-referential comparisons, misuse. */
import {
  column,
  declarativeBase,
  foreignKey,
  integer,
  many,
  MappingError,
  MetaData,
  one,
  select,
  Session,
  string,
  Table,
} from 'retort';
import { forEachDialect, tableName } from '../support/matrix';
import { sessionPerTest } from '../support/orm-session';

const T = (n: string) => tableName('ormm', n);

function models() {
  const Base = declarativeBase();
  const md = Base.metadata;
  // An existing Core table, mapped onto a plain class.
  const labels = new Table(T('label'), md, {
    id: column(integer(), { primaryKey: true }),
    text: column(string(40), { nullable: false }),
    version: column(integer(), { nullable: false, default: 1, onUpdate: () => 2 }),
  });
  class Label {
    declare id: number;
    declare text: string;
    declare version: number;
    constructor(text?: string) {
      if (text !== undefined) this.text = text;
    }
    shout(): string {
      return this.text.toUpperCase();
    }
  }
  const LabelModel = Base.mapImperatively(Label, labels);
  class Dir extends Base.model(T('dir'), {
    id: column(integer(), { primaryKey: true }),
    name: column(string(30), { nullable: false }),
    parentId: column(integer(), { name: 'parent_id', references: foreignKey(`${T('dir')}.id`) }),
    parent: one<Dir>('Dir', { backPopulates: 'children', lazy: 'joined' }),
    children: many<Dir>('Dir', { backPopulates: 'parent' }),
  }) {}
  class Shadowed extends Base.model(T('shadowed'), {
    id: column(integer(), { primaryKey: true }),
    name: column(string(30)),
  }) {
    // A class field (not `declare`) hides the mapped accessor.
    override name!: string | null;
  }
  Base.register(Dir, Shadowed);
  return { Base, Label, LabelModel, Dir, Shadowed, md };
}

forEachDialect('orm mapping', (ctx) => {
  const { Base, Label, LabelModel, Dir, Shadowed } = models();
  let session: Session;
  sessionPerTest(ctx, Base.metadata, (s) => (session = s));

  it('imperative mapping of a plain class onto an existing Table; client default and onUpdate', async () => {
    const l = new Label('hello');
    session.add(l);
    await session.commit();
    expect(l.version).toBe(1);
    l.text = 'bye';
    await session.commit();
    expect(l.version).toBe(2);
    await session.close();
    const got = (await session.scalars(select(LabelModel).where(LabelModel.c.text.eq('bye')))).one();
    expect(got).toBeInstanceOf(Label);
    expect(got.shout()).toBe('BYE');
    expect(got.version).toBe(2);
  });

  it('joined loading as a relationship default; self-referential any/has take a function of the related columns', async () => {
    const root = new Dir({ name: 'root' });
    const etc = new Dir({ name: 'etc', parent: root });
    new Dir({ name: 'passwd', parent: etc });
    session.add(root);
    await session.commit();
    await session.close();
    const leaf = (await session.scalars(select(Dir).where(Dir.c.name.eq('passwd')))).one();
    expect(leaf.parent!.name).toBe('etc'); // joined in the same query by default (one level)
    const withKids = (await session.scalars(select(Dir.c.name).where(Dir.c.children.any((c) => c.name.eq('etc'))))).all();
    expect(withKids).toEqual(['root']);
    const underEtc = (await session.scalars(select(Dir.c.name).where(Dir.c.parent.has((p) => p.name.eq('etc'))))).all();
    expect(underEtc).toEqual(['passwd']);
    const noKids = (await session.scalars(select(Dir.c.name).where(Dir.c.children.any().not()).orderBy(Dir.c.name))).all();
    expect(noKids).toEqual(['passwd']);
    expect(() => Dir.c.children.any(Dir.c.name.eq('x'))).toThrow(/self-referential: pass the condition as a function/);
    expect(() => select(Dir).join(Dir.c.children)).toThrow(/join an alias of it: .*Dir\.c\.children\.of\(child\)/);
  });

  it('misuse is reported clearly', () => {
    expect(() => session.add(new Shadowed({ name: 'x' }))).toThrow(MappingError);
    expect(() => session.add(new Shadowed())).toThrow(/hidden by a class field/);
    const B = declarativeBase();
    expect(() => B.model(T('nopk'), { name: column(string(10)) })).toThrow(/no primary key/);
    expect(() => B.model(T('bad'), { id: column(integer(), { primaryKey: true }), x: 5 as never })).toThrow(/must be column\(…\), many\(…\) or one\(…\)/);
    expect(() => many<InstanceType<typeof Dir>>(5 as never)).toThrow(/target class name/);
    expect(() => many<InstanceType<typeof Dir>>('Dir', { lazy: 'eager' as never })).toThrow(/lazy must be/);
    expect(() => B.mapImperatively(Label, new Table(T('x'), new MetaData(), { id: column(integer(), { primaryKey: true }) }))).toThrow(/mapped already/);
  });
});
