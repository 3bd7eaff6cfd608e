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
from com.sun.star.beans import PropertyValue
from com.sun.star.sdb.CommandType import COMMAND
from com.sun.star.sdb.application.DatabaseObject import TABLE as TABLE_OBJECT

TABLE_NAME = "statbank.TAB004"
VIEW_ROWS = 25
WHERE_SQL = ('SELECT "SECTOR", "SECTOR_label", "TIME", "TIME_date", "Emission" '
             'FROM "statbank"."TAB004" '
             "WHERE \"GREENHOUSEGAS\" = 'CO2' AND \"SECTOR\" = '0.1' ORDER BY \"TIME\"")


def fail(message):
    print("FAIL " + message)
    sys.exit(1)


def ok(message):
    print("ok   " + message)


def connect(port):
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext(
        "com.sun.star.bridge.UnoUrlResolver", local)
    for _ in range(120):
        try:
            return resolver.resolve(
                "uno:socket,host=127.0.0.1,port=%s;urp;StarOffice.ComponentContext" % port)
        except Exception:  # soffice is still starting
            time.sleep(1)
    fail("soffice did not accept a UNO connection")


def expected_results(path):
    """The driver's rows per query: lists of strings, None for NULL."""
    results = []
    with open(path, encoding="utf-8") as f:
        for line in f.read().split("\n"):
            if line.startswith("#query "):
                results.append([])
            elif line and results is not None:
                results[-1].append([unescape(v) for v in line.split("\t")])
    return results


def unescape(value):
    if value == "\\N":
        return None
    out, i = [], 0
    while i < len(value):
        if value[i] == "\\" and i + 1 < len(value):
            out.append({"t": "\t", "n": "\n", "\\": "\\"}[value[i + 1]])
            i += 2
        else:
            out.append(value[i])
            i += 1
    return "".join(out)


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


def props(**values):
    out = []
    for name, value in values.items():
        p = PropertyValue()
        p.Name, p.Value = name, value
        out.append(p)
    return tuple(out)


def main(port, display, driver_class, class_path, url, odb_path, expected_path, png_path):
    expected = expected_results(expected_path)
    ctx = connect(port)
    smgr = ctx.ServiceManager
    desktop = smgr.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
    dbctx = smgr.createInstanceWithContext("com.sun.star.sdb.DatabaseContext", ctx)

    # Register the jar as the data source's JDBC driver, as Base's wizard does
    # ("Connect to an existing database: JDBC", driver class, class path).
    ds = dbctx.createInstance()
    ds.URL = url
    ds.Settings.JavaDriverClass = driver_class
    ds.Settings.JavaDriverClassPath = class_path
    odb_url = uno.systemPathToFileUrl(odb_path)
    ds.DatabaseDocument.storeAsURL(odb_url, ())
    if dbctx.hasByName("pxweb"):
        dbctx.revokeObject("pxweb")
    dbctx.registerObject("pxweb", dbctx.getByName(odb_url))
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

    # A query with a WHERE, through Base's SQL parser (escape processing on), as the query
    # designer's SQL view runs it.
    query = smgr.createInstanceWithContext("com.sun.star.sdb.RowSet", ctx)
    query.ActiveConnection = conn
    query.CommandType = COMMAND
    query.Command = WHERE_SQL
    query.EscapeProcessing = True
    query.execute()
    same_rows("query with WHERE", rows_of(query), expected[1], True)

    model.close(True)
    try:
        desktop.terminate()
    except Exception:  # the bridge goes away with soffice
        pass
    print("PASS")


if __name__ == "__main__":
    main(*sys.argv[1:9])
