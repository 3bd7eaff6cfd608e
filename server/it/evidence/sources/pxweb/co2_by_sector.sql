-- CO2 emissions (kt) by sector in the latest year
SELECT SECTOR_label AS sector, "Emission" AS co2_kt
FROM "TAB004"
WHERE GREENHOUSEGAS = 'CO2' AND "TIME" = '2017' AND SECTOR NOT LIKE '0.%'
