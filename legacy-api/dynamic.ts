/**
 * L407: `relationship(() => Address, { lazy: 'dynamic' })`. The relationship is mapped as a
 * 2.0 write-only collection; the attribute is a 1.x "appender query": a legacy Query of the
 * related objects filtered to the parent (`filter()`, `orderBy()`, `all()`, `count()` …)
 * that also takes `append()`, `remove()` and `extend()`, which queue the change on the
 * write-only collection for the next flush.
 */
import { AnyModel, DetachedInstanceError, InvalidRequestError, objectSession, WriteOnlyCollection } from '../core/index';
import { LegacyQuery, QuerySession } from './query';

/** The 1.x dynamic collection: a legacy Query of the related objects, plus append/remove/extend. */
export type AppenderQuery<T> = LegacyQuery<T> & {
  /** Queues `item` to be related to the parent at the next flush. */
  append(item: T): void;
  /** Queues each of `items`, see {@link append}. */
  extend(items: Iterable<T>): void;
  /** Queues `item` to be unrelated from the parent at the next flush. */
  remove(item: T): void;
};

const ARRAY_KEYS = new Set(Object.getOwnPropertyNames(Array.prototype).filter((k) => k !== 'constructor' && k !== 'toString'));
const QUERY_KEYS = new Set(Object.getOwnPropertyNames(LegacyQuery.prototype).filter((k) => k !== 'constructor'));

/**
 * The appender query of `parent`'s dynamic relationship, over its write-only collection.
 * The query is built when a Query method is called: it needs the parent's row and session.
 */
export function appenderQuery<T>(parent: object, what: string, target: AnyModel, collection: WriteOnlyCollection<T>): AppenderQuery<T> {
  const own = {
    append: (item: T) => collection.add(item),
    extend: (items: Iterable<T>) => collection.addAll(items),
    remove: (item: T) => collection.remove(item),
  };
  const query = (): LegacyQuery<T> => {
    const session = objectSession(parent);
    if (!session) throw new DetachedInstanceError(`${what} is a dynamic collection: querying it needs its parent in a session`);
    // A 1.x Session is a QuerySession; a 2.0 one is used through the same three methods.
    const future = (session as { future?: unknown }).future;
    const qs: QuerySession =
      typeof future === 'boolean'
        ? (session as unknown as QuerySession)
        : { future: false, execute: (s) => session.execute(s), get: (m, pk) => session.get(m, pk), expunge: (o) => session.expunge(o) };
    let stmt;
    try {
      stmt = collection.select();
    } catch (e) {
      if (e instanceof InvalidRequestError) throw new InvalidRequestError(`${what}: the parent has no row yet; flush the session before querying its dynamic collection`);
      throw e;
    }
    return new LegacyQuery<T>(qs, stmt as never, target, target);
  };
  return new Proxy(own, {
    get(t, prop) {
      if (typeof prop === 'string' && prop in t) return t[prop as keyof typeof t];
      if (typeof prop === 'string' && QUERY_KEYS.has(prop)) {
        const q = query() as unknown as Record<string, unknown>;
        const v = q[prop];
        return typeof v === 'function' ? (v as Function).bind(q) : v;
      }
      // Read as an array it would be empty, silently: say what it is instead.
      if (prop === Symbol.iterator || prop === 'length' || (typeof prop === 'string' && (/^\d+$/.test(prop) || ARRAY_KEYS.has(prop)))) {
        throw new InvalidRequestError(`${what} is a dynamic collection, a Query of the related objects, not an array: read it with await obj.${what.split('.')[1]}.all() (or filter(), orderBy(), count() first)`);
      }
      return undefined;
    },
  }) as unknown as AppenderQuery<T>;
}
