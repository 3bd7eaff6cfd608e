"""What the UNO checks share (base_check.py, ../calc/calc_chart.py): printing a check's
outcome, connecting to soffice, property values, and reading DriverRows.java's output."""
import sys
import time

import uno
from com.sun.star.beans import PropertyValue


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


def props(**values):
    out = []
    for name, value in values.items():
        p = PropertyValue()
        p.Name, p.Value = name, value
        out.append(p)
    return tuple(out)


def open_office(port):
    """The office at the UNO port: its component context, desktop and database context."""
    ctx = connect(port)
    smgr = ctx.ServiceManager
    return (ctx, smgr.createInstanceWithContext("com.sun.star.frame.Desktop", ctx),
            smgr.createInstanceWithContext("com.sun.star.sdb.DatabaseContext", ctx))


def register_source(dbctx, name, url, driver_class, class_path, odb_path):
    """A Base data source as "Connect to an existing database" makes it (for JDBC, the driver
    class and class path; none for sdbc: URLs), stored at odb_path and registered under name.
    Returns the document's URL."""
    ds = dbctx.createInstance()
    ds.URL = url
    if driver_class:
        ds.Settings.JavaDriverClass = driver_class
        ds.Settings.JavaDriverClassPath = class_path
    odb_url = uno.systemPathToFileUrl(odb_path)
    ds.DatabaseDocument.storeAsURL(odb_url, ())
    if dbctx.hasByName(name):
        dbctx.revokeObject(name)
    dbctx.registerObject(name, dbctx.getByName(odb_url))
    return odb_url


def finish(desktop, document):
    """Closes the document, ends soffice and prints PASS: every check before passed."""
    document.close(True)
    try:
        desktop.terminate()
    except Exception:  # the bridge goes away with soffice
        pass
    print("PASS")
