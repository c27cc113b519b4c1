"""Dashboard: engagement of published posts (simulated for Sandbox accounts)."""

from __future__ import annotations

import altair as alt
import pandas as pd
import streamlit as st

from planner.db import session_scope
from planner.i18n import format_number
from planner.metrics import latest_per_target, unreported
from planner.ui.pages import offered
from planner.ui.runtime import locale, tr

TABLE_COLUMNS = (
    "post_id",
    "title",
    "platform",
    "impressions",
    "likes",
    "comments",
    "shares",
    "engagement",
)


@st.fragment(run_every=10)
def page_body() -> None:
    with session_scope() as session:
        rows = latest_per_target(session)
    if not rows:
        st.info(tr("common.none"))
        return
    frame = pd.DataFrame(rows)
    if frame["simulated"].any():
        st.warning("🧪 " + tr("common.simulated"))
    if gaps := unreported(rows):
        details = "; ".join(
            f"{tr(f'platform.{p}')}: {', '.join(tr(f'metric.{f}') for f in figures)}"
            for p, figures in gaps.items()
        )
        st.caption(tr("dashboard.unreported", details=details))
    a, b, c = st.columns(3)
    a.metric(tr("dashboard.published"), format_number(frame["post_id"].nunique(), locale()))
    b.metric(tr("dashboard.impressions"), format_number(frame["impressions"].sum(), locale()))
    c.metric(tr("dashboard.engagement"), format_number(frame["engagement"].sum(), locale()))
    frame["platform"] = frame["platform"].map(lambda p: tr(f"platform.{p}"))
    per_post = frame.groupby(["post_id", "title", "platform"], as_index=False)["engagement"].sum()
    per_post["label"] = (
        "#" + per_post["post_id"].astype(str) + " " + per_post["title"].str.slice(0, 40)
    )
    chart = (
        alt.Chart(per_post)
        .mark_bar()
        .encode(
            x=alt.X("engagement:Q", title=tr("dashboard.engagement")),
            y=alt.Y("label:N", sort="-x", title=None),
            color=alt.Color("platform:N", title=tr("dashboard.platform")),
            tooltip=[
                alt.Tooltip("label:N", title=tr("dashboard.post")),
                alt.Tooltip("platform:N", title=tr("dashboard.platform")),
                alt.Tooltip("engagement:Q", title=tr("dashboard.engagement")),
            ],
        )
    )
    st.subheader(tr("dashboard.chart"))
    st.altair_chart(chart, width="stretch")
    st.dataframe(
        frame[list(TABLE_COLUMNS)],
        hide_index=True,
        width="stretch",
        column_config={
            "post_id": st.column_config.NumberColumn(tr("dashboard.post"), format="#%d"),
            "title": st.column_config.TextColumn(tr("dashboard.title")),
            "platform": st.column_config.TextColumn(tr("dashboard.platform")),
            **{
                # Counts follow the reader's browser locale: 1.535 in an Indonesian browser.
                name: st.column_config.NumberColumn(tr(f"dashboard.{name}"), format="localized")
                for name in TABLE_COLUMNS[3:]
            },
        },
    )


def page() -> None:
    st.header(tr("dashboard.header"))
    if not offered("planner/ui/dashboard.py"):
        st.info(tr("app.not_for_role"))
        return
    page_body()


page()
