/**
 * Engine events: hooks before and after each statement, and on each new driver connection.
 * Listeners cost nothing when there are none.
 */
import type { Connection } from './connection';
import type { DriverConnection } from '../dialects/dialect';

export interface ExecuteEvent {
  readonly connection: Connection;
  /** The statement as given (a select(), text(), …), or the SQL string given to execDriverSql(). */
  readonly statement: unknown;
  /** SQL text sent to the driver. */
  readonly sql: string;
  /** Positional values sent to the driver. */
  readonly values: readonly unknown[];
}

export interface AfterExecuteEvent extends ExecuteEvent {
  readonly rowCount: number;
  readonly durationMs: number;
}

export interface EngineEventMap {
  beforeExecute: ExecuteEvent;
  afterExecute: AfterExecuteEvent;
  /** A new driver connection was opened (e.g. to run session settings). */
  connect: { readonly driver: DriverConnection };
}

type Listener<E> = (event: E) => void | Promise<void>;

export class EngineEvents {
  private readonly listeners: { [K in keyof EngineEventMap]?: Listener<EngineEventMap[K]>[] } = {};
  /** True when anything listens to statement events (the hot path checks this once). */
  hasExecuteListeners = false;

  /**
   * Adds a listener; returns a function that removes it.
   * @example engine.events.on('beforeExecute', (e) => console.log(e.sql))
   */
  on<K extends keyof EngineEventMap>(name: K, listener: Listener<EngineEventMap[K]>): () => void {
    if (typeof listener !== 'function') throw new TypeError(`events.on('${name}'): listener must be a function`);
    const list = (this.listeners[name] ??= []) as Listener<EngineEventMap[K]>[];
    list.push(listener);
    this.refresh();
    return () => {
      const i = list.indexOf(listener);
      if (i >= 0) list.splice(i, 1);
      this.refresh();
    };
  }
  private refresh(): void {
    this.hasExecuteListeners = !!(this.listeners.beforeExecute?.length || this.listeners.afterExecute?.length);
  }
  /** @internal */
  async emit<K extends keyof EngineEventMap>(name: K, event: EngineEventMap[K]): Promise<void> {
    const list = this.listeners[name] as Listener<EngineEventMap[K]>[] | undefined;
    if (!list) return;
    for (const l of [...list]) await l(event);
  }
}
