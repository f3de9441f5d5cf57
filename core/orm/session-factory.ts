/** `sessionFactory()`: sessions made with one engine and one set of options. */
import type { Engine } from '../engine/engine';
import { Session, SessionOptions } from './session';

/**
 * A session factory bound to an engine and options.
 * @example
 * const Session = sessionFactory(engine, { expireOnCommit: false });
 * const session = Session();
 * await Session.begin(async (session) => { session.add(user); }); // commits, closes
 */
export function sessionFactory(engine: Engine, options: SessionOptions = {}): {
  (): Session;
  begin<T>(fn: (session: Session) => Promise<T>): Promise<T>;
} {
  const make = () => new Session(engine, options);
  return Object.assign(make, {
    async begin<T>(fn: (session: Session) => Promise<T>): Promise<T> {
      const s = make();
      try {
        return await s.begin(fn);
      } finally {
        await s.close();
      }
    },
  });
}
