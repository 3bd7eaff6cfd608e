#!/usr/bin/python3
"""Compares a tool's rows with the driver's (for malloy.sh and cube.sh); prints the outcome.

Arguments: the tool's rows (JSON lines, one array a row), the driver's (DriverRows.java's
output: "#query" lines, then tab-separated values). Values are compared as numbers when both
are numbers (the tools answer numeric as a JSON number or as text), and a tool's timestamp at
midnight (1990-01-01T00:00:00.000, how Cube's driver reads a date) as its date.
"""
import json
import re
import sys
from decimal import Decimal, InvalidOperation

MIDNIGHT = re.compile(r"^(\d{4}-\d{2}-\d{2})T00:00:00(\.0+)?Z?$")


def value(v):
    if isinstance(v, str):
        m = MIDNIGHT.match(v)
        if m:
            return m.group(1)
    try:
        return Decimal(str(v))
    except InvalidOperation:
        return v


def main(tool_path, driver_path):
    tool = [[value(v) for v in json.loads(line)] for line in open(tool_path) if line.strip()]
    driver = [[value(v) for v in line.rstrip("\n").split("\t")] for line in open(driver_path)
              if line.strip() and not line.startswith("#")]
    if not driver or tool != driver:
        print("the tool has %d rows, the driver %d; first difference: %s" % (len(tool),
              len(driver), next(((t, d) for t, d in zip(tool, driver) if t != d), None)))
        return 1
    print("%d rows equal" % len(tool))
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:3]))
