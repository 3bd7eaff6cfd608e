-- Runs offline on the sample database: ./pxsql -f samples/sql/08-join-two-tables.sql
-- Two tables joined on their shared codes: foreign citizens' share of the population.
SELECT p.REGION_label, p."TIME", p.HNMGA AS population, c.HNCTZ AS foreign_citizens,
       ROUND(100.0 * c.HNCTZ / p.HNMGA, 1) AS percent_foreign
FROM "TAB001" p
JOIN "TAB002" c
  ON c.REGION = p.REGION AND c.SEX = p.SEX AND c.AGE = p.AGE AND c."TIME" = p."TIME"
WHERE p.REGION IN ('NO', 'SE') AND p.SEX = 'T' AND p.AGE = 'TOTAL' AND p."TIME" = '2001'
  AND c.CITIZENSHIP = 'FOR'
ORDER BY p.REGION;
