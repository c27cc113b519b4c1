"""The report's charts as Vega-Lite specifications, drawn to PNG offline by vl-convert.

The specs are plain dictionaries (Altair stays in the pages, docs/architecture.md), and the
data is inline: nothing is fetched while drawing. Days are the month's day numbers, so the
axes read the same in both languages; counts use the report language's separators.
"""

from __future__ import annotations

from typing import Any

import vl_convert

from planner.config import PROJECT_ROOT
from planner.evaluation.report.model import MonthlyReport
from planner.evaluation.report.sentences import month_name
from planner.i18n import t

FONT = "Source Sans Pro"
_NUMBERS = {
    "id": {"decimal": ",", "thousands": ".", "grouping": [3], "currency": ["Rp", ""]},
    "en": {"decimal": ".", "thousands": ",", "grouping": [3], "currency": ["$", ""]},
}
_fonts_registered = False


def chart_specs(report: MonthlyReport) -> list[tuple[str, dict[str, Any]]]:
    """(title, Vega-Lite spec) of each chart: interactions and reach per day, per platform."""
    lang = report.lang
    day_axis = f"{t('report.col.day', lang)} ({month_name(report.month, lang)})"
    rows = [
        {
            "day": point.day.day,
            "platform": t(f"platform.{point.platform}", lang),
            "interactions": point.interactions,
            "reach": point.reach,
        }
        for point in report.daily
    ]
    charts = []
    for figure, mark in (("interactions", "bar"), ("reach", "line")):
        title = t(f"report.chart.{figure}", lang)
        charts.append((title, _spec(title, rows, figure, mark, day_axis, lang)))
    return charts


def _spec(
    title: str, rows: list[dict[str, Any]], figure: str, mark: str, day_axis: str, lang: str
) -> dict[str, Any]:
    return {
        "$schema": "https://vega.github.io/schema/vega-lite/v5.json",
        "title": title,
        "width": 520,
        "height": 180,
        "config": {"font": FONT, "legend": {"orient": "bottom"}},
        "data": {"values": [r for r in rows if r[figure] is not None]},
        "mark": {"type": mark, "point": True} if mark == "line" else {"type": mark},
        "encoding": {
            "x": {"field": "day", "type": "ordinal", "title": day_axis, "axis": {"labelAngle": 0}},
            "y": {
                "field": figure,
                "type": "quantitative",
                "aggregate": "sum",
                "title": t(f"report.fig.{figure}", lang),
                "axis": {"format": ",d"},
            },
            "color": {"field": "platform", "type": "nominal", "title": None},
        },
    }


def to_png(spec: dict[str, Any], lang: str) -> bytes:
    """The chart as a PNG at twice its size (sharp in print), drawn without the network."""
    global _fonts_registered
    if not _fonts_registered:
        vl_convert.register_font_directory(str(PROJECT_ROOT / "media" / "fonts"))
        _fonts_registered = True
    return vl_convert.vegalite_to_png(
        spec, scale=2, format_locale=_NUMBERS[lang], allowed_base_urls=[]
    )
