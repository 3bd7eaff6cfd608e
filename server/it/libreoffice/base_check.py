#!/usr/bin/python3
"""LibreOffice Base over the pxweb-jdbc jar, driven through UNO (run by libreoffice.sh).

Registers a Base data source whose JDBC driver is the jar, opens its document in Base, lists
schemas and tables, opens a table in Base's table view, runs a query with a WHERE through
Base's SQL parser, and compares both, row by row, with what the driver itself answers
(DriverRows.java's output). Writes a screenshot of the table view (the Xvfb screen).

Arguments: soffice's UNO port, the X display, the driver class, the JavaDriverClassPath
(space-separated file URLs), the JDBC URL, the .odb path, the expected rows file, the PNG path.
Prints one line per check; exits 1 on the first failure.
"""
import sys
import time

import uno
from com.sun.star.sdb.CommandType import COMMAND
from com.sun.star.sdb.CommandType import TABLE as TABLE_COMMAND
from com.sun.star.sdb.application.DatabaseObject import TABLE as TABLE_OBJECT
from uno_session import expected_results, fail, finish, ok, open_office, register_source

TABLE_NAME = "statbank.TAB004"
VIEW_ROWS = 25
# A table read in full through its table view: every row, compared with the driver's.
FULL_TABLE_NAME = "statbank.TAB2936"
WHERE_SQL = ('SELECT "SECTOR", "SECTOR_label", "TIME", "TIME_date", "Emission" '
             'FROM "statbank"."TAB004" '
             "WHERE \"GREENHOUSEGAS\" = 'CO2' AND \"SECTOR\" = '0.1' ORDER BY \"TIME\"")


def rows_of(rowset, limit=None):
    """The rows of a Base row set (the first `limit`), each column by getString (None for NULL)."""
    n = rowset.getMetaData().getColumnCount()
    rows = []
    if rowset.first():
        while limit is None or len(rows) < limit:
            row = []
            for i in range(1, n + 1):
                v = rowset.getString(i)
                row.append(None if rowset.wasNull() else v)
            rows.append(row)
            if not rowset.next():
                break
    return rows


def same_rows(what, actual, expected, ordered):
    if not ordered:
        def key(r):
            return [(v is None, v or "") for v in r]
        actual, expected = sorted(actual, key=key), sorted(expected, key=key)
    if len(actual) != len(expected):
        fail("%s: %d rows in Base, %d from the driver" % (what, len(actual), len(expected)))
    for i, (a, e) in enumerate(zip(actual, expected)):
        if a != e:
            fail("%s: row %d differs: Base %r, driver %r" % (what, i + 1, a, e))
    ok("%s: %d rows equal the driver's, row by row" % (what, len(actual)))


def main(port, display, driver_class, class_path, url, odb_path, expected_path, png_path):
    expected = expected_results(expected_path)
    ctx, desktop, dbctx = open_office(port)
    smgr = ctx.ServiceManager
    # The jar as the data source's JDBC driver, as Base's wizard registers it ("Connect to an
    # existing database: JDBC", driver class, class path).
    odb_url = register_source(dbctx, "pxweb", url, driver_class, class_path, odb_path)
    ok("data source registered: %s, driver %s" % (odb_path, driver_class))

    model = desktop.loadComponentFromURL(odb_url, "_blank", 0, ())
    controller = model.getCurrentController()
    controller.getFrame().getContainerWindow().setPosSize(0, 0, 1280, 800, 15)
    controller.connect()
    if not controller.isConnected():
        fail("Base could not connect")
    conn = controller.ActiveConnection
    md = conn.getMetaData()
    ok("connected: %s %s" % (md.getDriverName(), md.getDriverVersion()))

    schemas = []
    rs = md.getSchemas()
    while rs.next():
        schemas.append(rs.getString(1))
    if "statbank" not in schemas or "meta" not in schemas:
        fail("schemas: %s" % schemas)
    ok("schemas: %s" % ", ".join(schemas))

    tables = conn.getTables().getElementNames()
    if TABLE_NAME not in tables:
        fail("%s is not among the tables: %s" % (TABLE_NAME, tables[:20]))
    ok("tables: %d, among them %s" % (len(tables), TABLE_NAME))

    # Open the table in Base's table view (a double click on it), as a user does.
    view = controller.loadComponent(TABLE_OBJECT, TABLE_NAME, False)
    if view is None:
        fail("the table view did not open")
    view.getFrame().getContainerWindow().setPosSize(0, 0, 1280, 800, 15)
    # The view is a form controller; its form is the row set the grid shows.
    form = view.FormOperations.Cursor
    if form.Command != TABLE_NAME:
        fail("the table view shows %r" % form.Command)
    time.sleep(5)
    from PIL import ImageGrab
    ImageGrab.grab(xdisplay=display).save(png_path)
    ok("screenshot of the table view: %s" % png_path)
    # The rows the view shows first (each one over the UNO bridge is slow): in the driver's
    # order, which is the table's.
    same_rows("table view of " + TABLE_NAME + ", first %d rows" % VIEW_ROWS,
              rows_of(form, VIEW_ROWS), expected[0][:VIEW_ROWS], True)

    # A whole table through Base's row set on the table (CommandType TABLE: the row set the
    # table view is built on, keyset-driven: the keys with one statement, then each row with a
    # prepared statement on its key), every row compared. Not through a second table view's
    # cursor: LibreOffice deadlocks when a UNO client moves the cursor of a grid that is
    # painting (the grid's paint waits for the row set's mutex, which the bridge's call holds
    # while it waits for the solar mutex).
    started = time.time()
    table = smgr.createInstanceWithContext("com.sun.star.sdb.RowSet", ctx)
    table.ActiveConnection = conn
    table.CommandType = TABLE_COMMAND
    table.Command = FULL_TABLE_NAME
    table.execute()
    same_rows("%s opened as a table, every row" % FULL_TABLE_NAME, rows_of(table), expected[2], True)
    ok("%s read in %.1f s" % (FULL_TABLE_NAME, time.time() - started))

    # A query with a WHERE, through Base's SQL parser (escape processing on), as the query
    # designer's SQL view runs it.
    query = smgr.createInstanceWithContext("com.sun.star.sdb.RowSet", ctx)
    query.ActiveConnection = conn
    query.CommandType = COMMAND
    query.Command = WHERE_SQL
    query.EscapeProcessing = True
    query.execute()
    same_rows("query with WHERE", rows_of(query), expected[1], True)

    finish(desktop, model)


if __name__ == "__main__":
    main(*sys.argv[1:9])
