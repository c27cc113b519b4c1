"""The monthly report as one CSV: every table laid out long, the section as a column.

Columns: section, item, figure, this month, month before, change (%), headers in the report
language. A table of changes (summary, service, feedback) gives one line per figure; a table
per platform, day or post gives one line per cell (item = the platform, the day and platform,
or the post's number). Each section also carries its sentence as a line whose figure is
"Kalimat"/"Sentence". Numbers are written plainly (1234, 12.5) so spreadsheets and scripts
read them in any locale; a gap is empty.
"""

from __future__ import annotations

import csv
import io
from datetime import date

from planner.evaluation.report.model import MonthlyReport
from planner.evaluation.report.tables import Cell, report_tables
from planner.i18n import t

HEADERS = ("col.section", "col.item", "col.figure", "col.this_month", "col.previous", "col.change")


def render_csv(report: MonthlyReport) -> bytes:
    """The CSV as UTF-8 bytes with a byte-order mark (Excel then reads Indonesian text right)."""
    lang = report.lang
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([t(f"report.{h}", lang) for h in HEADERS])
    for table in report_tables(report):
        section = t(f"report.sheet.{table.key}", lang)
        writer.writerow(
            [
                section,
                "",
                t("report.col.sentence", lang),
                report.sentences.get(table.key, ""),
                "",
                "",
            ]
        )
        for row in table.rows:
            if table.changes:
                label, current, previous, change = row
                writer.writerow([section, "", label, *map(_plain, (current, previous, change))])
                continue
            item = " · ".join(_plain(row[index]) for index in table.item_columns)
            for index, cell in enumerate(row):
                if index not in table.item_columns:
                    writer.writerow([section, item, table.headers[index], _plain(cell), "", ""])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def _plain(cell: Cell) -> str:
    if cell is None:
        return ""
    if isinstance(cell, date):
        return cell.isoformat()
    return str(cell)
