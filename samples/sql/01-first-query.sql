-- Women aged 30 in Oslo, by year (Statistics Norway, table 07459).
-- Connect with jdbc:pxweb:ssb;lang=en
SELECT Region_label, Tid, Personer1
FROM statbank."07459"
WHERE Region = '0301' AND Kjonn = '2' AND Alder = '030'
ORDER BY Tid;
