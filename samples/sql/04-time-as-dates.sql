-- Runs offline on the sample database: ./pxsql -f samples/sql/04-time-as-dates.sql
-- Every time variable has a _date column: the first day of the period (2024K2 -> 2024-04-01),
-- so date arithmetic and date filters work on any period type.
SELECT "TIME", "TIME_date", "Emission"
FROM "TAB004"
WHERE GREENHOUSEGAS = 'CO2' AND SECTOR = '0.1'
  AND "TIME_date" >= DATE '2013-01-01'
ORDER BY "TIME_date";
