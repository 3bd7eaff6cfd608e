# Run by Psycopg2ClientTest: SQLAlchemy (Debian python3-sqlalchemy) reflection through psycopg2.
import sys
import sqlalchemy as sa
engine = sa.create_engine("postgresql+psycopg2://pxweb@127.0.0.1:%s/statbank" % sys.argv[1])
insp = sa.inspect(engine)
print(sorted(insp.get_schema_names()))
print(sorted(insp.get_table_names(schema="environment")))
print([(c["name"], str(c["type"])) for c in insp.get_columns("TAB004", schema="environment")])
print(insp.get_pk_constraint("TAB004", schema="environment"))
