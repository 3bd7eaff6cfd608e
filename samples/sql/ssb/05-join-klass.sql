-- NEEDS THE INTERNET: Statistics Norway's live API (data.ssb.no).
-- Run: ./pxsql --url 'jdbc:pxweb:ssb;lang=en' -f samples/sql/ssb/05-join-klass.sql
-- Municipalities named as they were named in each year (SSB; Klass classification 131).
SELECT t.Region, k.name, t.Tid, t.Personer1
FROM statbank."07459" t
JOIN klass."131" k
  ON k.code = t.Region
 AND t.Tid_date >= k.valid_from AND (k.valid_to IS NULL OR t.Tid_date < k.valid_to)
WHERE t.Kjonn = '2' AND t.Alder = '030' AND t.Region IN ('1826', '0101', '3001')
ORDER BY t.Region, t.Tid;
