// CO2 emissions (kt) by sector label in 2017, grouped by the label column.
import {rows} from "./pxweb.js";

const data = await rows(`SELECT "SECTOR_label" AS sector, SUM("Emission") AS co2_kt
  FROM statbank."TAB004" WHERE "GREENHOUSEGAS" = 'CO2' AND "TIME" = '2017' AND "SECTOR" NOT LIKE '0.%'
  GROUP BY "SECTOR_label" ORDER BY co2_kt DESC`);
process.stdout.write(JSON.stringify(data.map((d) => ({sector: d.sector, co2_kt: Number(d.co2_kt)}))));
