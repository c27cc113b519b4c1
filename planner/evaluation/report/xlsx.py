"""The monthly report as a workbook: one sheet per table, headers in the report language.

Cells keep the raw numbers (a gap stays empty, never 0), so a manager can add up or chart
them; the last sheet holds each section's sentence.
"""

from __future__ import annotations

import io

from openpyxl import Workbook
from openpyxl.styles import Font

from planner.evaluation.report.model import MonthlyReport
from planner.evaluation.report.tables import report_tables
from planner.i18n import t


def render_xlsx(report: MonthlyReport) -> bytes:
    """The workbook as bytes."""
    lang = report.lang
    book = Workbook()
    book.remove(book.active)
    for table in report_tables(report):
        sheet = book.create_sheet(t(f"report.sheet.{table.key}", lang))
        sheet.append(list(table.headers))
        for row in table.rows:
            sheet.append(list(row))
        _finish(sheet, [len(h) for h in table.headers])
    sheet = book.create_sheet(t("report.sheet.sentences", lang))
    sheet.append([t("report.col.section", lang), t("report.col.sentence", lang)])
    for table in report_tables(report):
        sheet.append([table.title, report.sentences.get(table.key, "")])
    _finish(sheet, [40, 90])
    book.properties.title = f"{t('report.title', lang)} {report.month}"
    book.properties.creator = report.library_name
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _finish(sheet, widths: list[int]) -> None:  # an openpyxl Worksheet
    """Bold headers that stay in view, columns wide enough to read them."""
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "A2"
    for index, width in enumerate(widths):
        sheet.column_dimensions[chr(ord("A") + index)].width = max(12, width + 2)
