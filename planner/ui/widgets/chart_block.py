"""One chart as the dashboard shows every chart: a title, the Altair chart, its figures as a
table (for screen readers and for checking) and the same table as a CSV download."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import altair as alt
import pandas as pd
import streamlit as st

from planner.ui.access import described
from planner.ui.runtime import tr


def table(rows: Iterable[dict[str, Any]], columns: list[str]) -> pd.DataFrame:
    """The rows' `columns`, headed in the page language (dash.col.<name>)."""
    frame = pd.DataFrame(list(rows), columns=columns)
    return frame.rename(columns={c: tr(f"dash.col.{c}") for c in columns})


def chart_block(title: str, chart: alt.TopLevelMixin | None, frame: pd.DataFrame, key: str) -> None:
    """The titled chart, a table view in an expander and a CSV download of that table."""
    st.subheader(title)
    if chart is not None:
        st.altair_chart(described(chart.properties(title=title), title), width="stretch")
    with st.expander(tr("dash.table", title=title)):
        st.dataframe(frame, hide_index=True, width="stretch")
    st.download_button(
        tr("dash.download", title=title),
        data=frame.to_csv(index=False).encode("utf-8"),
        file_name=f"{key}.csv",
        mime="text/csv",
        key=f"dash_csv_{key}",
        disabled=frame.empty,
    )


def percent(rate: float | None) -> float | None:
    """A rate (0.05) as a percentage rounded for tables (5.0)."""
    return None if rate is None else round(rate * 100, 2)
