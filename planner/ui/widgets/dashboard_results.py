"""The dashboard's result sections: figures over time, at the same age, by template and kind,
the top posts and the monthly measures. Each takes the query results and only draws them."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import altair as alt
import pandas as pd
import streamlit as st

from planner.ui.runtime import plain, tr
from planner.ui.widgets.chart_block import chart_block, percent, table

FIGURE_COLUMNS = ["posts", "targets", "reach", "impressions", "interactions", "clicks"]


def _platforms(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [r | {"platform": tr(f"platform.{r['platform']}")} for r in rows]


def _rated(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [r | {"engagement_rate": percent(r.get("engagement_rate"))} for r in rows]


def over_time(rows: list[dict[str, Any]]) -> None:
    """Interactions and reach per local day of publishing, one line per platform."""
    title = tr("dash.chart.over_time")
    shown = _rated(_platforms(rows))
    frame = table(shown, ["bucket", "platform", *FIGURE_COLUMNS, "engagement_rate"])
    long = pd.DataFrame(
        [
            {
                "day": str(r["bucket"]),
                "platform": r["platform"],
                "measure": tr(f"dash.kpi.{m}"),
                "value": r[m],
            }
            for r in shown
            for m in ("interactions", "reach")
            if r[m] is not None
        ]
    )
    chart = None
    if not long.empty:
        chart = (
            alt.Chart(long)
            .mark_line(point=True)
            .encode(
                x=alt.X("day:T", title=tr("dash.col.bucket")),
                y=alt.Y("value:Q", title=tr("dash.col.value")),
                color=alt.Color("platform:N", title=tr("dash.col.platform")),
                tooltip=["day:T", "platform:N", "measure:N", "value:Q"],
            )
            .properties(width=280, height=220)
            .facet(column=alt.Column("measure:N", title=None))
            .resolve_scale(y="independent")
        )
    chart_block(title, chart, frame, "over-time")


def by_age(rows: list[dict[str, Any]]) -> None:
    """Interactions per post at 1 h, 24 h, 7 d and 30 d, per platform."""
    title = tr("dash.chart.by_age")
    shown = _rated(_platforms(rows))
    frame = table(
        shown,
        ["age", "platform", "targets", "interactions", "interactions_per_target", "reach",
         "engagement_rate"],
    )  # fmt: skip
    chart = None
    if shown:
        chart = (
            alt.Chart(pd.DataFrame(shown))
            .mark_bar()
            .encode(
                x=alt.X(
                    "age:N",
                    sort=list(dict.fromkeys(r["age"] for r in shown)),
                    title=tr("dash.col.age"),
                ),
                xOffset="platform:N",
                y=alt.Y("interactions_per_target:Q", title=tr("dash.col.interactions_per_target")),
                color=alt.Color("platform:N", title=tr("dash.col.platform")),
                tooltip=["age:N", "platform:N", "targets:Q", "interactions_per_target:Q"],
            )
        )
    chart_block(title, chart, frame, "by-age")


def _bars(rows: list[dict[str, Any]], label: str, title: str, key: str) -> None:
    shown = _rated(rows)
    frame = table(shown, [label, *FIGURE_COLUMNS, "engagement_rate"])
    chart = None
    if shown:
        chart = (
            alt.Chart(pd.DataFrame(shown))
            .mark_bar()
            .encode(
                x=alt.X("interactions:Q", title=tr("dash.col.interactions")),
                y=alt.Y(f"{label}:N", sort="-x", title=tr(f"dash.col.{label}")),
                tooltip=[f"{label}:N", "posts:Q", "interactions:Q", "engagement_rate:Q"],
            )
        )
    chart_block(title, chart, frame, key)


def by_template(rows: list[dict[str, Any]]) -> None:
    """Interactions per template ('(no template)' for posts written without one)."""
    named = [r | {"template_id": r["template_id"] or tr("dash.no_template")} for r in rows]
    _bars(named, "template_id", tr("dash.chart.by_template"), "by-template")


def by_kind(rows: list[dict[str, Any]]) -> None:
    """Interactions per kind: event, collection, service."""
    named = [r | {"kind": tr(f"dash.kind.{r['kind']}")} for r in rows]
    _bars(named, "kind", tr("dash.chart.by_kind"), "by-kind")


def top_posts(rows: list[dict[str, Any]]) -> None:
    """The ten posts with the most interactions, with their image and a link to each."""
    title = tr("dash.chart.top")
    shown = _platforms(rows)
    frame = table(
        shown,
        ["title", "platform", "account", "interactions", "reach", "clicks", "remote_url",
         "simulated"],
    )  # fmt: skip
    chart = None
    if shown:
        bars = pd.DataFrame(
            [{"post": f"{r['title'][:40]} ({r['platform']})", **r} for r in shown]
        ).drop(columns=["published_at"])
        chart = (
            alt.Chart(bars)
            .mark_bar()
            .encode(
                x=alt.X("interactions:Q", title=tr("dash.col.interactions")),
                y=alt.Y("post:N", sort="-x", title=None),
                color=alt.Color("platform:N", title=tr("dash.col.platform")),
                tooltip=["title:N", "platform:N", "interactions:Q"],
            )
        )
    chart_block(title, chart, frame, "top-posts")
    for r in shown:
        left, right = st.columns([1, 5])
        if r["thumbnail"] and Path(r["thumbnail"]).exists():
            alt_text = r["alt_text"] or r["title"]
            left.image(
                r["thumbnail"], caption=tr("dash.top.image", alt=alt_text), width=96, alt=alt_text
            )
        line = f"**{plain(r['title'])}** · {r['platform']} · {r['interactions']} "
        line += tr("dash.col.interactions").lower()
        if r["simulated"]:
            line += " · 🧪"
        right.markdown(line)
        if r["remote_url"]:
            right.link_button(tr("dash.top.open"), r["remote_url"])


def measures(rows: list[dict[str, Any]]) -> None:
    """The five social media measures per month and channel."""
    title = tr("dash.chart.measures")
    shown = _rated(_platforms(rows))
    columns = ["month", "platform", "posts", "followers", "follower_growth", "interactions",
               "engagement_rate", "clicks", "interactions_per_post", "clicks_per_post",
               "simulated"]  # fmt: skip
    frame = table(shown, columns)
    chart = None
    if shown:
        chart = (
            alt.Chart(pd.DataFrame(shown))
            .mark_bar()
            .encode(
                x=alt.X("month:N", title=tr("dash.col.month")),
                xOffset="platform:N",
                y=alt.Y("posts:Q", title=tr("dash.col.posts")),
                color=alt.Color("platform:N", title=tr("dash.col.platform")),
                tooltip=["month:N", "platform:N", "posts:Q", "interactions:Q", "clicks:Q"],
            )
        )
    chart_block(title, chart, frame, "measures")
