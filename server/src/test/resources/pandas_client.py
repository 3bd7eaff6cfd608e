# Run by Psycopg2ClientTest: pandas.read_sql (Debian python3-pandas) through SQLAlchemy and psycopg2.
import sys
import pandas as pd
import sqlalchemy as sa
engine = sa.create_engine("postgresql+psycopg2://pxweb@127.0.0.1:%s/statbank" % sys.argv[1])
df = pd.read_sql(sa.text(sys.argv[2]), engine)
print(",".join("%s:%s" % (c, t) for c, t in zip(df.columns, df.dtypes)))
print(df.to_csv(index=False, header=False, date_format="%Y-%m-%d", na_rep="NULL"), end="")
