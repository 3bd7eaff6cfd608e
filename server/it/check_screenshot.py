#!/usr/bin/python3
"""Checks a report's screenshot and DOM (for evidence.sh): the charts were drawn, no error box.

Arguments: the report kind (evidence), the PNG, the DOM dump (HTML after the page's scripts).
The DOM must hold at least two ECharts instances (the line and the bar chart) and none of
Evidence's query error boxes; the PNG must hold a chart's coloured marks: at least 2,000
saturated, non-grey pixels (the page's text and frames are grey or black).
"""
import colorsys
import sys

from PIL import Image


def main(kind, png, html):
    dom = open(html, encoding="utf-8", errors="replace").read()
    charts = dom.count("_echarts_instance_")
    errors = [marker for marker in ("Query error", "Error in query", "error-message")
              if marker in dom]
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
