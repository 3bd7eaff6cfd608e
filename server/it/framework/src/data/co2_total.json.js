// Sweden's CO2 emissions (kt) by year: national total excluding LULUCF and international transport.
import {rows} from "./pxweb.js";

const data = await rows(`SELECT "TIME_date" AS year, "Emission" AS co2_kt
  FROM statbank."TAB004" WHERE "SECTOR" = '0.1' AND "GREENHOUSEGAS" = 'CO2' ORDER BY "TIME_date"`);
process.stdout.write(JSON.stringify(data.map((d) => ({year: d.year, co2_kt: Number(d.co2_kt)}))));
