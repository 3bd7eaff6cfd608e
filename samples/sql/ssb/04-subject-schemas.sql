-- NEEDS THE INTERNET: Statistics Norway's live API (data.ssb.no).
-- Run: ./pxsql --url 'jdbc:pxweb:ssb;lang=en' -f samples/sql/ssb/04-subject-schemas.sql
-- Each top-level subject folder is a schema too: "be" is Population at SSB.
-- A table appears in statbank and in every subject it belongs to.
SELECT COUNT(*) AS persons_rows
FROM be."07459"
WHERE Region = '0301' AND Alder = '030';
