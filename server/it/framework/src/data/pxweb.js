// Runs one query on pxweb-server (the port in PXWEB_SERVER_PORT) with node-postgres; the
// report's data loaders print its rows as JSON.
import pg from "pg";

// Dates as PostgreSQL's text (1990-01-01), not as a JavaScript Date at local midnight.
pg.types.setTypeParser(1082, (text) => text);

export async function rows(sql) {
  const client = new pg.Client({
    host: "127.0.0.1",
    port: Number(process.env.PXWEB_SERVER_PORT ?? 5433),
    database: "statbank",
    user: "pxweb"
  });
  await client.connect();
  try {
    return (await client.query(sql)).rows;
  } finally {
    await client.end();
  }
}
