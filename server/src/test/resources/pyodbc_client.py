# Run by OdbcClientTest: psqlODBC (Debian odbc-postgresql) through pyodbc (python3-pyodbc), the
# path Excel and Power BI's ODBC connector take.
import sys
import pyodbc
conn = pyodbc.connect("DRIVER={PostgreSQL Unicode};SERVER=127.0.0.1;PORT=%s;DATABASE=statbank;"
                      "UID=pxweb;PWD=;SSLMODE=disable" % sys.argv[1], autocommit=True)
cur = conn.cursor()
print(sorted(t.table_name for t in cur.tables(schema="environment", tableType="TABLE")))
print([(c.column_name, c.type_name) for c in cur.columns(table="TAB004", schema="environment")])
cur.execute(sys.argv[2], sys.argv[3])
print([d[0] for d in cur.description])
for row in cur.fetchall():
    print("|".join("NULL" if v is None else str(v) for v in row))
