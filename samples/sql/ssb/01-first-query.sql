-- NEEDS THE INTERNET: Statistics Norway's live API (data.ssb.no).
-- Run: ./pxsql --url 'jdbc:pxweb:ssb;lang=en' -f samples/sql/ssb/01-first-query.sql
-- Women aged 30 in Oslo, by year (Statistics Norway, table 07459).
SELECT Region_label, Tid, Personer1
FROM statbank."07459"
WHERE Region = '0301' AND Kjonn = '2' AND Alder = '030'
ORDER BY Tid;
