-- Runs offline on the sample database: ./pxsql -f samples/sql/02-find-a-table.sql
-- Find tables: schema meta lists every table; search = '...' searches titles (and, on a
-- PxWebApi server, the server's own index).
SELECT id, label
FROM meta.tables
WHERE search = 'population';
