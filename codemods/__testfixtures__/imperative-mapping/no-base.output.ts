// No declarative base in the file: which base to map through is the application's choice.
import { column, integer, mapper, MetaData, Table } from 'retort/legacy';

const tags = new Table('tags', new MetaData(), { id: column(integer(), { primaryKey: true }) });
class Tag {
  declare id: number;
}

export const mapped = mapper(Tag, tags);
