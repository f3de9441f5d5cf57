/** Something else called `db` that takes a table name: not knex. */
export function db(table: string) {
  return { where: (k: string, v: unknown) => ({ first: async () => ({ table, [k]: v }) }) };
}
