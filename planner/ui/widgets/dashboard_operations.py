"""The dashboard's audience, on-time publishing and best-time sections (the last one can add
its suggested slots to an account's posting slots)."""

from __future__ import annotations

from typing import Any

import altair as alt
import pandas as pd
import streamlit as st

from planner.db import session_scope
from planner.evaluation.best_time import Heatmap, apply_suggestions
from planner.evaluation.punctuality import OnTime
from planner.people.roles import Action, PermissionDenied
from planner.ui.runtime import locale, plain, tr
from planner.ui.session import allowed, require_actor
from planner.ui.widgets.chart_block import chart_block, percent, table

ON_TIME_PARTS = ("on_time", "late", "failed", "needs_attention", "unknown", "retried", "overdue")


def audience(series: list[dict[str, Any]], summary: list[dict[str, Any]]) -> None:
    """Followers per account and day, and each account's growth over the period."""
    title = tr("dash.chart.audience")
    chart = None
    if series:
        chart = (
            alt.Chart(pd.DataFrame([r | {"day": str(r["day"])} for r in series]))
            .mark_line(point=True)
            .encode(
                x=alt.X("day:T", title=tr("dash.col.day")),
                y=alt.Y("followers:Q", title=tr("dash.col.followers")),
                color=alt.Color("account:N", title=tr("dash.col.account")),
                tooltip=["day:T", "account:N", "followers:Q"],
            )
        )
    shown = [
        r | {"platform": tr(f"platform.{r['platform']}"), "growth_pct": _round(r["growth_pct"])}
        for r in summary
    ]
    frame = table(
        shown,
        ["account", "platform", "followers_start", "followers_end", "growth", "growth_pct",
         "simulated"],
    )  # fmt: skip
    chart_block(title, chart, frame, "audience")


def on_time(result: OnTime) -> None:
    """The share sent within a minute of its time, and the targets that needed a person."""
    title = tr("dash.chart.on_time")
    share = result.share_on_time
    cols = st.columns(4)
    cols[0].metric(tr("dash.on_time.share"), "—" if share is None else f"{share * 100:.0f} %")
    cols[1].metric(tr("dash.on_time.failed"), result.failed)
    cols[2].metric(tr("dash.on_time.needs_attention"), result.needs_attention)
    cols[3].metric(tr("dash.on_time.retried"), result.retried)
    st.caption(tr("dash.on_time.considered", count=result.considered))
    counts = [
        {"measure": tr(f"dash.on_time.{part}"), "count": getattr(result, part)}
        for part in ON_TIME_PARTS
    ]
    chart = (
        alt.Chart(pd.DataFrame(counts))
        .mark_bar()
        .encode(
            x=alt.X("count:Q", title=tr("dash.col.count")),
            y=alt.Y("measure:N", sort=None, title=None),
            tooltip=["measure:N", "count:Q"],
        )
    )
    chart_block(title, chart, table(counts, ["measure", "count"]), "on-time")
    if result.attention_rows:
        rows = [r | {"platform": tr(f"platform.{r['platform']}")} for r in result.attention_rows]
        chart_block(
            tr("dash.on_time.rows"),
            None,
            table(
                rows,
                [
                    "title",
                    "platform",
                    "account",
                    "status",
                    "error_kind",
                    "attempts",
                    "due_at",
                    "published_at",
                    "simulated",
                ],
            ),
            "needed-attention",
        )


def best_time(result: Heatmap, accounts: list[tuple[int, str]]) -> None:
    """The weekday × hour heatmap, what it rests on, and its suggested slots."""
    title = tr("dash.chart.heatmap")
    days = [tr(f"dash.day.{i}") for i in range(7)]
    cells = [
        c | {"weekday": days[c["weekday"]], "engagement_rate": percent(c["engagement_rate"])}
        for c in result.cells
    ]
    chart = None
    if cells:
        chart = (
            alt.Chart(pd.DataFrame(cells))
            .mark_rect()
            .encode(
                x=alt.X("hour:O", title=tr("dash.col.hour")),
                y=alt.Y("weekday:N", sort=days, title=tr("dash.col.weekday")),
                color=alt.Color("engagement_rate:Q", title=tr("dash.col.engagement_rate")),
                tooltip=["weekday:N", "hour:O", "targets:Q", "engagement_rate:Q"],
            )
        )
    columns = ["weekday", "hour", "targets", "interactions", "engagement_rate", "simulated"]
    chart_block(title, chart, table(cells, columns), "best-time")
    st.caption(tr("dash.heat.rests", count=result.posts))
    if not result.enough:
        st.info(
            tr(
                "dash.heat.too_little",
                count=result.posts,
                total=result.min_total,
                per_slot=result.min_per_slot,
            )
        )
        return
    if not result.suggestions:
        st.info(tr("dash.heat.no_trusted", per_slot=result.min_per_slot))
        return
    st.success(tr("dash.heat.suggested", slots=_slots_text(result.suggestions)))
    if accounts and allowed(Action.MANAGE_SLOTS):
        _apply_form(result.suggestions, accounts)


def _apply_form(suggestions: list[tuple[int, str]], accounts: list[tuple[int, str]]) -> None:
    names = dict(accounts)
    left, right = st.columns([2, 1])
    account_id = left.selectbox(
        tr("dash.heat.account"), list(names), format_func=lambda i: names[i], key="dash_slot_acc"
    )
    if right.button(tr("dash.heat.apply"), key="dash_apply_slots"):
        try:
            with session_scope() as session:
                added = apply_suggestions(session, require_actor(), account_id, suggestions)
        except PermissionDenied as exc:
            st.error(plain(exc.text(locale())))
            return
        name = names[account_id]
        if added:
            st.success(
                tr("dash.heat.applied", count=len(added), account=name, slots=_slots_text(added))
            )
        else:
            st.info(tr("dash.heat.nothing_new", account=name))


def _slots_text(slots: list[tuple[int, str]]) -> str:
    return ", ".join(f"{tr(f'dash.day.{day}')} {at}" for day, at in slots)


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 1)
