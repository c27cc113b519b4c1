"""Writing a report file: the format chosen by name, and never a half-written file.

The bytes are made first and written to a temporary file beside the target, which is then
renamed over it: a failure (bad month, full disk) leaves the old file or no file at all.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path

from planner.evaluation.report.csv_table import render_csv
from planner.evaluation.report.model import MonthlyReport
from planner.evaluation.report.pdf import render_pdf
from planner.evaluation.report.xlsx import render_xlsx
from planner.i18n import LOCALES, t

WRITERS: dict[str, Callable[[MonthlyReport], bytes]] = {
    "pdf": render_pdf,
    "xlsx": render_xlsx,
    "csv": render_csv,
}
MIME = {
    "pdf": "application/pdf",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv",
}


class ReportError(ValueError):
    """A report asked for in a way that cannot be made (format, language), worded for people."""


def check_choice(fmt: str, lang: str, locale: str = "en") -> None:
    """Refuse an unknown format or language before anything is computed."""
    if fmt not in WRITERS:
        raise ReportError(t("report.bad_format", locale, format=fmt))
    if lang not in LOCALES:
        raise ReportError(t("report.bad_lang", locale, lang=lang))


def render(report: MonthlyReport, fmt: str) -> bytes:
    """The report in `fmt` (pdf, xlsx or csv)."""
    check_choice(fmt, report.lang)
    return WRITERS[fmt](report)


def file_name(report: MonthlyReport, fmt: str) -> str:
    """'laporan-2026-11.pdf' / 'report-2026-11.pdf'."""
    stem = "laporan" if report.lang == "id" else "report"
    return f"{stem}-{report.month}.{fmt}"


def write_atomically(data: bytes, out: Path) -> None:
    """Write `data` to `out` through a temporary file in the same folder, then rename."""
    out = Path(out)
    handle, temp = tempfile.mkstemp(prefix=f".{out.name}.", suffix=".part", dir=out.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temp, out)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
