/**
 * Retort tables of the fixture database, in the form `retort-codemod generate-tables` writes.
 */
import { column, foreignKey, integer, MetaData, string, Table } from 'retort';

export const metadata = new MetaData();

export const posts = new Table('posts', metadata, {
  id: column(integer(), { primaryKey: true }),
  userId: column(integer(), { name: 'user_id', nullable: false, references: foreignKey('users.id') }),
  title: column(string(200), { nullable: false }),
  views: column(integer(), { nullable: false }),
});

export const users = new Table('users', metadata, {
  id: column(integer(), { primaryKey: true }),
  name: column(string(50), { nullable: false }),
  age: column(integer()),
  teamName: column(string(50), { name: 'team_name' }),
});
