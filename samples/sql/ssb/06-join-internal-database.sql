-- NEEDS THE INTERNET: Statistics Norway's live API (data.ssb.no).
-- Your own database joined to statbank figures; only your municipalities are fetched.
-- Run (the host must allow the attached URL, see docs/joins.md):
--   PXSQL_JAVA_OPTS=-Dpxweb.attach.allowedUrls=jdbc:postgresql://localhost/crm \
--   ./pxsql -f samples/sql/ssb/06-join-internal-database.sql --url \
--   'jdbc:pxweb:ssb;lang=en;attach.crm.url={jdbc:postgresql://localhost/crm};attach.crm.user=...;attach.crm.password=...
SELECT c.kommune, c.customers, p.Personer1,
       1000.0 * c.customers / p.Personer1 AS customers_per_1000
FROM crm.customers c
JOIN statbank."07459" p ON p.Region = c.kommune
WHERE p.Tid = '2024' AND p.Kjonn = '2' AND p.Alder = '030';
