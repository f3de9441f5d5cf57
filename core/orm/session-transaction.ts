/**
 * `SessionTransaction`: an explicit transaction or SAVEPOINT begun with `session.begin()` /
 * `session.beginNested()`; ending it keeps the session's objects consistent with the database.
 */
import { InvalidRequestError } from '../errors';
import type { Transaction } from '../engine/connection';
import type { Session } from './session';

/** An explicit transaction (or savepoint) of a session. */
export class SessionTransaction {
  private active = true;
  constructor(
    private readonly session: Session,
    private readonly savepoint?: { tx: Transaction; mark: number; deleteMark: number },
  ) {}
  get isActive(): boolean {
    return this.active;
  }
  async commit(): Promise<void> {
    this.end();
    if (this.savepoint) {
      // A failure here rolls this savepoint back (it is the session's innermost) and throws.
      await this.session.flush();
      this.session._savepointReleased(this);
      await this.savepoint.tx.commit();
    } else await this.session.commit();
  }
  async rollback(): Promise<void> {
    this.end();
    if (this.savepoint) await this._undo();
    else await this.session.rollback();
  }
  /** @internal rolls the savepoint back with the session's objects (also after a failed flush inside it). */
  async _undo(): Promise<void> {
    const sp = this.savepoint!;
    this.active = false;
    await sp.tx.rollback();
    this.session._rolledBackToSavepoint(this, sp.mark, sp.deleteMark);
  }
  /** @internal the enclosing transaction ended. */
  _ended(): void {
    this.active = false;
  }
  private end(): void {
    if (!this.active) throw new InvalidRequestError('this session transaction has already ended');
    this.active = false;
  }
}
