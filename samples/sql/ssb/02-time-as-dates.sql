-- NEEDS THE INTERNET: Statistics Norway's live API (data.ssb.no).
-- Run: ./pxsql --url 'jdbc:pxweb:ssb;lang=en' -f samples/sql/ssb/02-time-as-dates.sql
-- Every time variable has a _date column: the first day of the period (2024K2 -> 2024-04-01).
-- Monthly consumer price index, latest 12 months (SSB table 03013).
SELECT Tid, Tid_date, KpiIndMnd
FROM "03013"
WHERE Konsumgrp = 'TOTAL'
ORDER BY Tid_date DESC
FETCH FIRST 12 ROWS ONLY;
