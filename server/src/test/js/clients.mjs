// Node client libraries against pxweb-server (run by NodeClientsTest: node clients.mjs PORT).
// Prints one "name<TAB>value" line per observation; the Java test compares them with the
// driver's own answers. node-postgres with Kysely's introspection (the queries Kysely sends),
// prepared queries with $n through node-postgres and postgres.js.
import pg from 'pg';
import postgres from 'postgres';
import { Kysely, PostgresDialect } from 'kysely';

const port = Number(process.argv[2]);
const conn = { host: '127.0.0.1', port, user: 'pxweb', database: 'statbank' };
const show = (name, value) => console.log(`${name}\t${JSON.stringify(value)}`);
const query = 'SELECT "REGION", "TIME", "HNMGA" FROM population."TAB001" '
    + 'WHERE "SEX" = $1 AND "AGE" = $2 ORDER BY "REGION", "TIME" LIMIT 4';

const client = new pg.Client(conn);
await client.connect();
// A named statement: parsed once, executed with two sets of values.
for (const sex of ['F', 'M']) {
  const r = await client.query({ name: 'by_sex', text: query, values: [sex, 'TOTAL'] });
  show(`pg.prepared.${sex}`, r.rows.map((row) => [row.REGION, row.TIME, row.HNMGA]));
}
const types = await client.query(
    'SELECT string_to_array($1, \',\') AS parts, parse_ident(\'population."TAB001"\') AS name',
    ['a,b']);
show('pg.arrays', [types.rows[0].parts, types.rows[0].name]);
await client.end();

const db = new Kysely({ dialect: new PostgresDialect({ pool: new pg.Pool(conn) }) });
const schemas = await db.introspection.getSchemas();
show('kysely.schemas', schemas.map((s) => s.name).sort());
const tables = await db.introspection.getTables();
const table = tables.find((t) => t.schema === 'population' && t.name === 'TAB001');
show('kysely.TAB001', table.columns.map((c) => `${c.name}:${c.dataType}:${c.isNullable}`));
await db.destroy();

const sql = postgres({ ...conn, max: 1, onnotice: () => {} });
const rows = await sql`SELECT "REGION", "TIME", "HNMGA" FROM population."TAB001"
    WHERE "SEX" = ${'F'} AND "AGE" = ${'TOTAL'} ORDER BY "REGION", "TIME" LIMIT 4`;
show('postgres.prepared.F', rows.map((row) => [row.REGION, row.TIME, row.HNMGA]));
const key = await sql`SELECT a.attname FROM pg_index i
    JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey)
    WHERE i.indrelid = ${'population."TAB001"'}::regclass AND i.indisprimary ORDER BY a.attnum`;
show('postgres.key', key.map((row) => row.attname));
await sql.end();
