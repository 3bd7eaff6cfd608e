#!/usr/bin/python3
"""Checks a report's screenshot and DOM: the charts were drawn, no error box.

Arguments: the report kind (evidence, framework, calc), the PNG, the DOM dump (HTML after the page's
scripts). The DOM must hold two charts (evidence: ECharts instances; framework: Observable
Plot's line and bar marks) and none of the tool's error boxes; the PNG must hold a chart's
coloured marks: at least 2,000 saturated, non-grey pixels (the page's text and frames are grey
or black).
"""
import colorsys
import sys

from PIL import Image


def main(kind, png, html):
    dom = open(html, encoding="utf-8", errors="replace").read()
    if kind == "calc":  # a screen, no DOM: calc_chart.py checked the charts' data
        charts, markers = 2, ()
    elif kind == "evidence":
        charts = dom.count("_echarts_instance_")
        markers = ("Query error", "Error in query", "error-message")
    else:
        charts = dom.count('<g aria-label="line"') + dom.count('<g aria-label="bar"')
        markers = ("observablehq--error", "RuntimeError")
    errors = [marker for marker in markers if marker in dom]
    image = Image.open(png).convert("RGB")
    small = image.resize((image.width // 2, image.height // 2))
    coloured = 0
    for r, g, b in small.getdata():
        _, s, v = colorsys.rgb_to_hsv(r / 255, g / 255, b / 255)
        if s > 0.35 and v > 0.25:
            coloured += 1
    coloured *= 4
    print("%s: %d charts in the page, %d coloured pixels, error boxes: %s"
          % (kind, charts, coloured, errors or "none"))
    return 0 if charts >= 2 and not errors and coloured >= 2000 else 1


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:4]))
