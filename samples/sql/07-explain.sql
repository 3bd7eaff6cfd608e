-- Runs offline on the sample database: ./pxsql -f samples/sql/07-explain.sql
-- EXPLAIN shows what a query fetches: the selection per variable, requests and cells.
-- Only the codes that pass the WHERE clause are requested (here 2 regions x 1 sex x 22 ages
-- x 3 years = 132 cells of the table's 5,940).
EXPLAIN PLAN FOR
SELECT REGION_label, AGE, "TIME", HNMGA
FROM "TAB001"
WHERE SEX = 'F' AND REGION IN ('NO', 'SE');
