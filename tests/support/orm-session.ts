/**
 * The usual life of an ORM suite on one database leg: the models' tables made afresh before
 * its tests, a new Session for each test (closed after it), the tables dropped at the end.
 * @example
 * let session: Session;
 * sessionPerTest(ctx, Base.metadata, (s) => (session = s));
 */
import { Session, type Engine, type MetaData } from 'retort';

export function sessionPerTest(ctx: { readonly engine: Engine }, metadata: MetaData, use: (session: Session) => void): void {
  let current: Session | undefined;
  beforeAll(async () => {
    await metadata.dropAll(ctx.engine);
    await metadata.createAll(ctx.engine);
  });
  beforeEach(() => {
    current = new Session(ctx.engine);
    use(current);
  });
  afterEach(async () => {
    await current?.close();
  });
  afterAll(async () => {
    await metadata.dropAll(ctx.engine);
  });
}
