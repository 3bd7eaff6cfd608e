-- Runs offline on the sample database: ./pxsql -f samples/sql/06-subject-schemas.sql
-- Each top-level folder (subject) is a schema too; a table is in statbank and in its subject.
-- COUNT(*) over variables is answered from the table's metadata: no data is read.
SELECT COUNT(*) AS cells
FROM environment."TAB004"
WHERE GREENHOUSEGAS = 'CO2';
