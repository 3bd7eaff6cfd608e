-- Runs offline on the sample database: ./pxsql -f samples/sql/03-read-variables.sql
-- A table's variables, then the values of one of them: codes go in WHERE, labels are for
-- people. Every variable V is a column V (code) and V_label; time also V_date.
SELECT position, variable_code, label, role, value_count
FROM meta.variables
WHERE table_id = 'TAB001'
ORDER BY position;

SELECT code, label
FROM meta."values"
WHERE table_id = 'TAB001' AND variable_code = 'SEX';
