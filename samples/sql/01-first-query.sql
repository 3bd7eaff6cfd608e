-- Runs offline on the sample database: ./pxsql -f samples/sql/01-first-query.sql
-- CO2 emissions of off-road vehicles and machinery, latest five years (table TAB004).
SELECT SECTOR_label, "TIME", "Emission"
FROM "TAB004"
WHERE GREENHOUSEGAS = 'CO2' AND SECTOR = '1.0'
ORDER BY "TIME" DESC
FETCH FIRST 5 ROWS ONLY;
