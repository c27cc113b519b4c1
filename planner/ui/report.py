"""Laporan bulanan (Monthly report): choose a month, a language and a format, make the file
and download it — the same report `planner report` writes.

Making a PDF takes a moment (charts are drawn), so the file is made on a button press and
kept for the download button, not remade on every rerun.
"""

from __future__ import annotations

from datetime import UTC, datetime

import streamlit as st

from planner.config import get_settings
from planner.db import session_scope
from planner.evaluation.period import months_back, this_month
from planner.evaluation.report.files import MIME, WRITERS, file_name, render
from planner.evaluation.report.monthly import build_monthly
from planner.i18n import LOCALES
from planner.people.roles import PermissionDenied
from planner.ui.pages import offered
from planner.ui.runtime import LANGUAGE_NAMES, error_text, locale, tr
from planner.ui.session import current_actor
from planner.ui.widgets.indicators import month_label

PAGE = "planner/ui/report.py"
MADE = "report_file"  # session key: (month, lang, format, file name, bytes)


def _size(data: bytes) -> str:
    return f"{len(data) / 1024:,.0f} KB".replace(",", "." if locale() == "id" else ",")


def _choices() -> tuple[str, str, str]:
    current = this_month(datetime.now(UTC), get_settings().timezone).month
    months = list(reversed(months_back(current, 24)))
    # Last month first: the report is filed once a month is over.
    month = st.selectbox(
        tr("report.month"), months, index=1, format_func=month_label, key="report_month"
    )
    left, right = st.columns(2)
    lang = left.radio(
        tr("report.language"),
        LOCALES,
        index=LOCALES.index(locale()),
        format_func=LANGUAGE_NAMES.get,
        key="report_lang",
    )
    fmt = right.radio(
        tr("report.format"),
        list(WRITERS),
        format_func=lambda f: tr(f"report.format.{f}"),
        key="report_format",
    )
    return month, lang, fmt


def page() -> None:
    st.header(tr("report.header"))
    if not offered(PAGE):
        st.info(tr("app.not_for_role"))
        return
    st.caption(tr("report.intro"))
    month, lang, fmt = _choices()
    if st.button(tr("report.make"), type="primary", key="report_make"):
        try:
            with session_scope() as session:
                built = build_monthly(session, month, lang, actor=current_actor())
            data = render(built, fmt)
        except (PermissionDenied, ValueError) as exc:
            st.error(error_text(exc))
            return
        st.session_state[MADE] = (month, lang, fmt, file_name(built, fmt), data)
    made = st.session_state.get(MADE)
    if made is None or made[:3] != (month, lang, fmt):
        return  # nothing made yet for these choices
    _, _, fmt, name, data = made
    st.success(tr("report.ready", month=month_label(month), size=_size(data)))
    st.download_button(
        tr("report.download", name=name),
        data=data,
        file_name=name,
        mime=MIME[fmt],
        key="report_download",
        type="primary",
    )


page()
