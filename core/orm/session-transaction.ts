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
      await this.session.flush();
      await this.savepoint.tx.commit();
    } else await this.session.commit();
  }
  async rollback(): Promise<void> {
    this.end();
    if (this.savepoint) {
      await this.savepoint.tx.rollback();
      this.session._rolledBackTo(this.savepoint.mark, this.savepoint.deleteMark);
      // Values written inside the savepoint are gone from the database: reload before reading.
      this.session.expireAll();
    } else await this.session.rollback();
  }
  private end(): void {
    if (!this.active) throw new InvalidRequestError('this session transaction has already ended');
    this.active = false;
  }
}
