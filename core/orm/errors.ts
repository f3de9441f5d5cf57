/**
 * Errors of the ORM layer, all in the one `RetortError` hierarchy. Attribute errors exist
 * because attribute access is synchronous: what is not loaded throws, never reads as
 * `undefined`.
 */
import { InvalidRequestError, RetortError } from '../errors';

/** A model or relationship is declared or configured wrongly (unknown target, no foreign key…). */
export class MappingError extends RetortError {
  override readonly code = 'RT-ORM-MAPPING';
}

/** An attribute was read that is not loaded; load it with `await session.load(obj, key)` or a loader option. */
export class UnloadedAttributeError extends InvalidRequestError {}

/** An attribute was read after `expire()`, a rollback, or a commit with `expireOnCommit: true`; `await session.refresh(obj)`. */
export class ExpiredAttributeError extends UnloadedAttributeError {}

/** An unloaded attribute was read on an object that has no session to load it from. */
export class DetachedInstanceError extends UnloadedAttributeError {}

/** A flush could not run (a required value missing, a row changed or vanished underneath). */
export class FlushError extends InvalidRequestError {}

/** An UPDATE or DELETE of the flush matched a different number of rows than expected. */
export class StaleDataError extends FlushError {}
