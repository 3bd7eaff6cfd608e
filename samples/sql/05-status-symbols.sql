-- Runs offline on the sample database: ./pxsql -f samples/sql/05-status-symbols.sql
-- Cells without a number carry a status symbol: '..' not available, '.' not applicable,
-- ':' confidential. The measure is NULL there; the _status column says why.
SELECT SECTOR, GREENHOUSEGAS, "TIME", "Emission", "Emission_status"
FROM "TAB004"
WHERE SECTOR = '1.0' AND "TIME" = '2017' AND "Emission_status" IS NOT NULL;
