/**
 * Identifier quoting: names are quoted when they are reserved words, mixed case, or
 * contain anything but lowercase letters, digits, `_` and `$`.
 */

/**
 * Words reserved in at least one of SQLite, PostgreSQL, MySQL 8 and MariaDB (quoting them is
 * always safe). The MariaDB part was checked against its `information_schema.KEYWORDS`, each
 * word tried as a column name.
 */
export const RESERVED_WORDS: ReadonlySet<string> = new Set(
  `
all analyse analyze and any array as asc asymmetric authorization between binary both case cast check collate
collation column concurrently constraint create cross current_catalog current_date current_role current_schema
current_time current_timestamp current_user default deferrable desc distinct do else end except false fetch for
foreign freeze from full grant group having ilike in initially inner intersect into is isnull join lateral leading
left like limit localtime localtimestamp natural not notnull null offset on only or order outer overlaps placing
primary references returning right select session_user similar some symmetric table tablesample then to trailing
true union unique user using variadic verbose when where window with
accessible add alter before bigint blob by call cascade change char character condition continue convert cursor
database databases dec decimal declare delayed delete describe deterministic div double drop dual each elseif
enclosed escaped exists exit explain float float4 float8 force fulltext generated get groups high_priority hour_minute
if ignore index infile inout insensitive insert int int1 int2 int3 int4 int8 integer interval iterate key keys kill
leave limit linear lines load lock long longblob longtext loop low_priority master_bind match maxvalue mediumblob
mediumint mediumtext middleint minute_second mod modifies no_write_to_binlog numeric optimize option optionally out
outfile over partition precision procedure purge range rank read reads real recursive regexp release rename repeat
replace require resignal restrict return revoke rlike row rows schema schemas second_microsecond sensitive separator
set show signal smallint spatial specific sql sqlexception sqlstate sqlwarning ssl starting stored straight_join
terminated tinyblob tinyint tinytext trigger undo unlock unsigned update usage use utc_date utc_time utc_timestamp
values varbinary varchar varcharacter varying virtual while write xor year_month zerofill
abort action after attach autoincrement begin commit conflict database deferred detach each exclusive fail glob
immediate indexed instead isnull key nothing notnull of offset plan pragma query raise regexp reindex rollback
savepoint temp temporary transaction trigger vacuum view virtual without
asensitive day_hour day_microsecond day_minute day_second delete_domain_id distinctrow do_domain_ids hour_microsecond
hour_second ignore_domain_ids master_demote_to_replica master_demote_to_slave master_ssl_verify_server_cert
minute_microsecond page_checksum parse_vcol_expr portion read_write ref_system_id row_number sql_big_result
sql_calc_found_rows sql_small_result stats_auto_recalc stats_persistent stats_sample_pages
cube cume_dist dense_rank empty first_value function grouping io_after_gtids io_before_gtids json_table lag last_value
lead manual nth_value ntile optimizer_costs parallel percent_rank qualify system
`
    .split(/\s+/)
    .filter(Boolean),
);

const PLAIN = /^[a-z_][a-z0-9_$]*$/;

/** True when a name must be quoted to mean itself. */
export function needsQuoting(name: string): boolean {
  return !PLAIN.test(name) || RESERVED_WORDS.has(name);
}

/** Quotes `name` with `q` (doubling any `q` inside) when it needs quoting. */
export function quoteIdentifier(name: string, q: string, force = false): string {
  if (!force && !needsQuoting(name)) return name;
  return q + name.split(q).join(q + q) + q;
}
