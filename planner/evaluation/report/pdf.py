"""The monthly report as a PDF a head of library can file: cover, summary, charts, tables and
the three indicators, each section opened by its sentence.

fpdf2 with the bundled Source Sans Pro (media/fonts), so Indonesian text, curly quotes and
dashes come out the same on every machine; charts are PNGs drawn offline (charts.py).
"""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

from fpdf import FPDF
from fpdf.enums import TableCellFillMode
from fpdf.fonts import FontFace

from planner.config import PROJECT_ROOT
from planner.evaluation.report.charts import chart_specs, to_png
from planner.evaluation.report.model import MonthlyReport
from planner.evaluation.report.sentences import day_name, format_decimal, month_name
from planner.evaluation.report.tables import Cell, Table, report_tables
from planner.i18n import format_number, t

FONTS = PROJECT_ROOT / "media" / "fonts"
INK = (33, 37, 41)  # on white: contrast 15:1
MUTED = (73, 80, 87)  # 7.9:1
HEADER_FILL = (226, 232, 240)
# Column widths (mm) where an even split would not fit: long titles, short figures.
_WIDTHS = {
    "training": (90, 40),
    "top_posts": (18, 20, 58, 30, 24, 20, 20),
    "measures": (26, 19, 20, 23, 20, 22, 20, 20, 20),
}


class _Document(FPDF):
    """An A4 page with the report's footer ('Halaman 2')."""

    def __init__(self, lang: str) -> None:
        super().__init__(format="A4")
        self.lang = lang
        self.add_font("S", "", str(FONTS / "SourceSansPro-Regular.ttf"))
        self.add_font("S", "B", str(FONTS / "SourceSansPro-Bold.ttf"))
        self.set_auto_page_break(auto=True, margin=18)
        self.set_text_color(*INK)

    def footer(self) -> None:
        if self.page_no() == 1:
            return
        self.set_y(-12)
        self.set_font("S", "", 9)
        self.set_text_color(*MUTED)
        self.cell(0, 6, t("report.page", self.lang, page=self.page_no()), align="C")
        self.set_text_color(*INK)


def render_pdf(report: MonthlyReport) -> bytes:
    """The whole report as PDF bytes."""
    pdf = _Document(report.lang)
    pdf.set_title(f"{t('report.title', report.lang)} – {month_name(report.month, report.lang)}")
    pdf.set_author(report.library_name)
    pdf.set_lang(report.lang)
    _cover(pdf, report)
    pdf.add_page()
    for table in report_tables(report):
        _heading(pdf, table.title)
        _sentence(pdf, report.sentences.get(table.key, ""))
        if table.key == "charts":
            _charts(pdf, report)
            continue
        if table.rows:
            _table(pdf, table, report.lang)
        pdf.ln(4)
    return bytes(pdf.output())


def _cover(pdf: _Document, report: MonthlyReport) -> None:
    lang = report.lang
    pdf.add_page()
    pdf.set_y(50)
    if report.logo_path and Path(report.logo_path).is_file():
        pdf.image(report.logo_path, x=(pdf.w - 40) / 2, w=40, alt_text=report.library_name)
        pdf.ln(8)
    pdf.set_font("S", "B", 24)
    _para(pdf, 12, report.library_name, align="C")
    pdf.ln(6)
    pdf.set_font("S", "", 18)
    _para(pdf, 10, t("report.title", lang), align="C")
    pdf.set_font("S", "B", 18)
    _para(pdf, 10, t("report.month_of", lang, month=month_name(report.month, lang)), align="C")
    pdf.ln(10)
    pdf.set_font("S", "", 11)
    pdf.set_text_color(*MUTED)
    _para(pdf, 6, t("report.made_on", lang, when=day_name(report.made_on, lang)), align="C")
    if report.simulated:
        pdf.ln(4)
        _para(pdf, 6, t("report.simulated", lang), align="C")
    pdf.set_text_color(*INK)


def _para(pdf: _Document, height: float, text: str, align: str = "L") -> None:
    """A paragraph across the page; the next one starts at the left margin below it."""
    pdf.multi_cell(0, height, text, align=align, new_x="LMARGIN", new_y="NEXT")


def _heading(pdf: _Document, title: str) -> None:
    if pdf.get_y() > pdf.h - 60:  # a heading never sits alone at the foot of a page
        pdf.add_page()
    pdf.set_font("S", "B", 14)
    _para(pdf, 8, title)
    pdf.ln(1)


def _sentence(pdf: _Document, text: str) -> None:
    pdf.set_font("S", "", 11)
    _para(pdf, 6, text)
    pdf.ln(2)


def _charts(pdf: _Document, report: MonthlyReport) -> None:
    if not report.daily:
        return
    for title, spec in chart_specs(report):
        png = to_png(spec, report.lang)
        width = pdf.epw
        if pdf.get_y() + width * 0.45 > pdf.h - 20:
            pdf.add_page()
        pdf.image(io.BytesIO(png), w=width, alt_text=title, title=title)
        pdf.ln(3)


def _table(pdf: _Document, table: Table, lang: str) -> None:
    pdf.set_font("S", "", 9 if len(table.headers) > 5 else 10)
    widths = _WIDTHS.get(table.key)
    shown = [i for i in range(len(table.headers)) if i not in table.screen_only]
    with pdf.table(
        col_widths=widths,
        width=sum(widths) if widths else None,
        align="LEFT",
        headings_style=FontFace(emphasis="BOLD", fill_color=HEADER_FILL),
        cell_fill_color=(247, 249, 251),
        cell_fill_mode=TableCellFillMode.ROWS,
        line_height=5.5,
        text_align=tuple("LEFT" if i == 0 or _is_text(table, i) else "RIGHT" for i in shown),
    ) as grid:
        grid.row([table.headers[i] for i in shown])
        for row in table.rows:
            grid.row([_show(row[i], i in table.percent_columns, lang) for i in shown])


def _is_text(table: Table, column: int) -> bool:
    return any(isinstance(row[column], str | date) for row in table.rows)


def _show(cell: Cell, percent: bool, lang: str) -> str:
    """A cell as the reader sees it: separators of the language, gaps and signs spelled out."""
    if percent:
        if cell is None:
            return t("report.no_change", lang)
        sign = "+" if float(cell) > 0 else ("−" if float(cell) < 0 else "")  # type: ignore[arg-type]
        return sign + format_decimal(abs(float(cell)), lang)  # type: ignore[arg-type]
    if cell is None:
        return t("report.gap", lang)
    if isinstance(cell, bool | str):
        return str(cell)
    if isinstance(cell, date):
        return cell.strftime("%d/%m/%Y") if lang == "id" else cell.isoformat()
    if isinstance(cell, int):
        return format_number(cell, lang)
    return format_decimal(cell, lang)
