# Run by Psycopg2ClientTest: psycopg2 (Debian python3-psycopg2) against pxweb-server.
import psycopg2, sys
conn = psycopg2.connect(host="127.0.0.1", port=int(sys.argv[1]), user="pxweb", dbname="statbank")
cur = conn.cursor()
cur.execute('SELECT region, "TIME", hnmga, "TIME_date" FROM "TAB001" WHERE region = %s AND sex = %s AND age = %s ORDER BY 2', ("AT", "F", "TOTAL"))
for row in cur.fetchall():
    print(repr(row))
cur.execute("SELECT table_name FROM information_schema.tables WHERE table_schema = %s ORDER BY 1", ("environment",))
print([r[0] for r in cur.fetchall()])
cur.execute("SELECT column_name, data_type FROM information_schema.columns WHERE table_schema = 'environment' AND table_name = 'TAB004' ORDER BY ordinal_position")
print(cur.fetchall())
conn.rollback()
conn.close()
