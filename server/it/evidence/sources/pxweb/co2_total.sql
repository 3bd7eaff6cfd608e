-- Sweden's CO2 emissions (kt), national total excluding LULUCF and international transport
SELECT "TIME_date" AS year, "Emission" AS co2_kt
FROM "TAB004"
WHERE SECTOR = '0.1' AND GREENHOUSEGAS = 'CO2'
