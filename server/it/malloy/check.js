// Malloy (a semantic layer: a model of sources, dimensions and measures, compiled to SQL)
// against pxweb-server, for server/it/malloy.sh. The model's source is the statbank table with
// the columns and types Malloy reads from pxweb-server: the row description of
// `SELECT * FROM (...) _t LIMIT 0` and pg_type. (Malloy's table('statbank.TAB004') form reads
// information_schema.columns joined with information_schema.element_types, which
// pxweb-server does not have yet.) One measure is declared on
// it. The query's rows, through Malloy's API, are printed as JSON lines for malloy.sh to
// compare with the driver's. Argument: the server's port.
const { SingleConnectionRuntime } = require('@malloydata/malloy');
const { PostgresConnection } = require('@malloydata/db-postgres');

async function main() {
  const port = Number(process.argv[2]);
  const connection = new PostgresConnection('pxweb', () => ({}), async () => ({
    host: '127.0.0.1', port, username: 'pxweb', password: '', databaseName: 'statbank',
  }));
  const runtime = new SingleConnectionRuntime({ connection });
  const model = runtime.loadModel(`
    source: emissions is pxweb.sql("""SELECT * FROM statbank.\"TAB004\" """) extend {
      measure: total_kt is Emission.sum()
    }
  `);
  const source = (await model.getModel()).explores.find(e => e.name === 'emissions');
  const fields = source.allFields.map(f => f.name);
  console.error('model fields from the catalog: ' + fields.join(', '));
  const query = model.loadQuery(`
    run: emissions -> {
      where: GREENHOUSEGAS = 'CO2' and SECTOR ? '1.0' | '2.0' | '3.0'
      group_by: SECTOR_label, period is TIME_date.year
      aggregate: total_kt
      order_by: SECTOR_label, period
    }
  `);
  console.error('SQL Malloy sends: ' + (await query.getSQL()).replace(/\s+/g, ' '));
  const result = await query.run();
  for (const row of result.data.toObject()) {
    console.log(JSON.stringify([row.SECTOR_label, new Date(row.period).toISOString().slice(0, 10),
      Number(row.total_kt)]));
  }
  await connection.close();
}

main().catch(e => {
  console.error('malloy: ' + (e.stack || e.message || e));
  process.exit(1);
});
