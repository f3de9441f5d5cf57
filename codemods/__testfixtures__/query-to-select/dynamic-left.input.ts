// A Query of a dynamic collection stays when the session it runs on is not provably a variable
// at hand: a parent from a parameter or a closure, a session assigned again, closed or handed
// on before the query, a parent changed in between, or a relationship with an order of its own;
// and when it is reached through an optional chain (the rewrite would not keep the `?.`).
import { column, declarativeBase, dynamic, Engine, foreignKey, integer, one, Session, string } from 'retort/legacy';

const Base = declarativeBase();

export class Board extends Base.model('boards', {
  id: column(integer(), { primaryKey: true }),
  name: column(string(40), { nullable: false }),
  posts: dynamic<Post>('Post', { backPopulates: 'board' }),
  pinned: dynamic<Post>('Post', { orderBy: (p) => p.id }),
}) {}

export class Post extends Base.model('posts', {
  id: column(integer(), { primaryKey: true }),
  boardId: column(integer(), { name: 'board_id', nullable: false, references: foreignKey('boards.id') }),
  title: column(string(80), { nullable: false }),
  board: one<Board>('Board', { backPopulates: 'posts' }),
}) {}
Base.register(Board as never, Post as never);

declare function audit(session: Session): void;

export async function fromParameter(board: Board) {
  return board.posts.orderBy(Post.c.id).all();
}

export async function reassigned(engine: Engine) {
  let session = new Session(engine);
  const board = await session.query(Board).first();
  session = new Session(engine);
  return board ? board.posts.all() : [];
}

export async function closedBefore(session: Session) {
  const board = await session.query(Board).filterBy({ name: 'x' }).one();
  await session.close();
  return board.posts.all();
}

export async function handedOn(session: Session) {
  const board = await session.get(Board, 1);
  if (!board) return [];
  audit(session);
  return board.posts.all();
}

export async function changed(session: Session) {
  const board = await session.query(Board).one();
  board.id = 7;
  return board.posts.all();
}

export async function inClosure(session: Session) {
  const board = await session.query(Board).one();
  return () => board.posts.all();
}

export async function ownOrder(session: Session) {
  const board = await session.query(Board).one();
  return board.pinned.all();
}

export async function maybeParent(session: Session) {
  const board = await session.query(Board).first();
  return (await board?.posts.all()) ?? [];
}
