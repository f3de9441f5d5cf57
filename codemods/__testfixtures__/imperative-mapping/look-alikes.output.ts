// Look-alikes: another library's mapper() stays as it is.
import { declarativeBase } from 'retort';

export const Base = declarativeBase();

function mapper<T>(cls: new () => T, table: string) {
  return { cls, table };
}
class Row {}

export const mapped = mapper(Row, 'rows');
