#!/usr/bin/python3
"""LibreOffice Calc charts from a statbank, driven through UNO (run by calc.sh).

Registers a Base data source (the pxweb-jdbc jar as its JDBC driver, or LibreOffice's own
PostgreSQL connector, sdbc:postgresql:, pointing at pxweb-server); in a new spreadsheet,
imports two queries through it (Data > Import: a time series and a total by label) and draws
a line chart (dates on the x axis) and a bar chart (by label) over them, as Insert > Chart
does. Checks the charts' data, point by point, against the driver's rows, and writes a
screenshot of the window (the Xvfb screen).

Arguments: --sql alone prints the two queries, one a line; else soffice's UNO port, the X
display, the data source's URL, its JDBC driver class and class path (empty for sdbc:
URLs), the .odb path, the expected rows file (DriverRows.java's output for the two queries),
the PNG path.
Prints one line per check; exits 1 on the first failure.
"""
import datetime
import os
import sys
import time
from decimal import Decimal

import uno
from com.sun.star.awt import Rectangle
from com.sun.star.sheet.DataImportMode import SQL

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "libreoffice"))
from uno_session import (  # noqa: E402
    expected_results, fail, finish, ok, open_office, props, register_source)

# The same questions as the Framework report (framework/src/data/*.json.js).
LINE_SQL = ('SELECT "TIME_date" AS "Year", "Emission" AS "CO2 (kt)" FROM statbank."TAB004" '
            "WHERE \"SECTOR\" = '0.1' AND \"GREENHOUSEGAS\" = 'CO2' ORDER BY \"TIME_date\"")
BAR_SQL = ('SELECT "SECTOR_label" AS "Sector", SUM("Emission") AS "CO2 (kt)" '
           'FROM statbank."TAB004" '
           "WHERE \"GREENHOUSEGAS\" = 'CO2' AND \"TIME\" = '2017' AND \"SECTOR\" NOT LIKE '0.%' "
           'GROUP BY "SECTOR_label" ORDER BY 2 DESC')


def import_query(sheet, cell, source, sql):
    """Data > Import from a data source: the query's rows, with a header row, at the cell."""
    target = sheet.getCellRangeByName(cell)
    target.doImport(props(DatabaseName=source, SourceType=SQL, SourceObject=sql, IsNative=True))
    cursor = sheet.createCursorByRange(target)
    cursor.collapseToCurrentRegion()
    return cursor.getRangeAddress()


def add_chart(sheet, name, area, diagram, rect):
    """Insert > Chart over the area: first row the series' names, first column the categories."""
    charts = sheet.getCharts()
    if charts.hasByName(name):
        charts.removeByName(name)
    charts.addNewByName(name, rect, (area,), True, True)
    chart = charts.getByName(name).getEmbeddedObject()
    chart.setDiagram(chart.createInstance(diagram))
    chart.HasLegend = False
    chart.HasMainTitle = True
    return chart


def check_chart(what, chart, expected, date):
    """The chart's categories and values, point by point, against the driver's rows."""
    data = chart.getData()
    labels = data.getRowDescriptions()
    values = [row[0] for row in data.getData()]
    if len(values) != len(expected):
        fail("%s: %d points in the chart, %d rows from the driver" % (what, len(values),
             len(expected)))
    for i, ((label, value), (key, number)) in enumerate(zip(zip(labels, values), expected)):
        if date:
            # The chart's category is the date cell's value: Calc's day number (1899-12-30 is 0).
            day = datetime.date(1899, 12, 30) + datetime.timedelta(days=int(float(label)))
            same_label = day.isoformat() == key
        else:
            same_label = label == key
        if not same_label or Decimal(str(value)) != Decimal(number):
            fail("%s: point %d is %r = %r, the driver's row %r = %r" % (what, i + 1, label,
                 value, key, number))
    ok("%s: %d points equal the driver's rows" % (what, len(values)))


def main(port, display, url, driver_class, class_path, odb_path, expected_path, png_path):
    expected = expected_results(expected_path)
    ctx, desktop, dbctx = open_office(port)
    register_source(dbctx, "pxweb-calc", url, driver_class, class_path, odb_path)
    conn = dbctx.getByName("pxweb-calc").getConnection("pxweb", "")
    md = conn.getMetaData()
    ok("connected through %s to %s %s" % (url, md.getDatabaseProductName(),
                                          md.getDatabaseProductVersion()))
    conn.close()

    doc = desktop.loadComponentFromURL("private:factory/scalc", "_blank", 0, ())
    doc.getCurrentController().getFrame().getContainerWindow().setPosSize(0, 0, 1280, 800, 15)
    sheet = doc.getSheets().getByIndex(0)
    line_area = import_query(sheet, "A1", "pxweb-calc", LINE_SQL)
    bar_area = import_query(sheet, "D1", "pxweb-calc", BAR_SQL)
    ok("imported %d and %d rows" % (line_area.EndRow, bar_area.EndRow))

    line = add_chart(sheet, "co2_total", line_area, "com.sun.star.chart.LineDiagram",
                     Rectangle(9000, 300, 15500, 7200))
    line.getTitle().String = "CO2 emissions, national total (kt)"
    bar = add_chart(sheet, "co2_by_sector", bar_area, "com.sun.star.chart.BarDiagram",
                    Rectangle(9000, 7800, 15500, 7800))
    bar.getTitle().String = "CO2 by sector, 2017 (kt)"
    bar.getDiagram().Vertical = True  # horizontal bars, the labels readable
    check_chart("line chart", line, expected[0], True)
    check_chart("bar chart", bar, expected[1], False)

    time.sleep(5)
    from PIL import ImageGrab
    ImageGrab.grab(xdisplay=display).save(png_path)
    ok("screenshot: %s" % png_path)
    finish(desktop, doc)


if __name__ == "__main__":
    if sys.argv[1:] == ["--sql"]:  # the queries, one a line, for the driver's own rows
        print(LINE_SQL + "\n" + BAR_SQL)
    else:
        main(*sys.argv[1:9])
