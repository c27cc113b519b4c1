"""The monthly report a head of library files: built once as plain values (`monthly`), worded
(`sentences`), then written as PDF, XLSX or CSV (`pdf`, `xlsx`, `csv_table`) by `files`."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlmodel import Session


def render_pdf(session: Session, month: str, lang: str = "id") -> bytes:
    """The month's report as PDF bytes in one call (bench/dashboard.py times this)."""
    from planner.evaluation.report.monthly import build_monthly
    from planner.evaluation.report.pdf import render_pdf as write_pdf

    return write_pdf(build_monthly(session, month, lang))
