-- NEEDS THE INTERNET: Statistics Norway's live API (data.ssb.no).
-- Run: ./pxsql --url 'jdbc:pxweb:ssb;lang=en' -f samples/sql/ssb/03-status-symbols.sql
-- Cells without a number carry a status symbol: '..' not available, '.' not applicable,
-- ':' confidential. The measure is NULL there; the _status column says why.
SELECT Region, Tid, Personer1, Personer1_status
FROM "07459"
WHERE Region IN ('0301', '4601') AND Kjonn = '1' AND Alder = '067'
  AND Personer1_status IS NOT NULL;
